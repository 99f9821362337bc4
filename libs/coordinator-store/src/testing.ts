// Test support, kept out of the production entry points: a real redis-server for contract and e2e tests.
export { startRedisTestServer } from './testing/redis-test-server';
export type { RedisTestServer, RedisTestServerOptions } from './testing/redis-test-server';
export { float32Bits, roundRecordFixture } from './testing/round-record-fixture';
export { describeOpenRoundStoreContract, openRoundFixture } from './testing/open-round-store-contract';
