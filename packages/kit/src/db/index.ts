export { createPool, withTransaction, postgresHealth, closePool, type Pool, type PoolClient, type PoolOptions, type Queryable } from './pool';
