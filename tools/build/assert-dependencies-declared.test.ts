import { assertDependenciesDeclared, packageOf } from './assert-dependencies-declared';

describe('packageOf', () => {
  it('names the package of a specifier, without its subpath', () => {
    expect(packageOf('@edgefl/runtime/node')).toBe('@edgefl/runtime');
    expect(packageOf('@tensorflow/tfjs-core')).toBe('@tensorflow/tfjs-core');
    expect(packageOf('socket.io-client/dist/socket.io.js')).toBe('socket.io-client');
    expect(packageOf('tweetnacl')).toBe('tweetnacl');
  });

  it('returns null for Node built-ins, with or without node:', () => {
    for (const builtin of ['node:fs', 'fs', 'fs/promises', 'node:worker_threads', 'path'])
      expect(packageOf(builtin)).toBeNull();
  });
});

describe('assertDependenciesDeclared', () => {
  it('passes when every imported package is declared, built-ins and self-references aside', () => {
    expect(() =>
      assertDependenciesDeclared(
        '@edgefl/client',
        ['socket.io-client', 'node:fs', '@edgefl/client/node', '@edgefl/protocol'],
        ['socket.io-client', '@edgefl/protocol'],
      ),
    ).not.toThrow();
  });

  it('names every undeclared package once', () => {
    expect(() =>
      assertDependenciesDeclared('@edgefl/dashboard', ['socket.io', 'chart.js', 'chart.js/auto', 'node:http'], []),
    ).toThrow('@edgefl/dashboard imports chart.js, socket.io without declaring them in package.json');
    expect(() => assertDependenciesDeclared('@edgefl/client', ['tweetnacl'], ['socket.io-client'])).toThrow(
      'imports tweetnacl without declaring it',
    );
  });
});
