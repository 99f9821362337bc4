import type { EventEmitter } from 'node:events';
import type { CoordinatorEvents } from './coordinator-events';

/** Where the coordinator's parts report {@link CoordinatorEvents}: the `Coordinator` itself, or a recording in tests. */
export type CoordinatorEmitter = Pick<EventEmitter<CoordinatorEvents>, 'emit'>;
