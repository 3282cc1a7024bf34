/**
 * A throwaway PostgreSQL cluster for one test file: initdb + pg_ctl from Debian's postgresql
 * package in a temporary folder, listening on 127.0.0.1 on a port the OS picked, fsync on.
 * initdb refuses to run as root, so under root (CI) the cluster runs as the `postgres` OS user.
 */
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export const SUPERUSER_PASSWORD = 'cluster-superuser-pw';

export interface PostgresCluster {
  folder: string;
  port: number;
  /** postgres://USER:PASSWORD@127.0.0.1:PORT/DATABASE */
  url(user: string, password: string, database: string): string;
  superuserUrl(database?: string): string;
  /** Runs SQL as the cluster's superuser. */
  sql(text: string, database?: string): Promise<pg.QueryResult>;
  /** pg_ctl stop with the given mode, and start again (same folder, same port). */
  restart(mode?: 'fast' | 'immediate'): Promise<void>;
  stop(): Promise<void>;
}

function postgresBin(name: string): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql');
  return `/usr/lib/postgresql/${versions[0]}/bin/${name}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const asRoot = userInfo().uid === 0;

/** Runs a PostgreSQL program as the cluster's owner (the `postgres` user when we are root). */
async function asOwner(program: string, args: string[]): Promise<void> {
  const [file, fileArgs] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', postgresBin(program), ...args]]
    : [postgresBin(program), args];
  await run(file, fileArgs, { cwd: '/' });
}

export async function startPostgres(): Promise<PostgresCluster> {
  const folder = mkdtempSync(join(tmpdir(), 'ebr-pg-'));
  const dataDir = join(folder, 'data');
  const socketDir = join(folder, 'socket');
  const passwordFile = join(folder, 'superuser-password');
  writeFileSync(passwordFile, SUPERUSER_PASSWORD + '\n', { mode: 0o600 });
  if (asRoot) {
    const { uid, gid } = await ownerIds();
    chownSync(folder, uid, gid);
    chownSync(passwordFile, uid, gid);
  }
  chmodSync(folder, 0o700);
  await asOwner('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--locale=C',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    `--pwfile=${passwordFile}`,
    '--no-instructions',
  ]);
  const port = await freePort();
  const logFile = join(folder, 'postgres.log');
  const start = () =>
    asOwner('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      logFile,
      '-w',
      '-t',
      '120',
      '-o',
      `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${socketDir} -c fsync=on -c max_connections=60 -c shared_buffers=16MB`,
      'start',
    ]);
  if (asRoot) {
    // the socket folder must belong to the server's user
    await run('runuser', ['-u', 'postgres', '--', 'mkdir', '-p', socketDir]);
  } else {
    await run('mkdir', ['-p', socketDir]);
  }
  await start();
  const url = (user: string, password: string, database: string) =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  const superuserUrl = (database = 'postgres') => url('postgres', SUPERUSER_PASSWORD, database);
  const stop = (mode: 'fast' | 'immediate') => asOwner('pg_ctl', ['-D', dataDir, '-w', '-m', mode, 'stop']);
  return {
    folder,
    port,
    url,
    superuserUrl,
    async sql(text, database = 'postgres') {
      const client = new pg.Client({ connectionString: superuserUrl(database) });
      await client.connect();
      try {
        return await client.query(text);
      } finally {
        await client.end();
      }
    },
    async restart(mode = 'fast') {
      await stop(mode);
      await start();
    },
    async stop() {
      try {
        await stop('fast');
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}

async function ownerIds(): Promise<{ uid: number; gid: number }> {
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

/** A database owned by a fresh migration-owner role that may create the service role. */
export async function createPlantDatabase(
  cluster: PostgresCluster,
  name = 'plant',
): Promise<{ ownerUrl: string; database: string }> {
  const owner = `${name}_owner`;
  const password = `${name}-owner-pw`;
  await cluster.sql(`CREATE ROLE ${owner} LOGIN CREATEROLE PASSWORD '${password}'`);
  await cluster.sql(`CREATE DATABASE ${name} OWNER ${owner}`);
  return { ownerUrl: cluster.url(owner, password, name), database: name };
}
