/**
 * The coordinator process's `close`: closes the coordinator, then closes the IPC channel **whatever
 * the close did**. The parent's `CoordinatorProcess.close()` waits for the process to exit, which it
 * does once the channel is closed: a close that rejects must not keep it waiting for ever. Rejects
 * with the close's error, after disconnecting.
 *
 * @example
 * await closeThenDisconnect(() => coordinator.close(), () => process.disconnect?.());
 */
export async function closeThenDisconnect(close: () => Promise<void>, disconnect: () => void): Promise<void> {
  try {
    await close();
  } finally {
    disconnect();
  }
}
