import * as tf from '@tensorflow/tfjs-core';
import { backendCandidates } from './choose-backend';
import { initializeBackend } from './initialize-backend';
import { loadTfjsNode } from './load-tfjs-node';

let previousBackend: string;
beforeAll(() => {
  previousBackend = tf.getBackend();
});
afterAll(async () => {
  if (previousBackend && previousBackend !== tf.getBackend()) await tf.setBackend(previousBackend);
});

describe('backendCandidates', () => {
  it('prefers the explicit option, then EDGEFL_BACKEND, then auto', () => {
    expect(backendCandidates('cpu', { EDGEFL_BACKEND: 'wasm' }, true)).toEqual(['cpu']);
    expect(backendCandidates(undefined, { EDGEFL_BACKEND: 'wasm' }, true)).toEqual(['wasm']);
    expect(backendCandidates(undefined, { EDGEFL_BACKEND: ' cpu ' }, true)).toEqual(['cpu']);
    expect(backendCandidates(undefined, {}, true)).toEqual(['tensorflow', 'wasm', 'cpu']);
    expect(backendCandidates('auto', { EDGEFL_BACKEND: 'cpu' }, true)).toEqual(['tensorflow', 'wasm', 'cpu']);
  });

  it('falls back to wasm, then cpu, when tfjs-node is missing', () => {
    expect(backendCandidates(undefined, {}, false)).toEqual(['wasm', 'cpu']);
    expect(backendCandidates(undefined, { EDGEFL_BACKEND: 'auto' }, false)).toEqual(['wasm', 'cpu']);
  });

  it('names a bad option or variable', () => {
    expect(() => backendCandidates('webgl' as 'cpu', {}, false)).toThrow(/options\.backend/);
    expect(() => backendCandidates(undefined, { EDGEFL_BACKEND: 'gpu' }, false)).toThrow(/EDGEFL_BACKEND/);
  });
});

describe('initializeBackend', () => {
  it('honours the explicit option over the environment', async () => {
    await expect(initializeBackend({ backend: 'cpu', env: { EDGEFL_BACKEND: 'wasm' } })).resolves.toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('honours EDGEFL_BACKEND', async () => {
    await expect(initializeBackend({ env: { EDGEFL_BACKEND: 'wasm' } })).resolves.toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    await expect(initializeBackend({ env: { EDGEFL_BACKEND: 'cpu' } })).resolves.toBe('cpu');
  });

  it('auto picks tensorflow when tfjs-node loads, else wasm, without crashing', async () => {
    const expected = loadTfjsNode() ? 'tensorflow' : 'wasm';
    await expect(initializeBackend({ env: {} })).resolves.toBe(expected);
    expect(tf.getBackend()).toBe(expected);
  });

  it('names a bad EDGEFL_BACKEND', async () => {
    await expect(initializeBackend({ env: { EDGEFL_BACKEND: 'bogus' } })).rejects.toThrow(/EDGEFL_BACKEND/);
  });

  it('tensorflow, asked for by name: tfjs-node when it loads, else a clear error naming it', async () => {
    const requested = initializeBackend({ backend: 'tensorflow', env: {} });
    if (loadTfjsNode()) await expect(requested).resolves.toBe('tensorflow');
    else await expect(requested).rejects.toThrow(/needs @tensorflow\/tfjs-node/);
  });
});
