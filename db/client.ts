/**
 * The one way to get a database handle: a Kysely instance over a pg Pool.
 * A process creates one with `createDatabase` and hands it down (server.ts → load context).
 */
import { Kysely, PostgresDialect, type Transaction } from "kysely";
import pg from "pg";
import type { DB } from "./schema";

// int8 (bigint) and numeric come back as strings by default; counts we read fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Database = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the database or a transaction: module functions accept both. */
export type Queryable = Kysely<DB>;

export interface DatabaseHandle {
  db: Database;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function createDatabase(connectionString: string, options: { max?: number } = {}): DatabaseHandle {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, idleTimeoutMillis: 30_000 });
  // An idle connection can be cut by the server (restart, failover, shutdown). The pool drops it
  // and opens another when needed; without a listener that error would crash the process.
  pool.on("error", (error) => {
    if (!/terminating connection/.test(error.message)) console.error("PostgreSQL pool:", error.message);
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    // Kysely's destroy ends the pool it was given.
    close: () => db.destroy(),
  };
}
