import type { SimulatedClientSpec } from './simulated-client-spec';
import { spreadOverCoordinators } from './spread-over-coordinators';

const spec = (i: number): SimulatedClientSpec => ({
  clientId: `sim-${i}`,
  data: { count: 0 } as unknown as SimulatedClientSpec['data'],
  dropout: 0,
  straggle: 0,
  badActor: false,
  roundTimeoutMs: 1_000,
  seed: i,
});

describe('spreadOverCoordinators', () => {
  it('puts client i on node i mod k', () => {
    const spread = spreadOverCoordinators([0, 1, 2, 3, 4].map(spec), ['http://a', 'http://b']);
    expect(spread.map((s) => [s.clientId, s.coordinatorUrl])).toEqual([
      ['sim-0', 'http://a'],
      ['sim-1', 'http://b'],
      ['sim-2', 'http://a'],
      ['sim-3', 'http://b'],
      ['sim-4', 'http://a'],
    ]);
  });

  it('gives every client the other nodes to fail over to, in list order after its own', () => {
    const spread = spreadOverCoordinators([0, 1, 2].map(spec), ['http://a', 'http://b', 'http://c']);
    expect(spread.map((s) => [s.coordinatorUrl, ...(s.failoverUrls ?? [])])).toEqual([
      ['http://a', 'http://b', 'http://c'],
      ['http://b', 'http://c', 'http://a'],
      ['http://c', 'http://a', 'http://b'],
    ]);
  });

  it('leaves the specs alone for one URL, and refuses none', () => {
    expect(spreadOverCoordinators([spec(0)], ['http://a'])[0].coordinatorUrl).toBeUndefined();
    expect(() => spreadOverCoordinators([spec(0)], [])).toThrow(/at least one coordinator/);
  });
});
