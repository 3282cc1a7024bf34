/**
 * A real plant for the plant tests: a throwaway PostgreSQL cluster, `ebr server init` run as the
 * migration owner, the plant server in this process on 127.0.0.1 (port picked by the OS) as the
 * service role, and terminals that are real encrypted data folders enrolled with `ebr terminal enrol`.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { main } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/io';
import { writeRecoveryKeyFile } from '../../../electron/cli/recovery-key-file';
import { configPath, readTls } from '../../../electron/plant-server/config-dir';
import { openPlantDatabase, type PlantDatabase } from '../../../electron/plant-server/database';
import { buildPlantServer } from '../../../electron/plant-server/server';
import { loadServerKey, readKeyFile } from '../../../electron/plant-server/server-identity';
import { freshApp, temporaryFolder, type FreshApp } from '../../helpers/fresh-app';
import { createPlantDatabase, startPostgres, type PostgresCluster } from '../../harness/postgres';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `ebr …` in this process, with its output captured. */
export async function ebr(args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (text) => out.push(text), err: (text) => err.push(text), env: {} };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export interface Plant {
  cluster: PostgresCluster;
  ownerUrl: string;
  serviceUrl: string;
  configDir: string;
  serverUrl: string;
  administratorCode: string;
  server: FastifyInstance;
  /** A pool as the migration owner, for assertions. */
  owner: PlantDatabase;
  /** A new server process-equivalent on the same address (after `server.close()`). */
  restartServer(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPlant(options: { maxClockSkewMs?: number } = {}): Promise<Plant> {
  const cluster = await startPostgres();
  const folder = temporaryFolder('ebr-plant-');
  try {
    const { ownerUrl } = await createPlantDatabase(cluster);
    const configDir = join(folder, 'server-config');
    const init = await ebr(['server', 'init', '--database', ownerUrl, '--config-dir', configDir, '--json']);
    if (init.code !== 0) throw new Error(`ebr server init failed: ${init.err}`);
    const initialized = JSON.parse(init.out) as { serviceDatabaseUrl: string; administratorCode: string };
    const serve = async (port: number) => {
      const database = openPlantDatabase(initialized.serviceDatabaseUrl);
      const server = buildPlantServer({
        database,
        serverKey: await loadServerKey(database, readKeyFile(configPath(configDir, 'keyFile'))),
        tls: readTls(configDir),
        maxClockSkewMs: options.maxClockSkewMs ?? 60_000,
        logger: false,
      });
      return { server, url: await server.listen({ host: '127.0.0.1', port }) };
    };
    const first = await serve(0);
    const owner = openPlantDatabase(ownerUrl, { max: 2 });
    const plant: Plant = {
      cluster,
      ownerUrl,
      serviceUrl: initialized.serviceDatabaseUrl,
      configDir,
      serverUrl: first.url,
      administratorCode: initialized.administratorCode,
      server: first.server,
      owner,
      async restartServer() {
        if (plant.server.server.listening) await plant.server.close();
        plant.server = (await serve(Number(new URL(plant.serverUrl).port))).server;
      },
      async stop() {
        try {
          if (plant.server.server.listening) await plant.server.close();
          await owner.close();
        } finally {
          await cluster.stop();
          rmSync(folder, { recursive: true, force: true });
        }
      },
    };
    return plant;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

export interface Terminal {
  fresh: FreshApp;
  keyFile: string;
  /** --data-dir and --recovery-key-file */
  folderArgs: string[];
}

/** A real terminal (encrypted data folder, app running) with a recovery key file for the CLI. */
export async function newTerminal(name: string, fresh?: FreshApp): Promise<Terminal> {
  const app = fresh ?? (await freshApp({ terminalName: name }));
  const keyFile = join(app.dataDir, '..', 'recovery.key');
  writeRecoveryKeyFile(keyFile, app.recoveryKey, name, new Date().toISOString());
  return { fresh: app, keyFile, folderArgs: ['--data-dir', app.dataDir, '--recovery-key-file', keyFile] };
}

/** A one-time code for `name` and `ebr terminal enrol` with it. */
export async function enrol(plant: Plant, terminal: Terminal, name: string): Promise<CliRun> {
  const made = await ebr([
    'server',
    'enrol-code',
    '--database',
    plant.serviceUrl,
    '--terminal-name',
    name,
    '--json',
  ]);
  if (made.code !== 0) throw new Error(`enrol-code failed: ${made.err}`);
  const { code } = JSON.parse(made.out) as { code: string };
  return ebr(['terminal', 'enrol', ...terminal.folderArgs, '--server', plant.serverUrl, '--code', code]);
}

export async function countRows(plant: Plant, table: string, nodeId?: string): Promise<number> {
  const { rows } = await plant.owner.pool.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM ${table}${nodeId === undefined ? '' : ' WHERE node_id = $1'}`,
    nodeId === undefined ? [] : [nodeId],
  );
  return rows[0]!.count;
}
