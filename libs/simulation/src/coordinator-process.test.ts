import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { CoordinatorProcess } from './coordinator-process';
import { CoordinatorProcessError } from './coordinator-process-error';

/** A real child process on an IPC channel, running `script` in place of the coordinator. */
function child(script: string): ChildProcess {
  return spawn(process.execPath, ['-e', script], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
}

describe('CoordinatorProcess when its process goes early', () => {
  it('rejects the pending request and later ones with a named error once the child exited, and close() resolves', async () => {
    const spawned = child("process.on('message', () => process.exit(3));");
    const process = CoordinatorProcess._attach(spawned);
    const exited = once(spawned, 'exit');
    const pending = process.waitForClients(1, 60_000);
    await expect(pending).rejects.toThrow(CoordinatorProcessError);
    await exited;
    await expect(process.run()).rejects.toThrow(CoordinatorProcessError);
    await expect(process.run()).rejects.toThrow(/exited \(code 3\)/);
    await expect(process.close()).resolves.toBeUndefined();
  });

  it('a child that closed its IPC channel but has not exited: pending and later requests reject with a named error (no uncaught error), close() resolves', async () => {
    // The child closes the channel at the first request and lingers (until close() kills it).
    const spawned = child("process.on('message', () => process.disconnect()); setInterval(() => undefined, 1000);");
    const process = CoordinatorProcess._attach(spawned);
    const pending = process.waitForClients(1, 60_000);
    await once(spawned, 'disconnect');
    await expect(pending).rejects.toThrow(CoordinatorProcessError);
    await expect(process.waitForClients(1, 60_000)).rejects.toThrow(CoordinatorProcessError);
    expect(spawned.exitCode).toBeNull();
    await expect(process.close()).resolves.toBeUndefined();
  });
});
