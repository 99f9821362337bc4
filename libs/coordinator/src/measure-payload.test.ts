import { measurePayload } from './measure-payload';

describe('measurePayload', () => {
  it('counts strings, binary, numbers and keys', () => {
    expect(measurePayload([{ type: 'hello', n: 1, b: new Uint8Array(100) }, () => undefined], 1_000, 8)).toEqual({
      ok: true,
      bytes: 2 + 4 + 5 + 1 + 8 + 1 + 100 + 1,
      depth: 1,
    });
  });

  it('stops at the size cap', () => {
    expect(measurePayload(['x'.repeat(2_000)], 1_000, 8)).toMatchObject({ ok: false, problem: 'too-large' });
    expect(measurePayload([{ payload: new Uint8Array(5_000) }], 1_000, 8)).toMatchObject({
      ok: false,
      problem: 'too-large',
    });
  });

  it('refuses deep nesting without recursing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(measurePayload([deep], 10_000_000, 32)).toMatchObject({ ok: false, problem: 'too-deep' });
  });
});
