import type pg from 'pg';
import { numbered } from '../dashboard-sql';
import type { SqlDriver, SqlOp, SqlStep } from '../incidents';
import { type PostgresPool, STATUS_LOCK } from './pool';

type Queryable = Pick<pg.PoolClient, 'query'>;

async function step(client: Queryable, next: SqlStep): Promise<unknown> {
  switch (next.kind) {
    case 'all':
      return (await client.query(numbered(next.sql), [...next.params])).rows;
    case 'run':
      return (await client.query(numbered(next.sql), [...next.params])).rowCount ?? 0;
    case 'nextChange': {
      // The status cursor's sequence, shared with officer status changes.
      const result = await client.query<{ n: string }>(
        `SELECT nextval(pg_get_serial_sequence('status_history', 'change_seq')) AS n`,
      );
      return Number(result.rows[0]?.n);
    }
  }
}

async function exec<T>(client: Queryable, op: SqlOp<T>): Promise<T> {
  let input: unknown;
  for (;;) {
    const next = op.next(input);
    if (next.done) return next.value;
    input = await step(client, next.value);
  }
}

/**
 * Runs incident operations (store/incidents.ts) on the pool. Writes hold the status lock, like officer
 * status changes: cursor numbers become visible in order, and two instances grouping the same
 * application's reports take turns instead of opening two incidents.
 */
export class PostgresIncidentDriver implements SqlDriver {
  readonly #pool: PostgresPool;

  constructor(pool: PostgresPool) {
    this.#pool = pool;
  }

  write<T>(op: SqlOp<T>): Promise<T> {
    return this.#pool.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [STATUS_LOCK]);
      return exec(client, op);
    });
  }

  read<T>(op: SqlOp<T>): Promise<T> {
    return this.#pool.transaction((client) => exec(client, op));
  }
}
