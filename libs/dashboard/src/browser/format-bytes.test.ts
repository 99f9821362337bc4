import { formatBytes } from './format-bytes';

describe('formatBytes', () => {
  it('keeps bytes below 1 KiB as they are', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
  });

  it('gives KiB with one decimal from 1 KiB and MiB with two from 1 MiB', () => {
    expect(formatBytes(1024)).toBe('1.0 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(1024 * 1024 - 1)).toBe('1024.0 KiB');
    expect(formatBytes(1024 * 1024)).toBe('1.00 MiB');
    expect(formatBytes(5.5 * 1024 * 1024)).toBe('5.50 MiB');
  });
});
