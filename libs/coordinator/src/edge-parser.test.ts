import { FrameRefusedError, createEdgeParser, nestingDepth } from './edge-parser';

const LIMITS = {
  maxTextFrameChars: 1_000,
  maxConnectChars: 100,
  maxNestingDepth: 4,
  maxAttachments: 2,
  preEnrollmentBinaryBytes: 16,
};

function decoder(): {
  add(frame: unknown): void;
  raiseBinaryCap(bytes: number): void;
  refused: number;
  on(event: 'decoded', listener: (packet: unknown) => void): void;
} {
  const { Decoder } = createEdgeParser(LIMITS);
  return new Decoder() as unknown as ReturnType<typeof decoder>;
}

function refusal(add: () => void): string {
  try {
    add();
  } catch (error) {
    if (error instanceof FrameRefusedError) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('createEdgeParser', () => {
  it('decodes frames within the caps like socket.io-parser', () => {
    const d = decoder();
    const packets: unknown[] = [];
    d.on('decoded', (packet) => packets.push(packet));
    d.add('0{"token":"x"}');
    d.add('2["hello",{"a":[1,2]}]');
    expect(packets).toEqual([
      { type: 0, nsp: '/', data: { token: 'x' } },
      { type: 2, nsp: '/', data: ['hello', { a: [1, 2] }] },
    ]);
  });

  it('refuses long text frames, long CONNECT packets and deep nesting before parsing', () => {
    const parse = jest.spyOn(JSON, 'parse');
    try {
      expect(refusal(() => decoder().add(`2["hello","${'a'.repeat(1_000)}"]`))).toBe('frame-too-large');
      expect(refusal(() => decoder().add(`0{"pad":"${'a'.repeat(100)}"}`))).toBe('connect-too-large');
      expect(refusal(() => decoder().add('2["hello",[[[[[1]]]]]]'))).toBe('too-deep');
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('holds binary attachments to the pre-enrollment cap until it is raised, and counts attachments', () => {
    const before = decoder();
    before.add('51-["update",{"_placeholder":true,"num":0}]');
    expect(refusal(() => before.add(new Uint8Array(17)))).toBe('binary-too-large');
    expect(before.refused).toBe(1);

    const after = decoder();
    after.raiseBinaryCap(1_024);
    const packets: unknown[] = [];
    after.on('decoded', (packet) => packets.push(packet));
    after.add('51-["update",{"_placeholder":true,"num":0}]');
    after.add(new Uint8Array(1_024));
    expect(packets).toHaveLength(1);
    expect(refusal(() => decoder().add('53-["update",{"_placeholder":true,"num":0}]'))).toBe('too-many-attachments');
  });

  it('counts nesting outside strings only', () => {
    expect(nestingDepth('["[[[[",{"a":[1]}]', 10)).toBe(3);
    expect(nestingDepth('["\\"[[[["]', 10)).toBe(1);
  });
});
