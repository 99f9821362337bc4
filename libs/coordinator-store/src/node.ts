export { SqliteRoundStore } from './sqlite-round-store';
export type { SqliteRoundStoreOptions } from './sqlite-round-store';
export { SQLITE_SCHEMA_MIGRATIONS } from './sqlite-schema-migrations';
export type { SqliteSchemaMigration } from './sqlite-schema-migrations';
