import { InvalidFanOutError, parseFanOut } from './node-fan-out';

describe('parseFanOut (a fan-out entry read from Redis)', () => {
  it('accepts a task fan-out and keeps each recipient with its own fields', () => {
    const raw = { event: 'task', shared: { type: 'task', seed: 0 }, recipients: [{ clientId: 'a', own: { seed: 1 } }] };
    expect(parseFanOut(raw)).toEqual(raw);
  });

  it.each([
    ['not an object', 'fan-out: not an object'],
    [{ event: 'run-end', shared: {}, recipients: [] }, 'fan-out: event must be one of task'],
    [{ event: 'task', shared: [], recipients: [] }, 'fan-out: shared must be an object'],
    [{ event: 'task', shared: {}, recipients: {} }, 'fan-out: recipients must be an array'],
    [
      {
        event: 'task',
        shared: {},
        recipients: [
          { clientId: 'a', own: {} },
          { clientId: 7, own: {} },
        ],
      },
      'fan-out: recipients[1] must be { clientId, own }',
    ],
    [
      { event: 'task', shared: {}, recipients: [{ clientId: 'a' }] },
      'fan-out: recipients[0] must be { clientId, own }',
    ],
  ])('refuses %j with a named error', (raw, message) => {
    expect(() => parseFanOut(raw)).toThrow(new InvalidFanOutError(message));
    expect(() => parseFanOut(raw)).toThrow(InvalidFanOutError);
  });
});
