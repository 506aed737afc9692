/** The district fixture (scripts/bench/district.ts) seeded straight into the local cloud's store. */
import { keyOf } from '../../localcloud/src/store';
import type { LocalCloud } from '../../localcloud/src';
import type { Doc } from '../../scripts/bench/district';

export * from '../../scripts/bench/district';

/** Writes (or puts back) the fixture's documents in the store, in commits of 10,000. */
export function seedDistrict(cloud: LocalCloud, docs: Record<string, Doc[]>): void {
  const writes = Object.entries(docs).flatMap(([collection, list]) =>
    list.map((doc) => ({ collection, id: keyOf(doc._id), doc })),
  );
  for (let i = 0; i < writes.length; i += 10_000) cloud.db.store.commit(writes.slice(i, i + 10_000));
}
