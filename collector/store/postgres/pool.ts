import pg from 'pg';
import { numbered, type Query } from '../dashboard-sql';
import {
  type MigrationSeries,
  migrationsTableSql,
  pendingMigrations,
  recordMigrationSql,
} from '../migrations';
import { DASHBOARD_POSTGRES_MIGRATIONS } from './dashboard-migrations';
import { POSTGRES_MIGRATIONS } from './migrations';

// Advisory lock key (arbitrary, fixed) under which one instance migrates while the others wait.
const MIGRATION_LOCK = 7_310_001;
/**
 * Advisory lock key (arbitrary, fixed) serialising every change that takes a status-cursor number:
 * officer status changes and incident changes (issue #17).
 */
export const STATUS_LOCK = 7_310_002;

/** The collector's own tables, the same steps as SQLite's (a meta-test checks). */
export const POSTGRES_SERIES: MigrationSeries = { table: 'schema_migrations', steps: POSTGRES_MIGRATIONS };
/** The dashboard's tables. */
export const DASHBOARD_POSTGRES_SERIES: MigrationSeries = {
  table: 'dashboard_schema_migrations',
  steps: DASHBOARD_POSTGRES_MIGRATIONS,
};

/** Options beyond the URL. */
export interface PostgresOptions {
  /** Schema to use (created if missing) instead of the role's default; tests isolate themselves this way. */
  schema?: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

/** The URL without its password, for logs and the start-up line. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name ${name.slice(0, 70)}`);
  return `"${name}"`;
}

/** Applies the pending steps of `series`; the caller holds the migration lock inside a transaction. */
async function applyPostgresMigrations(client: pg.PoolClient, series: MigrationSeries): Promise<number[]> {
  await client.query(migrationsTableSql(series));
  const applied = await client.query<{ version: number }>(`SELECT version FROM ${series.table}`);
  const done: number[] = [];
  for (const migration of pendingMigrations(
    series,
    applied.rows.map((row) => row.version),
  )) {
    await client.query(migration.sql);
    await client.query(numbered(recordMigrationSql(series)), [
      migration.version,
      migration.name,
      new Date().toISOString(),
    ]);
    done.push(migration.version);
  }
  return done;
}

/**
 * The connection pool both PostgreSQL stores share (the API's and the dashboard's), with the few
 * ways they use it. Ending it twice is harmless, so either store may close first.
 */
export class PostgresPool {
  readonly #pool: pg.Pool;
  #ended: Promise<void> | undefined;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** Connects, creates the schema if asked, and applies pending migrations of both series. */
  static async open(url: string, options: PostgresOptions = {}): Promise<PostgresPool> {
    const schema = options.schema ? quoteIdent(options.schema) : undefined;
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', (error) => console.error('collector: idle PostgreSQL connection failed', error.message));
    const opened = new PostgresPool(pool);
    try {
      await opened.transaction(async (client) => {
        // Several instances starting at once: one migrates, the others wait and then find nothing to do.
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        await applyPostgresMigrations(client, POSTGRES_SERIES);
        await applyPostgresMigrations(client, DASHBOARD_POSTGRES_SERIES);
      });
    } catch (error) {
      await opened.end();
      throw error;
    }
    return opened;
  }

  /** The rows of one statement with `$n` placeholders. */
  async query<Row extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.#pool.query<Row>(sql, params)).rows;
  }

  /** How many rows one statement with `$n` placeholders changed. */
  async change(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.#pool.query(sql, params)).rowCount ?? 0;
  }

  /** The rows of a query built with `?` placeholders (dashboard-sql.ts). */
  async run<Row>(query: Query): Promise<Row[]> {
    return (await this.#pool.query(numbered(query.sql), query.params)).rows as Row[];
  }

  /** Runs `work` in one transaction on one connection, rolled back if it throws. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Closes every connection; later calls wait for the first. */
  end(): Promise<void> {
    this.#ended ??= this.#pool.end();
    return this.#ended;
  }
}
