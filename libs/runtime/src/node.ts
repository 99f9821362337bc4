export * from './index';
export { initializeBackend } from './node/initialize-backend';
export { backendCandidates } from './node/choose-backend';
export type { BackendRequest } from './node/choose-backend';
export { loadTfjsNode } from './node/load-tfjs-node';
