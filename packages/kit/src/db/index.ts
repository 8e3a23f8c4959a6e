export { createPool, withTransaction, postgresHealth, closePool, type Pool, type PoolClient, type PoolOptions, type Queryable } from './pool';
export { listenedVersion, type ListenedVersion, type ListenedVersionOptions } from './listened-version';
export { onLocalCommit } from './local-commits';
