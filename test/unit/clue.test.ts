/** 隐患与线索's rules: a closed report stays closed; only pictures pass as photos. */
import fc from 'fast-check';
import { type ClueEvent, type ClueState, clueStateAfter, isPicture } from '../../core/clue';

const states = fc.constantFrom<ClueState>('open', 'assigned', 'closed');
const events = fc.constantFrom<ClueEvent>({ kind: 'assign' }, { kind: 'handle' });

test('whatever happens, a closed report stays closed and its answer stands', () => {
  fc.assert(
    fc.property(fc.array(events, { maxLength: 10 }), (later) => {
      let state: ClueState = 'closed';
      for (const event of later) state = clueStateAfter(state, event) ?? state;
      expect(state).toBe('closed');
      expect(later.every((event) => clueStateAfter('closed', event) === null)).toBe(true);
    }),
  );
});

test('any run of events ends closed exactly when a handle came, and assigned only after an assign', () => {
  fc.assert(
    fc.property(fc.array(events, { maxLength: 10 }), (run) => {
      let state: ClueState = 'open';
      for (const event of run) state = clueStateAfter(state, event) ?? state;
      const handled = run.some((e) => e.kind === 'handle');
      expect(state === 'closed').toBe(handled);
      if (!handled) expect(state).toBe(run.length ? 'assigned' : 'open');
    }),
  );
  fc.assert(
    fc.property(states, (state) =>
      expect(clueStateAfter(state, { kind: 'handle' })).toBe(state === 'closed' ? null : 'closed'),
    ),
  );
});

test('JPEG, PNG and WebP headers are pictures; anything else is not', () => {
  expect(isPicture(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
  expect(isPicture(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe(true);
  expect(isPicture(Buffer.from('RIFF\x00\x00\x00\x00WEBP', 'latin1'))).toBe(true);
  expect(isPicture(Buffer.from('RIFF\x00\x00\x00\x00WAVE', 'latin1'))).toBe(false);
  expect(isPicture(Buffer.from('%PDF-1.4'))).toBe(false);
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 12, maxLength: 12 }), (head) => {
      const known = head[0] === 0xff || head[0] === 0x89 || head[0] === 0x52;
      if (!known) expect(isPicture(head)).toBe(false);
    }),
  );
});
