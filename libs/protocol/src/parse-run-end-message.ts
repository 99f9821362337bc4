import { hasField, readId, readInteger, readLiteral, readRecord } from './field-readers';
import { readModelUrl } from './read-model-url';
import type { RunEndMessage } from './server-messages';

/**
 * Validates a `run-end` from the coordinator (docs/PROTOCOL.md, "run-end").
 *
 * @throws ProtocolError `invalid-message` naming the first bad field, e.g. `run-end.reason must be 'completed' or 'stopped'`.
 * @example
 * socket.on('run-end', (input: unknown) => { const end = parseRunEndMessage(input); socket.close(); });
 */
export function parseRunEndMessage(input: unknown): RunEndMessage {
  const source = readRecord(input, 'run-end');
  const message: RunEndMessage = {
    type: readLiteral(source, 'type', ['run-end']),
    runId: readId(source, 'runId'),
    reason: readLiteral(source, 'reason', ['completed', 'stopped']),
    modelVersion: readInteger(source, 'modelVersion'),
    rounds: readInteger(source, 'rounds'),
  };
  if (hasField(source, 'modelUrl')) message.modelUrl = readModelUrl(source);
  return message;
}
