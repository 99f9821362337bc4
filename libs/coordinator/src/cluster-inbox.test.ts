import { ErrorCode, ProtocolError, encodeFloat32Vector } from '@edgefl/protocol';
import type { SecAggAbortMessage, SecAggComplaintMessage, UpdateMessage } from '@edgefl/protocol';
import { countParameters } from '@edgefl/models';
import { ClusterInbox } from './cluster-inbox';
import { resolveCoordinatorConfig } from './coordinator-config';
import { EdgePreAggregator } from './edge-pre-aggregator';
import type { HeldUpdateReport } from './edge-pre-aggregator';
import type { NodePartial } from './node-partial-sum';
import { packMaskedVector } from '@edgefl/secagg';
import { SecureEdgePreAggregator } from './secure-edge-pre-aggregator';
import type { HeldMaskedInputReport, WireMaskedPartial } from './secure-edge-pre-aggregator';
import { TINY_MODEL } from './testing/test-round-context';
import type { RelayBus, RelayedMessage } from './cluster-inbox';
import { silentLogger } from './coordinator-logger';
import type { RoundInbox } from './round-inbox';
import type { SecureStageEvent } from './stages/secure-stage';

/** Server-side events between nodes as the adapter carries them: to every other node, as a copy. */
class TestBus {
  private readonly listeners: Array<{ node: string; listener: (message: RelayedMessage) => void }> = [];

  node(name: string): RelayBus {
    return {
      serverSideEmit: (_event, message) => {
        for (const entry of this.listeners) if (entry.node !== name) entry.listener(structuredClone(message));
      },
      on: (_event, listener) => this.listeners.push({ node: name, listener }),
    };
  }
}

/** A runner's inbox that records what it got and refuses updates for any round but `open`. */
class RecordingInbox implements RoundInbox {
  readonly updates: Array<{ clientId: string; update: UpdateMessage }> = [];
  readonly left: string[] = [];
  refusals = 0;
  openRoundId = 'run/1/1';

  update(clientId: string, update: UpdateMessage): { roundId: string } {
    if (update.roundId !== this.openRoundId)
      throw new ProtocolError(ErrorCode.WrongRound, `update.roundId ${update.roundId} is not an open round`);
    this.updates.push({ clientId, update });
    return { roundId: update.roundId };
  }
  secureMessage(_clientId: string, _event: SecureStageEvent, _raw: unknown): { roundId: string } {
    return { roundId: this.openRoundId };
  }
  secureAbort(_clientId: string, abort: SecAggAbortMessage): { roundId: string } {
    return { roundId: abort.roundId };
  }
  complaint(_clientId: string, complaint: SecAggComplaintMessage): { roundId: string } {
    return { roundId: complaint.roundId };
  }
  refused(): void {
    this.refusals++;
  }
  clientLeft(clientId: string): void {
    this.left.push(clientId);
  }
}

function update(roundId: string): UpdateMessage {
  return {
    type: 'update',
    roundId,
    modelVersion: 0,
    numSamples: 10,
    metrics: { loss: 0.5, accuracy: undefined },
    encoding: { kind: 'float32' },
    payload: new Uint8Array([1, 2, 3, 4]),
  } as UpdateMessage;
}

/**
 * A leader (node-a) and a follower (node-b) of a plain FedAvg run that pre-aggregates, listening on
 * one bus; the leader's runner and what reaches its pre-aggregation sink are recorded.
 */
function preAggregatingPair() {
  const config = resolveCoordinatorConfig({ secure: false, model: TINY_MODEL });
  const bus = new TestBus();
  const reports: HeldUpdateReport[] = [];
  const partials: NodePartial[] = [];
  const sink = {
    heldUpdate: (report: HeldUpdateReport) => reports.push(report),
    nodePartial: (p: NodePartial) => partials.push(p),
  };
  const leaderRunner = new RecordingInbox();
  const leader = new ClusterInbox(bus.node('a'), { leading: true }, leaderRunner, silentLogger, {
    edge: new EdgePreAggregator('node-a', config, silentLogger),
    leader: sink,
  });
  const follower = new ClusterInbox(bus.node('b'), { leading: false }, new RecordingInbox(), silentLogger, {
    edge: new EdgePreAggregator('node-b', config, silentLogger),
    leader: sink,
  });
  leader.listen();
  follower.listen();
  return { length: countParameters(TINY_MODEL), reports, partials, leaderRunner, leader, follower };
}

describe('ClusterInbox', () => {
  function cluster() {
    const bus = new TestBus();
    const leaderRunner = new RecordingInbox();
    const followerRunner = new RecordingInbox();
    const leader = new ClusterInbox(bus.node('a'), { leading: true }, leaderRunner, silentLogger);
    const follower = new ClusterInbox(bus.node('b'), { leading: false }, followerRunner, silentLogger);
    leader.listen();
    follower.listen();
    return { leader, follower, leaderRunner, followerRunner };
  }

  it("relays a follower's update to the leader's runner, without undefined fields, and acknowledges its round id", () => {
    const { follower, leaderRunner, followerRunner } = cluster();
    expect(follower.update('phone-1', update('run/1/1'))).toEqual({ roundId: 'run/1/1' });
    expect(followerRunner.updates).toEqual([]);
    expect(leaderRunner.updates).toHaveLength(1);
    const relayed = leaderRunner.updates[0];
    expect(relayed.clientId).toBe('phone-1');
    expect(relayed.update.metrics).toEqual({ loss: 0.5 });
    expect('accuracy' in (relayed.update.metrics ?? {})).toBe(false);
    expect([...relayed.update.payload]).toEqual([1, 2, 3, 4]);
  });

  it("counts a relayed message the leader refuses in the leader's attempt, once", () => {
    const { follower, leaderRunner } = cluster();
    follower.update('phone-1', update('run/9/1'));
    expect(leaderRunner.updates).toEqual([]);
    expect(leaderRunner.refusals).toBe(1);
  });

  it("hands the leader's own clients' messages to its runner directly, and relays departures and edge refusals", () => {
    const { leader, follower, leaderRunner, followerRunner } = cluster();
    leader.update('phone-2', update('run/1/1'));
    expect(leaderRunner.updates.map((entry) => entry.clientId)).toEqual(['phone-2']);
    follower.clientLeft('phone-3');
    follower.refused();
    expect(leaderRunner.left).toEqual(['phone-3']);
    expect(leaderRunner.refusals).toBe(1);
    expect(followerRunner.left).toEqual([]);
  });

  it("lets a leader refuse its own client at once with the runner's error", () => {
    const { leader } = cluster();
    expect(() => leader.update('phone-2', update('run/7/1'))).toThrow(/run\/7\/1 is not an open round/);
  });

  it("pre-aggregates a follower's plain FedAvg update: the leader gets a report without payload, then one partial on request", () => {
    const { length, reports, partials, leaderRunner, leader, follower } = preAggregatingPair();
    leader.announceRound('run/1/1');
    const payload = (value: number): Uint8Array => encodeFloat32Vector(new Float32Array(length).fill(value));
    follower.update('phone-1', { ...update('run/1/1'), numSamples: 2, payload: payload(1 / 1024) });
    follower.update('phone-2', { ...update('run/1/1'), numSamples: 6, payload: payload(3 / 1024) });
    expect(leaderRunner.updates).toEqual([]);
    expect(reports.map((r) => [r.nodeId, r.clientId, r.weight, 'payload' in r])).toEqual([
      ['node-b', 'phone-1', 2, false],
      ['node-b', 'phone-2', 6, false],
    ]);
    expect(() => follower.update('phone-3', { ...update('run/1/1'), payload: new Uint8Array(8) })).toThrow(
      ProtocolError,
    );
    expect(leaderRunner.refusals).toBe(1);
    leader.requestPartial('node-b', 'run/1/1', ['phone-2', 'phone-1']);
    expect(partials).toHaveLength(1);
    expect(partials[0].contributors.map((c) => c.clientId)).toEqual(['phone-2', 'phone-1']);
    expect(partials[0].totalWeight).toBe(8);
    expect(partials[0].weightedSum.length).toBe(length);
    expect(partials[0].weightedSum[0]).toBe((2 * 1 + 6 * 3) / 1024);
  });

  it("pre-aggregates a follower's masked inputs: the leader gets reports without y, then one sum mod 2^m on request", () => {
    const config = resolveCoordinatorConfig({ model: TINY_MODEL });
    const bus = new TestBus();
    const reports: HeldMaskedInputReport[] = [];
    const partials: WireMaskedPartial[] = [];
    const sink = {
      heldUpdate: () => undefined,
      nodePartial: () => undefined,
      heldMaskedInput: (report: HeldMaskedInputReport) => reports.push(report),
      maskedPartial: (partial: WireMaskedPartial) => partials.push(partial),
    };
    const relayedRaw: string[] = [];
    const leaderRunner = new (class extends RecordingInbox {
      override secureMessage(clientId: string, event: SecureStageEvent, raw: unknown): { roundId: string } {
        relayedRaw.push(`${clientId}:${event}`);
        return super.secureMessage(clientId, event, raw);
      }
    })();
    const edge = (node: string) => ({
      edge: new EdgePreAggregator(node, config, silentLogger),
      secureEdge: new SecureEdgePreAggregator(node, config),
      leader: sink,
    });
    const leader = new ClusterInbox(bus.node('a'), { leading: true }, leaderRunner, silentLogger, edge('node-a'));
    const follower = new ClusterInbox(
      bus.node('b'),
      { leading: false },
      new RecordingInbox(),
      silentLogger,
      edge('node-b'),
    );
    leader.listen();
    follower.listen();
    const masked = (clientIndex: number, y: number[]) => ({
      type: 'secagg-masked-input',
      roundId: 'run/1/1',
      clientIndex,
      maskedVector: packMaskedVector(Uint32Array.from(y), 4),
    });
    // Before the leader announced the round's shape the follower cannot check y: it relays the message as it is.
    follower.secureMessage('phone-0', 'secagg-masked-input', masked(1, [1, 2, 3]));
    expect(relayedRaw).toEqual(['phone-0:secagg-masked-input']);
    leader.announceSecureShape({ roundId: 'run/1/1', modulusBits: 4, vectorLength: 3 });
    expect(follower.secureMessage('phone-1', 'secagg-masked-input', masked(2, [15, 1, 8]))).toEqual({
      roundId: 'run/1/1',
    });
    follower.secureMessage('phone-2', 'secagg-masked-input', masked(3, [3, 2, 9]));
    // A y of the wrong length is the leader's to refuse (and blame): relayed as it is.
    follower.secureMessage('phone-3', 'secagg-masked-input', masked(4, [1, 2]));
    expect(relayedRaw).toEqual(['phone-0:secagg-masked-input', 'phone-3:secagg-masked-input']);
    expect(reports).toEqual([
      { nodeId: 'node-b', clientId: 'phone-1', roundId: 'run/1/1', clientIndex: 2, payloadBytes: 2 },
      { nodeId: 'node-b', clientId: 'phone-2', roundId: 'run/1/1', clientIndex: 3, payloadBytes: 2 },
    ]);
    leader.requestMaskedPartial('node-b', 'run/1/1', ['phone-2', 'phone-1']);
    expect(partials).toHaveLength(1);
    expect(partials[0].clients).toEqual(['phone-2', 'phone-1']);
    // (15 + 3, 1 + 2, 8 + 9) mod 16.
    expect(partials[0].maskedSum).toEqual(packMaskedVector(Uint32Array.of(2, 3, 1), 4));
  });

  it("a client's updates for made-up round ids neither evict its node's held updates of the open round nor are held", () => {
    const { length, reports, partials, leaderRunner, leader, follower } = preAggregatingPair();
    leader.announceRound('run/1/1');
    const payload = encodeFloat32Vector(new Float32Array(length).fill(1 / 1024));
    follower.update('phone-1', { ...update('run/1/1'), numSamples: 4, payload });
    // One client of node-b sends updates for round ids the leader never opened.
    for (const fake of ['run/x/1', 'run/x/2', 'run/x/3', 'run/x/4'])
      follower.update('mallory', { ...update(fake), numSamples: 4, payload });
    expect(reports.map((r) => r.clientId)).toEqual(['phone-1']);
    // Relayed as they are: the leader refuses them (not its open round) and counts them.
    expect(leaderRunner.refusals).toBe(4);
    leader.requestPartial('node-b', 'run/1/1', ['phone-1']);
    expect(partials).toHaveLength(1);
    expect(partials[0].contributors.map((c) => c.clientId)).toEqual(['phone-1']);
    expect(partials[0].totalWeight).toBe(4);
  });

  it('refuses an update-held report from another node whose weight, sample count or ids are not what a node sends', () => {
    const config = resolveCoordinatorConfig({ secure: false, model: TINY_MODEL });
    const bus = new TestBus();
    const reports: HeldUpdateReport[] = [];
    const leaderRunner = new RecordingInbox();
    const leader = new ClusterInbox(bus.node('a'), { leading: true }, leaderRunner, silentLogger, {
      edge: new EdgePreAggregator('node-a', config, silentLogger),
      leader: { heldUpdate: (report: HeldUpdateReport) => reports.push(report), nodePartial: () => undefined },
    });
    leader.listen();
    const other = bus.node('b');
    const good: HeldUpdateReport = {
      nodeId: 'node-b',
      clientId: 'phone-1',
      roundId: 'run/1/1',
      modelVersion: 0,
      numSamples: 10,
      weight: 10,
      loss: 0.5,
      payloadBytes: 100,
    };
    const bad: Array<Record<string, unknown>> = [
      { ...good, weight: Number.NaN },
      { ...good, weight: -3 },
      { ...good, weight: Number.POSITIVE_INFINITY },
      { ...good, numSamples: Number.NaN },
      { ...good, clientId: 7 },
      { ...good, nodeId: undefined },
      { ...good, roundId: null },
      { ...good, modelVersion: 0.5 },
      { ...good, loss: 'low' },
      { ...good, payloadBytes: -1 },
    ];
    for (const report of bad)
      other.serverSideEmit('edgefl:relay', { kind: 'update-held', report: report as unknown as HeldUpdateReport });
    expect(reports).toEqual([]);
    expect(leaderRunner.refusals).toBe(bad.length);
    other.serverSideEmit('edgefl:relay', { kind: 'update-held', report: good });
    expect(reports).toEqual([good]);
  });

  it('refuses a masked-input-held report from another node whose ids, index or size are not what a node sends', () => {
    const config = resolveCoordinatorConfig({ model: TINY_MODEL });
    const bus = new TestBus();
    const reports: HeldMaskedInputReport[] = [];
    const leaderRunner = new RecordingInbox();
    const leader = new ClusterInbox(bus.node('a'), { leading: true }, leaderRunner, silentLogger, {
      edge: new EdgePreAggregator('node-a', config, silentLogger),
      secureEdge: new SecureEdgePreAggregator('node-a', config),
      leader: {
        heldUpdate: () => undefined,
        nodePartial: () => undefined,
        heldMaskedInput: (report: HeldMaskedInputReport) => reports.push(report),
      },
    });
    leader.listen();
    const other = bus.node('b');
    const good: HeldMaskedInputReport = {
      nodeId: 'node-b',
      clientId: 'phone-1',
      roundId: 'run/1/1',
      clientIndex: 2,
      payloadBytes: 2,
    };
    const bad: Array<Record<string, unknown>> = [
      { ...good, nodeId: 3 },
      { ...good, clientId: ['phone-1'] },
      { ...good, roundId: undefined },
      { ...good, clientIndex: '2' },
      { ...good, payloadBytes: Number.NaN },
    ];
    for (const report of bad)
      other.serverSideEmit('edgefl:relay', {
        kind: 'masked-input-held',
        report: report as unknown as HeldMaskedInputReport,
      });
    expect(reports).toEqual([]);
    expect(leaderRunner.refusals).toBe(bad.length);
    other.serverSideEmit('edgefl:relay', { kind: 'masked-input-held', report: good });
    expect(reports).toEqual([good]);
  });

  it('a malformed relay message from another node is refused and logged, not thrown into the adapter, and the next one is handled', () => {
    // The adapter's Pub/Sub handler would swallow a listener's error with a debug line only.
    const config = resolveCoordinatorConfig({ secure: false, model: TINY_MODEL });
    const bus = new TestBus();
    const followerRunner = new RecordingInbox();
    const warnings: string[] = [];
    const logger = {
      ...silentLogger,
      warn: (_fields: Record<string, unknown>, message: string) => warnings.push(message),
    };
    const follower = new ClusterInbox(bus.node('b'), { leading: false }, followerRunner, logger, {
      edge: new EdgePreAggregator('node-b', config, silentLogger),
      secureEdge: new SecureEdgePreAggregator('node-b', config),
      leader: { heldUpdate: () => undefined, nodePartial: () => undefined },
    });
    follower.listen();
    const leader = bus.node('a');
    const partials: RelayedMessage[] = [];
    leader.on('edgefl:relay', (message) => partials.push(message));
    const bad = [
      null,
      'partial-request',
      { kind: 'partial-request', nodeId: 'node-b', roundId: 'run/1/1', accepted: 5 },
    ];
    leader.serverSideEmit('edgefl:relay', { kind: 'round-open', roundId: 'run/1/1' });
    const payload = encodeFloat32Vector(new Float32Array(countParameters(TINY_MODEL)).fill(1 / 1024));
    follower.update('phone-1', { ...update('run/1/1'), numSamples: 4, payload });
    for (const message of bad)
      expect(() => leader.serverSideEmit('edgefl:relay', message as unknown as RelayedMessage)).not.toThrow();
    leader.serverSideEmit('edgefl:relay', {
      kind: 'partial-request',
      nodeId: 'node-b',
      roundId: 'run/2/1',
      accepted: [],
    });
    expect(warnings).toEqual(bad.map(() => 'relay: refused a message from another node'));
    expect(partials.map((message) => message.kind)).toEqual(['update-held', 'partial']);
  });

  it("a node's malformed partial is logged, not counted as a refused client message in the attempt's rejected", () => {
    const config = resolveCoordinatorConfig({ secure: false, model: TINY_MODEL });
    const bus = new TestBus();
    const leaderRunner = new RecordingInbox();
    const warnings: string[] = [];
    const logger = {
      ...silentLogger,
      warn: (_fields: Record<string, unknown>, message: string) => warnings.push(message),
    };
    const leader = new ClusterInbox(bus.node('a'), { leading: true }, leaderRunner, logger, {
      edge: new EdgePreAggregator('node-a', config, silentLogger),
      leader: { heldUpdate: () => undefined, nodePartial: () => undefined },
    });
    leader.listen();
    const malformed = {
      roundId: 'run/1/1',
      nodeId: 'node-b',
      weightedSum: new Uint8Array(5),
      totalWeight: 1,
      contributors: [],
    };
    bus.node('b').serverSideEmit('edgefl:relay', { kind: 'partial', partial: malformed });
    expect(warnings).toEqual(['relayed round message refused']);
    expect(leaderRunner.refusals).toBe(0);
  });
});
