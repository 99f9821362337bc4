import { MemoryClientRegistry } from '@edgefl/coordinator-store';
import { ErrorCode, ProtocolError } from '@edgefl/protocol';
import { EnrollmentGate } from './enrollment-gate';

describe('EnrollmentGate registry', () => {
  it('open mode: keeps at most 1.1 x maxClients registrations, newest kept', async () => {
    const registry = new MemoryClientRegistry();
    const gate = new EnrollmentGate({ mode: 'open', registry: { maxClients: 10 } }, registry);
    for (let i = 0; i < 100; i++) {
      await gate.enroll(`c-${i}`, undefined);
      expect(registry.size).toBeLessThanOrEqual(11);
    }
    expect(await registry.getClient('c-99')).toBeDefined();
  });

  it('pins the first proven key in every mode, in memory when no store is given', async () => {
    const gate = new EnrollmentGate({ mode: 'open' });
    const key = new Uint8Array(32).fill(3);
    await gate.enroll('phone', key);
    await gate.enroll('phone', key.slice());
    for (const other of [undefined, new Uint8Array(32).fill(4)]) {
      const refusal = await gate.enroll('phone', other).then(
        () => undefined,
        (error: ProtocolError) => error,
      );
      expect(refusal).toMatchObject({
        code: ErrorCode.Unauthorized,
        message: 'client phone is enrolled with a different identity key',
      });
    }
  });

  it('names bad open-registry limits', () => {
    expect(() => new EnrollmentGate({ mode: 'open', registry: { maxClients: 0 } })).toThrow(
      'mode.registry.maxClients must be a positive integer, got 0',
    );
  });
});
