import { parseSimulationArgs } from './parse-simulation-args';

describe('parseSimulationArgs --coordinator', () => {
  it('takes one URL as before', () => {
    const options = parseSimulationArgs(['--coordinator', 'http://127.0.0.1:7070']);
    expect(options).toMatchObject({ coordinator: 'http://127.0.0.1:7070' });
    expect(options).not.toHaveProperty('coordinatorNodes');
  });

  it('takes several nodes of one run, comma-separated: the report follows the first', () => {
    expect(parseSimulationArgs(['--coordinator', 'http://127.0.0.1:7070, https://b.example:443'])).toMatchObject({
      coordinator: 'http://127.0.0.1:7070',
      coordinatorNodes: ['http://127.0.0.1:7070', 'https://b.example:443'],
    });
  });

  it('names a URL that is not http(s), an empty entry and a node given twice', () => {
    expect(() => parseSimulationArgs(['--coordinator', 'http://a:1,redis://b:2'])).toThrow(
      /--coordinator: "redis:\/\/b:2" is not an http:\/\/ or https:\/\/ URL/,
    );
    expect(() => parseSimulationArgs(['--coordinator', 'http://a:1,'])).toThrow(/--coordinator: "" is not/);
    expect(() => parseSimulationArgs(['--coordinator', 'http://a:1,http://a:1'])).toThrow(/names a node twice/);
  });
});
