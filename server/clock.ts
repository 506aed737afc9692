/**
 * The functions' clock. In the cloud it is the real clock. The local cloud can move it forward
 * for tests (LOCALCLOUD_CLOCK_OFFSET_MS, set per call by its runner) so that "day 14" can be tested
 * without waiting 14 days; deployment never sets that variable.
 */
export function now(): Date {
  const offset = Number(process.env.LOCALCLOUD_CLOCK_OFFSET_MS ?? 0);
  return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0));
}
