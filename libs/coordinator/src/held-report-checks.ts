import type { HeldUpdateReport } from './edge-pre-aggregator';
import type { HeldMaskedInputReport } from './secure-edge-pre-aggregator';

/** A held-input report from another node (through Redis) that is not what a node sends. */
export class HeldReportError extends Error {
  override readonly name = 'HeldReportError';
}

function record(raw: unknown, what: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new HeldReportError(`${what} report is not an object`);
  return raw as Record<string, unknown>;
}

function text(report: Record<string, unknown>, field: string, what: string): string {
  const value = report[field];
  if (typeof value !== 'string' || value.length === 0)
    throw new HeldReportError(`${what} report: ${field} must be a non-empty string`);
  return value;
}

function count(report: Record<string, unknown>, field: string, what: string): number {
  const value = report[field];
  if (!Number.isSafeInteger(value) || (value as number) < 0)
    throw new HeldReportError(`${what} report: ${field} must be a non-negative integer, got ${String(value)}`);
  return value as number;
}

/**
 * The leader's check of an `update-held` report relayed by another node, before the train stage
 * admits it: ids are non-empty strings, model version and payload size non-negative integers,
 * sample count and weight finite and non-negative (the weight enters the round's expected partial
 * and its loss mean), loss a number when present. Returns a copy of exactly those fields, or throws
 * a {@link HeldReportError} naming the bad one.
 *
 * @example
 * runner.heldUpdate(checkHeldUpdateReport(message.report));
 */
export function checkHeldUpdateReport(raw: unknown): HeldUpdateReport {
  const what = 'update-held';
  const report = record(raw, what);
  const checked: HeldUpdateReport = {
    nodeId: text(report, 'nodeId', what),
    clientId: text(report, 'clientId', what),
    roundId: text(report, 'roundId', what),
    modelVersion: count(report, 'modelVersion', what),
    numSamples: 0,
    weight: 0,
    payloadBytes: count(report, 'payloadBytes', what),
  };
  for (const field of ['numSamples', 'weight'] as const) {
    const value = report[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new HeldReportError(`${what} report: ${field} must be a finite non-negative number, got ${String(value)}`);
    checked[field] = value;
  }
  const loss = report.loss;
  if (loss !== undefined && loss !== null) {
    if (typeof loss !== 'number') throw new HeldReportError(`${what} report: loss must be a number`);
    checked.loss = loss;
  }
  return checked;
}

/**
 * The leader's check of a `masked-input-held` report relayed by another node: ids are non-empty
 * strings, the client index and payload size non-negative integers (the MaskedInput stage then
 * checks the index is the sender's). Returns a copy of exactly those fields, or throws a
 * {@link HeldReportError} naming the bad one.
 *
 * @example
 * runner.heldMaskedInput(checkHeldMaskedInputReport(message.report));
 */
export function checkHeldMaskedInputReport(raw: unknown): HeldMaskedInputReport {
  const what = 'masked-input-held';
  const report = record(raw, what);
  return {
    nodeId: text(report, 'nodeId', what),
    clientId: text(report, 'clientId', what),
    roundId: text(report, 'roundId', what),
    clientIndex: count(report, 'clientIndex', what),
    payloadBytes: count(report, 'payloadBytes', what),
  };
}
