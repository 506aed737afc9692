/**
 * Contracts of the `registry` function: importing the resident register a street or 社区 already
 * keeps (一人一档, an xlsx or csv), one enclosure at a time. `check` is a dry run that answers every
 * problem by row and column and writes nothing; `apply` imports, in chunks that each stay well
 * inside the function's time limit, and is called again until it answers `done`.
 */

export type { RegisterColumn } from '../core/register-rows';

export interface RowProblem {
  /** The spreadsheet's own row number (the header is row 1); 0 for the file as a whole. */
  row: number;
  /** The column's name as in the header, or '' for the whole row or file. */
  column: string;
  message: string;
}

export interface ImportFile {
  /** The file in cloud storage (wx.chooseMessageFile → wx.cloud.uploadFile), .xlsx or .csv. */
  fileID: string;
  enclosureId: string;
}

export interface CheckReport {
  rows: number;
  /** Every problem, by row then column; the first 500. */
  problems: RowProblem[];
  problemCount: number;
  /** What an import would do. */
  newRows: number;
  changedRows: number;
  unchangedRows: number;
  /** People an earlier import listed in this enclosure who are not in this file: reported, never deleted. */
  missing: { maskedName: string; address: string }[];
  missingCount: number;
}

export interface ImportProgress {
  jobId: string;
  state: 'running' | 'done';
  total: number;
  /** Rows handled so far (the job continues from here when called again). */
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
}

export interface RegistryContract {
  /** The template to download: an xlsx with the columns and one example row. */
  template: { request: { action: 'template' }; response: { fileID: string; url: string } };
  check: { request: { action: 'check' } & ImportFile; response: CheckReport };
  /** Imports a file that checks clean; the same requestId continues the same job. */
  apply: { request: { action: 'apply'; requestId: string } & ImportFile; response: ImportProgress };
}
