// Test support, kept out of the production entry point: an in-memory client channel to run the
// round runner and its stages without sockets, and a fetch for model loaders under Jest.
export { RecordingClientChannel } from './testing/recording-client-channel';
export type { SentMessage } from './testing/recording-client-channel';
export { testRoundContext, NO_TRAFFIC, TINY_MODEL } from './testing/test-round-context';
export { testRoundState } from './testing/test-round-state';
export { SecureTestCohort } from './testing/secure-test-cohort';
export type { SecureClientEvent, SecureDelivery } from './testing/secure-test-cohort';
export { TEST_SECURE, secureTestRound, sumMod, testSecureInput } from './testing/secure-test-round';
export { inRealmFetch } from './testing/in-realm-fetch';
