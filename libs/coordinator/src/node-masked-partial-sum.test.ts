import { ErrorCode, ProtocolError } from '@edgefl/protocol';
import { NodeMaskedPartialSum } from './node-masked-partial-sum';

describe('NodeMaskedPartialSum', () => {
  it('sums the masked vectors of exactly the listed clients mod 2^m, whatever the held ones', () => {
    const node = new NodeMaskedPartialSum('run/1/1', 'node-1', 4, 3);
    node.hold('a', Uint32Array.of(15, 1, 8));
    node.hold('b', Uint32Array.of(3, 2, 9));
    node.hold('c', Uint32Array.of(7, 0, 15));
    // a + c mod 16 (b was not counted by the leader, e.g. it came after the stage closed there).
    expect(node.partial(['c', 'a'])).toEqual({ clients: ['c', 'a'], sum: Uint32Array.of(6, 1, 7) });
    // The partial forgets what it held.
    expect(node.size).toBe(0);
  });

  it('sums every held vector mod 2^32 without losing bits, and covers only the listed clients it holds', () => {
    const node = new NodeMaskedPartialSum('run/1/1', 'node-1', 32, 2);
    node.hold('a', Uint32Array.of(0xffffffff, 0x80000000));
    node.hold('b', Uint32Array.of(2, 0x80000001));
    expect(node.partial(['a', 'b', 'gone'])).toEqual({ clients: ['a', 'b'], sum: Uint32Array.of(1, 1) });
  });

  it('refuses a second vector of a client (duplicate-report), a wrong length or a value not below 2^m', () => {
    const node = new NodeMaskedPartialSum('run/1/1', 'node-1', 4, 2);
    node.hold('a', Uint32Array.of(1, 2));
    const duplicate = (() => {
      try {
        node.hold('a', Uint32Array.of(1, 2));
      } catch (error) {
        return error;
      }
    })();
    expect(duplicate).toBeInstanceOf(ProtocolError);
    expect((duplicate as ProtocolError).code).toBe(ErrorCode.DuplicateReport);
    expect(() => node.hold('b', Uint32Array.of(1))).toThrow(/length 1, expected 2/);
    expect(() => node.hold('b', Uint32Array.of(1, 16))).toThrow(/not below 2\^4/);
    expect(node.partial(['a', 'b'])).toEqual({ clients: ['a'], sum: Uint32Array.of(1, 2) });
    expect(() => new NodeMaskedPartialSum('r', 'n', 33, 2)).toThrow(RangeError);
  });
});
