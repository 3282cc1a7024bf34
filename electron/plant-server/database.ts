import { randomBytes } from 'node:crypto';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { EbrError } from '../../shared/errors';
import { plantLogTables } from '../../db/plant/migrate';

export interface PlantDatabase {
  pool: pg.Pool;
  db: NodePgDatabase;
  close(): Promise<void>;
}

export function openPlantDatabase(url: string, options: { max?: number } = {}): PlantDatabase {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EbrError(
      'VALIDATION_FAILED',
      `--database is not a URL (postgres://USER:PASSWORD@HOST:PORT/DATABASE).`,
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw new EbrError(
      'VALIDATION_FAILED',
      `--database must be a postgres:// URL, not ${parsed.protocol}//.`,
    );
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  // A client checked out for a transaction has no pool listener: if PostgreSQL goes away between
  // two of its queries (pg_ctl stop -m immediate mid-transaction), its 'error' event would crash
  // the server. The failure reaches the transaction through its next query instead (503, retried).
  pool.on('connect', (client) => client.on('error', () => undefined));
  return { pool, db: drizzle(pool), close: () => pool.end() };
}

/** Turns a connection failure into an error that names the database, never the password. */
export async function checkConnection(database: PlantDatabase, url: string): Promise<void> {
  try {
    await database.pool.query('SELECT 1');
  } catch (error) {
    const where = new URL(url);
    where.password = '';
    throw new EbrError(
      'STORE_UNAVAILABLE',
      `Cannot reach PostgreSQL at ${where.host}${where.pathname} as ${where.username}: ${(error as Error).message}`,
    );
  }
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The service role: may SELECT everything, INSERT into the log tables and nothing else there;
 * it also registers nodes, redeems codes and records last contact (nodes, enrolment_codes).
 * Returns the password when the role was created now.
 */
export async function ensureServiceRole(database: PlantDatabase, role: string): Promise<string | null> {
  if (!ROLE_NAME.test(role))
    throw new EbrError('VALIDATION_FAILED', `--service-role "${role}" is not a plain PostgreSQL role name.`);
  const client = await database.pool.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    let password: string | null = null;
    if (exists.rowCount === 0) {
      password = randomBytes(18).toString('base64url');
      await client.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    }
    const { rows } = await client.query('SELECT current_database() AS name');
    await client.query(`GRANT CONNECT ON DATABASE "${rows[0].name as string}" TO ${role}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`);
    await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
    await client.query(`GRANT INSERT ON ${plantLogTables.join(', ')} TO ${role}`);
    await client.query(`GRANT INSERT, UPDATE ON nodes, enrolment_codes TO ${role}`);
    return password;
  } finally {
    client.release();
  }
}
