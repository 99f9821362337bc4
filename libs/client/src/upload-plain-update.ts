import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, TaskMessage, UpdateMessage } from '@edgefl/protocol';
import { deriveSeed } from '@edgefl/random';
import { PayloadTooLargeError } from './client-errors';
import { expectAccepted } from './coordinator-reply';
import type { LocalTrainingResult } from './local-trainer';
import type { UpdateEncoder } from './update-encoder';

/**
 * The upload of a plain round: encodes the delta as the task asks (rounding with the client's own
 * stream, `deriveSeed(task.seed, 'quantize', clientId)`), checks it against the coordinator's
 * `maxUpdateBytes`, sends the `update` and resolves with its payload size once it is accepted.
 *
 * @throws PayloadTooLargeError over the limit; CoordinatorRejectedError on an `error` ack.
 * @example
 * const bytes = await uploadPlainUpdate(socket, task, result, encoder, clientId, limits.maxUpdateBytes, 30_000);
 */
export async function uploadPlainUpdate(
  socket: Socket<ServerToClientEvents, ClientToServerEvents>,
  task: TaskMessage,
  result: LocalTrainingResult,
  encoder: UpdateEncoder,
  clientId: string,
  maxUpdateBytes: number,
  ackTimeoutMs: number,
): Promise<number> {
  // Each client rounds with its own stream: shared randomness would correlate the rounding errors.
  const payload = encoder.encode(result.delta, task.encoding, deriveSeed(task.seed, 'quantize', clientId));
  if (payload.byteLength > maxUpdateBytes) throw new PayloadTooLargeError(payload.byteLength, maxUpdateBytes);
  const update: UpdateMessage = {
    type: 'update',
    roundId: task.roundId,
    modelVersion: task.modelVersion,
    numSamples: result.numSamples,
    metrics: result.metrics,
    encoding: task.encoding,
    payload,
  };
  expectAccepted(await socket.timeout(ackTimeoutMs).emitWithAck('update', update));
  return payload.byteLength;
}
