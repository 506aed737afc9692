/**
 * aggregate(): mingo runs the pipeline; the documents it starts from come through the planner
 * when the first stage is a $match, and a $lookup whose sub-pipeline starts with a plain $match
 * is answered through the planner too (as MongoDB would use an index) instead of handing mingo
 * the whole foreign collection.
 */
import { Aggregator } from './mongo-ops';
import type { Doc } from './ejson';

export interface PipelineSource {
  match(collection: string, query: Doc): { docs: Doc[]; scanned: number };
  all(collection: string): Doc[];
}

export function runPipeline(
  collection: string,
  stages: Doc[],
  source: PipelineSource,
): { docs: Doc[]; scanned: number } {
  let input: Doc[];
  let scanned = 0;
  let pipeline = stages;
  const first = stages[0] as { $match?: Doc } | undefined;
  if (first?.$match) {
    ({ docs: input, scanned } = source.match(collection, first.$match));
    pipeline = stages.slice(1);
  } else {
    input = source.all(collection);
    scanned = input.length;
  }
  const prepared = new Map<string, Doc[]>();
  pipeline = pipeline.map((stage, i) => {
    const lookup = stage.$lookup as { from?: string; let?: object; pipeline?: Doc[] } | undefined;
    const match = lookup?.pipeline?.[0]?.$match as Doc | undefined;
    const plain = !!match && !JSON.stringify(match).includes('$expr') && Object.keys(lookup?.let ?? {}).length === 0;
    if (!lookup || typeof lookup.from !== 'string' || !plain) return stage;
    const found = source.match(lookup.from, match!);
    scanned += found.scanned;
    const name = `${lookup.from}\u0000${i}`;
    prepared.set(name, found.docs);
    return { $lookup: { ...lookup, from: name, pipeline: lookup.pipeline!.slice(1) } };
  });
  const aggregator = new Aggregator(pipeline as never[], {
    collectionResolver: (name: string) => {
      const ready = prepared.get(name);
      if (ready) return ready;
      const docs = source.all(name);
      scanned += docs.length;
      return docs;
    },
  });
  return { docs: aggregator.run(input) as Doc[], scanned };
}
