import { predictRoundOutcome } from './predict-round-outcome';

/** A ring of 6 where each client neighbours the two on either side (k = 4). */
const RING = new Map(
  [1, 2, 3, 4, 5, 6].map((id) => [id, [1, 2, 4, 5].map((step) => ((id - 1 + step) % 6) + 1).sort()] as const),
);

describe('predictRoundOutcome', () => {
  it('completes with every client when nobody drops', () => {
    expect(predictRoundOutcome(RING, 3, {}, false)).toEqual({ completes: true, survivors: [1, 2, 3, 4, 5, 6] });
  });

  it('keeps in the sum a client that drops after its masked input, and leaves out one that dropped before', () => {
    expect(predictRoundOutcome(RING, 2, { afterShare: [2], afterMaskedInput: [5] }, false)).toEqual({
      completes: true,
      survivors: [1, 3, 4, 5, 6],
    });
  });

  it('aborts before unmasking when fewer than t + 1 clients advertise', () => {
    expect(predictRoundOutcome(RING, 3, { beforeAdvertise: [1, 2, 3] }, false)).toEqual({
      completes: false,
      abortedBeforeUnmask: true,
    });
  });

  it('aborts at the end when a dropped sharer has fewer than t revealing neighbours', () => {
    // 1 shared then dropped; of its neighbours 2, 3, 5, 6 only 3 reveals: its mask key cannot be rebuilt.
    expect(predictRoundOutcome(RING, 2, { afterShare: [1], afterMaskedInput: [2, 5, 6] }, false)).toEqual({
      completes: false,
      abortedBeforeUnmask: false,
    });
  });

  it('counts silence after the signature only with the consistency check', () => {
    const dropouts = { afterConsistencySignature: [1, 2, 3] };
    expect(predictRoundOutcome(RING, 3, dropouts, false).completes).toBe(true);
    expect(predictRoundOutcome(RING, 3, dropouts, true)).toEqual({ completes: false, abortedBeforeUnmask: false });
  });
});
