/**
 * An alert for the grid worker of a resident's building (the 隔离名单 lists them until resolved):
 * one shape for every source — a fever at the gate, an abnormal check-in, an offline scan the
 * cloud would have decided otherwise.
 */
export interface AlertSubject {
  residentId: string;
  buildingId: string;
  unit: number;
  maskedName: string;
}

export const alertFields = (
  subject: AlertSubject,
  { at, kind, detail }: { at: Date; kind: string; detail: string },
) => ({
  at,
  kind,
  residentId: subject.residentId,
  buildingId: subject.buildingId,
  unit: subject.unit,
  maskedName: subject.maskedName,
  detail,
  resolved: false,
});
