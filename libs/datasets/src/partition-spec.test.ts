import { parsePartitionSpec } from './partition-spec';

describe('parsePartitionSpec', () => {
  it('parses the three forms', () => {
    expect(parsePartitionSpec('iid')).toEqual({ kind: 'iid' });
    expect(parsePartitionSpec(' dirichlet:0.3 ')).toEqual({ kind: 'dirichlet', alpha: 0.3 });
    expect(parsePartitionSpec('dirichlet:1e2')).toEqual({ kind: 'dirichlet', alpha: 100 });
    expect(parsePartitionSpec('shards:2')).toEqual({ kind: 'shards', shardsPerClient: 2 });
  });

  it.each([
    '',
    'IID',
    'dirichlet',
    'dirichlet:',
    'dirichlet:0',
    'dirichlet:-1',
    'dirichlet:abc',
    'dirichlet:Infinity',
    'shards:0',
    'shards:1.5',
    'shards:x',
    'random',
  ])('rejects %p with an error naming the accepted forms', (text) => {
    expect(() => parsePartitionSpec(text)).toThrow(/partition spec/);
  });
});
