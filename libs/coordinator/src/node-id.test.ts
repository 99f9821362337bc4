import { resolveNodeId } from './node-id';

describe('resolveNodeId', () => {
  it('keeps a valid id', () => {
    expect(resolveNodeId('node-a.1_B')).toBe('node-a.1_B');
  });

  it('generates node- and 8 hex digits, different each time', () => {
    const a = resolveNodeId();
    const b = resolveNodeId();
    expect(a).toMatch(/^node-[0-9a-f]{8}$/);
    expect(b).not.toBe(a);
  });

  it('names a bad id', () => {
    for (const bad of ['', 'a:b', 'a b', 'x'.repeat(65)])
      expect(() => resolveNodeId(bad)).toThrow(/nodeId must be 1-64 chars of \[A-Za-z0-9_.-\]/);
  });
});
