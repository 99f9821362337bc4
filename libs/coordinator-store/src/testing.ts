// Test support, kept out of the production entry points: a real redis-server for contract and e2e tests.
export { startRedisTestServer } from './testing/redis-test-server';
export type { RedisTestServer } from './testing/redis-test-server';
