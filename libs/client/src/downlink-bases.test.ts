import { modelHash } from '@edgefl/protocol';
import { DownlinkBases } from './downlink-bases';

const model = (x: number): Float32Array => Float32Array.of(x, -x, 2 * x);
const m0 = model(0.5);
const m1 = model(0.25);
const m2 = model(0.125);
const found = (bases: DownlinkBases, version: number, weights: Float32Array): boolean =>
  bases.find(version, modelHash(weights)) === weights;

describe('DownlinkBases', () => {
  it('keeps the full model of the last round it reported in when a newer full model came in a round it did not report in', () => {
    const bases = new DownlinkBases();
    bases.received('r1', 0, m0);
    bases.reportSent('r1');
    bases.reportAccepted('r1');
    bases.received('r2', 1, m1); // goal met before the client reported: no report in r2
    expect(bases.heldVersions()).toEqual([1, 0]);
    expect(found(bases, 0, m0)).toBe(true); // the coordinator's base
    expect(found(bases, 1, m1)).toBe(true); // the newest
    // A report in a round whose task was a delta promotes nothing: the coordinator keeps its base too.
    bases.reportSent('r3');
    bases.reportAccepted('r3');
    expect(bases.heldVersions()).toEqual([1, 0]);
    // A report in r4, whose task carried the full model m2: m2 is both, m0 and m1 can no longer be named.
    bases.received('r4', 3, m2);
    bases.reportSent('r4');
    bases.reportAccepted('r4');
    expect(bases.heldVersions()).toEqual([3]);
    expect(found(bases, 0, m0)).toBe(false);
    expect(found(bases, 1, m1)).toBe(false);
    expect(found(bases, 3, m2)).toBe(true);
  });

  it('promotes nothing on a refused report or a lost ack, and holds at most two models once reports settle', () => {
    const bases = new DownlinkBases();
    bases.received('r1', 0, m0);
    bases.reportSent('r1');
    bases.reportAccepted('r1');
    bases.received('r2', 1, m1);
    bases.reportSent('r2');
    bases.reportFailed('r2');
    bases.received('r3', 2, m2);
    // m1 was neither reported nor the newest any more: dropped.
    expect(bases.heldVersions()).toEqual([2, 0]);
    expect(found(bases, 1, m1)).toBe(false);
  });

  it('promotes the model of the reported round even when the next full model was taken in before the ack', () => {
    const bases = new DownlinkBases();
    bases.received('r1', 0, m0);
    bases.reportSent('r1');
    bases.received('r2', 1, m1); // the next task, handled before the ack of r1 in the same read
    expect(bases.heldVersions()).toEqual([1, 0]);
    bases.reportAccepted('r1');
    expect(found(bases, 0, m0)).toBe(true);
    expect(found(bases, 1, m1)).toBe(true);
    bases.received('r3', 2, m2);
    // r2 had no report: m1 goes, the coordinator's base m0 stays.
    expect(bases.heldVersions()).toEqual([2, 0]);
  });

  it('names a model by version and hash: the same version with other weights is not it', () => {
    const bases = new DownlinkBases();
    expect(bases.find(0, modelHash(m0))).toBeUndefined();
    bases.received('r1', 0, m0);
    expect(bases.find(0, modelHash(m1))).toBeUndefined();
    expect(bases.find(1, modelHash(m0))).toBeUndefined();
    expect(found(bases, 0, m0)).toBe(true);
    bases.reset();
    expect(bases.heldVersions()).toEqual([]);
  });
});
