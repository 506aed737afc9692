/** Writes the demo estate into an empty local cloud, straight into the store (one commit per collection). */
import type { LocalCloud } from '../localcloud/src';
import { keyOf } from '../localcloud/src/store';
import { DemoData, demoEstate } from './estate';

/** Seeds when the database holds no residents yet; answers what was written, or null. */
export function seedDemo(cloud: LocalCloud): DemoData | null {
  if (cloud.db.count('residents', {}).total > 0) return null;
  const demo = demoEstate();
  for (const [collection, docs] of Object.entries(demo.collections)) {
    cloud.db.store.commit(docs.map((doc) => ({ collection, id: keyOf(doc._id), doc })));
  }
  return demo;
}
