/**
 * The store's fast read gives exactly what bson's EJSON.parse gives: for any document of plain
 * values and dates (in and out of the 1970–9999 range the store writes as ISO), and for what only
 * bson can write (a regular expression), which falls back to it.
 */
import fc from 'fast-check';
import { EJSON } from 'bson';
import { decodeFromStore, encodeForStore } from '../src/ejson';

const key = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,8}$/);
const leaf = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.maxSafeInteger(),
  fc.constantFrom(2 ** 40, -(2 ** 31), 2 ** 31 - 1, 2 ** 31, 2 ** 64, 0, -0, 1e300),
  fc.boolean(),
  fc.constant(null),
  fc.date({ min: new Date(-8e15), max: new Date(8e15), noInvalidDate: true }),
);
const { doc } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 4 }), tie('doc')),
  doc: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
}));

test('a stored document reads back as bson reads it', () => {
  fc.assert(
    fc.property(doc, (d) => {
      const text = encodeForStore(d);
      expect(decodeFromStore(text)).toEqual(EJSON.parse(text, { relaxed: true }));
    }),
    { numRuns: 500 },
  );
});

test('a document holding what only bson writes (a regular expression, a huge integer) reads back through bson', () => {
  expect(decodeFromStore(encodeForStore({ r: /x/m, n: 2 ** 60, when: new Date(0) }))).toEqual({
    r: /x/m,
    n: 2 ** 60,
    when: new Date(0),
  });
});
