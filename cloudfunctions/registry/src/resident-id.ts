import crypto from 'node:crypto';

/** The id an imported person gets: the same for the same ID number in the same enclosure, every run. */
export const residentIdFor = (enclosureId: string, idHash: string) =>
  `res-${crypto.createHash('sha256').update(`${enclosureId}\u0000${idHash}`).digest('hex').slice(0, 20)}`;
