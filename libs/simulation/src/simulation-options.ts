/** Everything a simulation run is configured by; `edgefl-sim --help` describes each field. */
export interface SimulationOptions {
  clients: number;
  perRound: number;
  rounds: number;
  dataset: 'auto' | 'fashion-mnist' | 'synthetic';
  dataDir?: string;
  partition: string;
  localEpochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: 'sgd' | 'adam';
  /** Examples per client; 0 splits the whole training set. */
  samplesPerClient: number;
  testLimit: number;
  seed: number;
  out: string;
  coordinator?: string;
  bits: number;
  chunkSize: number;
  errorFeedback: boolean;
  roundTimeoutMs: number;
  minReports?: number;
  dropout: number;
  stragglers: number;
  badActors: number;
  backend: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  threads: number;
  inputSize?: number;
  widths?: number[];
  quiet: boolean;
}


/** The defaults of `edgefl-sim` (threads: one per core is chosen by the CLI). */
export const DEFAULT_SIMULATION_OPTIONS: SimulationOptions = {
  clients: 20,
  perRound: 10,
  rounds: 10,
  dataset: 'auto',
  partition: 'iid',
  localEpochs: 1,
  batchSize: 32,
  learningRate: 0.002,
  optimizer: 'adam',
  samplesPerClient: 0,
  testLimit: 10_000,
  seed: 1,
  out: 'runs/sim',
  bits: 32,
  chunkSize: 1024,
  errorFeedback: false,
  roundTimeoutMs: 120_000,
  dropout: 0,
  stragglers: 0,
  badActors: 0,
  backend: 'auto',
  threads: 1,
  quiet: false,
};
