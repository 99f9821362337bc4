export { DEFAULT_RDP_ORDERS } from './rdp-orders';
export { poissonGaussianRdp } from './poisson-gaussian-rdp';
export { rdpToEpsilon } from './rdp-to-epsilon';
export type { RdpConversion } from './rdp-to-epsilon';
export { PrivacyAccountant, epsilonFor } from './privacy-accountant';
export { solveNoiseMultiplier } from './solve-noise-multiplier';
