import { ErrorCode, ProtocolError } from '@edgefl/protocol';
import { assertMayTakeOver } from './assert-may-take-over';
import type { ClientSession } from './client-session';

const live = (identityKey?: Uint8Array): ClientSession =>
  ({
    clientId: 'phone',
    socket: { id: 'old' },
    agent: { sdk: 'x' },
    protocolVersion: 1,
    connectedAt: 0,
    identityKey,
  }) as unknown as ClientSession;

function code(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as ProtocolError).code;
  }
}

describe('assertMayTakeOver', () => {
  const key = new Uint8Array(32).fill(1);

  it('lets a free id, the same socket and the proven owner through', () => {
    expect(code(() => assertMayTakeOver(undefined, {}, undefined))).toBeUndefined();
    const session = live(key);
    expect(code(() => assertMayTakeOver(session, session.socket, undefined))).toBeUndefined();
    expect(code(() => assertMayTakeOver(session, {}, key.slice()))).toBeUndefined();
  });

  it('refuses keyless newcomers, other keys and takeovers of keyless live connections', () => {
    expect(code(() => assertMayTakeOver(live(key), {}, undefined))).toBe(ErrorCode.ClientIdInUse);
    expect(code(() => assertMayTakeOver(live(key), {}, new Uint8Array(32).fill(2)))).toBe(ErrorCode.ClientIdInUse);
    expect(code(() => assertMayTakeOver(live(undefined), {}, key))).toBe(ErrorCode.ClientIdInUse);
    expect(code(() => assertMayTakeOver(live(undefined), {}, undefined))).toBe(ErrorCode.ClientIdInUse);
  });
});
