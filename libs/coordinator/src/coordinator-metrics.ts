import type { EventEmitter } from 'node:events';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CoordinatorEvents } from './coordinator-events';

/** Where the metrics read live figures from at scrape time. */
export interface CoordinatorMetricsSources {
  bytesIn(): number;
  bytesOut(): number;
  clientsConnected(): number;
  modelVersion(): number;
  /** DP runs: epsilon spent so far; undefined otherwise (the gauge then stays absent). */
  epsilon?(): number | undefined;
  /** Live connections, and those not yet enrolled (issue 15's caps); absent: not exported. */
  connections?(): { live: number; pending: number };
  /** Handshakes refused at the edge so far, by reason. */
  handshakesRefused?(): Readonly<Record<string, number>>;
}

/**
 * Prometheus metrics of one coordinator, in their own registry (never the process-global one,
 * so several coordinators in one process do not collide), all prefixed `edgefl_`, with the
 * default process metrics. Fed by the coordinator's events, so nothing in the round path
 * depends on it.
 *
 * @example
 * const metrics = new CoordinatorMetrics(sources);
 * metrics.observe(coordinator);
 * response.end(await metrics.render());
 */
export class CoordinatorMetrics {
  readonly registry = new Registry();
  readonly contentType = this.registry.contentType;
  private readonly rounds: Counter<'outcome'>;
  private readonly roundDuration: Histogram<'outcome'>;
  private readonly dropouts: Counter;
  private readonly rejections: Counter<'code'>;
  private readonly updatesAccepted: Counter;
  private readonly connectionsClosed: Counter;
  private readonly messagesReceived: Counter;

  constructor(sources: CoordinatorMetricsSources) {
    const registers = [this.registry];
    this.rounds = new Counter({
      name: 'edgefl_rounds_total',
      help: 'Round attempts by outcome (completed or abandoned).',
      labelNames: ['outcome'],
      registers,
    });
    this.roundDuration = new Histogram({
      name: 'edgefl_round_duration_seconds',
      help: 'Wall time of a round attempt, from configure to commit.',
      labelNames: ['outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      registers,
    });
    this.dropouts = new Counter({
      name: 'edgefl_dropouts_total',
      help: 'Selected clients that left or missed the deadline.',
      registers,
    });
    this.rejections = new Counter({
      name: 'edgefl_rejected_messages_total',
      help: 'Refused client messages by error code.',
      labelNames: ['code'],
      registers,
    });
    this.updatesAccepted = new Counter({
      name: 'edgefl_updates_accepted_total',
      help: 'Client updates folded into a round.',
      registers,
    });
    this.messagesReceived = new Counter({
      name: 'edgefl_messages_received_total',
      help: 'Client event messages received, refused ones included.',
      registers,
    });
    this.connectionsClosed = new Counter({
      name: 'edgefl_abusive_connections_closed_total',
      help: 'Connections closed for too many refused messages.',
      registers,
    });
    new Gauge({
      name: 'edgefl_clients_connected',
      help: 'Clients that completed enrollment and are connected.',
      registers,
      collect() {
        this.set(sources.clientsConnected());
      },
    });
    new Gauge({
      name: 'edgefl_model_version',
      help: 'Version of the current global model.',
      registers,
      collect() {
        this.set(sources.modelVersion());
      },
    });
    const { connections, handshakesRefused } = sources;
    if (connections) {
      new Gauge({
        name: 'edgefl_connections',
        help: 'Live transport connections, by state (pending: not enrolled yet).',
        labelNames: ['state'],
        registers,
        collect() {
          const { live, pending } = connections();
          this.set({ state: 'pending' }, pending);
          this.set({ state: 'admitted' }, live - pending);
        },
      });
    }
    if (handshakesRefused) {
      new Counter({
        name: 'edgefl_handshakes_refused_total',
        help: 'Connection handshakes refused at the edge, by reason (caps, origin, auth throttle).',
        labelNames: ['reason'],
        registers,
        collect() {
          this.reset();
          for (const [reason, count] of Object.entries(handshakesRefused())) this.inc({ reason }, count);
        },
      });
    }
    new Gauge({
      name: 'edgefl_dp_epsilon',
      help: "Differential privacy spent so far (epsilon at the run's delta); absent without DP.",
      registers,
      collect() {
        const epsilon = sources.epsilon?.();
        if (epsilon === undefined) this.reset();
        else this.set(epsilon);
      },
    });
    const totalCounter = (name: string, help: string, read: () => number): void => {
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    };
    totalCounter(
      'edgefl_received_bytes_total',
      'Bytes of engine.io packets received (text as UTF-8, binary by length).',
      sources.bytesIn,
    );
    totalCounter(
      'edgefl_sent_bytes_total',
      'Bytes of engine.io packets sent (text as UTF-8, binary by length).',
      sources.bytesOut,
    );
    collectDefaultMetrics({ register: this.registry, prefix: 'edgefl_' });
  }

  /** Subscribes to a coordinator's events. */
  observe(events: EventEmitter<CoordinatorEvents>): void {
    events.on('round-end', (record) => {
      this.rounds.inc({ outcome: record.outcome });
      this.roundDuration.observe({ outcome: record.outcome }, record.durationMs / 1000);
      this.dropouts.inc(record.dropped);
    });
    events.on('update-accepted', () => this.updatesAccepted.inc());
    events.on('rejected', ({ code }) => this.rejections.inc({ code }));
  }

  /** Counts a client event message. */
  messageReceived(): void {
    this.messagesReceived.inc();
  }

  /** Counts a connection closed for abuse. */
  connectionClosedForAbuse(): void {
    this.connectionsClosed.inc();
  }

  /** The exposition text. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
