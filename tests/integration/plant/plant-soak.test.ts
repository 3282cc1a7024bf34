/**
 * Soak with faults (issue 18): terminals in processes of their own execute demo batches and ship
 * through TCP proxies to `ebr server start` (a process of its own) in front of a throwaway
 * PostgreSQL. Faults, one after the other, each while uploads are under way: the network is cut
 * for EBR_PLANT_SOAK_CUT_MS (20 s); the server is killed with SIGKILL while an upload crosses the
 * proxy and started again; PostgreSQL is stopped with `pg_ctl stop -m immediate` while the service
 * holds a transaction open and started again; a terminal is killed with SIGKILL mid-upload and
 * started again. Then every terminal stops working and the test waits for the server to hold every
 * log whole (the convergence time after the last fault, printed). Afterwards each terminal's
 * (sequence, hash) list equals the server's, nothing is stored twice or quarantined, every
 * acknowledged entry is there, and `ebr server verify` passes.
 * EBR_PLANT_SOAK_TERMINALS sets the number of terminals (issue: 10; default 3 for the 2-core CI).
 */
import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../electron/core/app';
import { systemClock } from '../../../electron/core/clock';
import { recoveryKeyProvider } from '../../../electron/core/keys/recovery-key';
import type { PlantTerminalConfig } from '../../crash/plant-terminal-runner';
import { bundleRunner } from '../../crash/runner-process';
import { makeRecipeEffective } from '../../helpers/batch-setup';
import { freshApp } from '../../helpers/fresh-app';
import { activeUser } from '../../helpers/identity';
import { startTcpProxy, type TcpProxy } from '../../harness/tcp-proxy';
import { ebr, enrol, newTerminal, startPlant, type Plant, type Terminal } from './plant-fixture';
import { ServerProcess, TerminalProcess, within } from './soak-processes';

const TERMINALS = Number(process.env.EBR_PLANT_SOAK_TERMINALS ?? 3);
const CUT_MS = Number(process.env.EBR_PLANT_SOAK_CUT_MS ?? 20_000);
/** Bytes one connection sends upward past the TLS handshake and a signed GET: an upload. */
const UPLOAD_BYTES = 6_000;
const RECIPE = 'demo-tablet-blend.json';

interface SoakTerminal {
  name: string;
  terminal: Terminal;
  proxy: TcpProxy;
  config: PlantTerminalConfig;
  process?: TerminalProcess;
  /** The highest sequence the server ever acknowledged to it, across its processes. */
  maxAck: number;
}

let plant: Plant;
let bundles: { runner: { file: string; dir: string }; cli: { file: string; dir: string } } | undefined;
let server: ServerProcess | undefined;
const terminals: SoakTerminal[] = [];

async function soakTerminal(index: number, serverPort: number): Promise<SoakTerminal> {
  const name = `WS-SOAK-${String(index + 1).padStart(2, '0')}`;
  const fresh = await freshApp({ terminalName: name });
  const admin = await fresh.admin();
  const olga = await activeUser(fresh.app, admin, 'olga', ['operator']);
  const sven = await activeUser(fresh.app, admin, 'sven', ['supervisor']);
  const quinn = await activeUser(fresh.app, admin, 'quinn', ['qa']);
  const recipe = await makeRecipeEffective(sven.connection, quinn.connection, RECIPE, quinn.password);
  const terminal = await newTerminal(name, fresh);
  const proxy = await startTcpProxy(serverPort);
  const enrolled = await enrol({ ...plant, serverUrl: `https://127.0.0.1:${proxy.port}` }, terminal, name);
  if (enrolled.code !== 0) throw new Error(`enrolment of ${name} failed: ${enrolled.err}`);
  await fresh.app.close();
  const config: PlantTerminalConfig = {
    dataDir: fresh.dataDir,
    recoveryKey: fresh.recoveryKey,
    recipeVersionId: recipe.id,
    operator: { username: 'olga', password: olga.password },
    supervisor: { username: 'sven', password: sven.password },
    batchPrefix: name,
    startMs: fresh.clock.now() + 60_000,
    shippingIntervalMs: 200,
  };
  return {
    name,
    terminal,
    proxy,
    config,
    maxAck: 0,
  };
}

/** The server's highest stored sequence of each node. */
async function serverHeads(): Promise<Map<string, number>> {
  const { rows } = await plant.owner.pool.query<{ node_id: string; head: number }>(
    'SELECT node_id, max(seq)::int AS head FROM log_entries GROUP BY node_id ORDER BY node_id',
  );
  return new Map(rows.map((row) => [row.node_id, row.head]));
}

function noteAcks(): void {
  for (const soak of terminals) soak.maxAck = Math.max(soak.maxAck, soak.process?.last('ack') ?? 0);
}

/** Waits until any terminal sends an upload through its proxy (each proxy watched from now). */
function nextUploadAnywhere(): Promise<void> {
  return Promise.race(terminals.map((soak) => soak.proxy.nextUpload(UPLOAD_BYTES)));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(
  async () => {
    const started = performance.now();
    const mark = (what: string) =>
      console.log(`soak setup: ${what} at ${((performance.now() - started) / 1000).toFixed(1)} s`);
    plant = await startPlant();
    mark('plant');
    await plant.server.close(); // the server runs as a process of its own below
    const [runner, cli] = await Promise.all([
      bundleRunner('tests/crash/plant-terminal-runner.ts'),
      bundleRunner('tests/crash/cli-entry.ts'),
    ]);
    bundles = { runner, cli };
    mark('bundles');
    server = await ServerProcess.start(cli.file, plant.serviceUrl, plant.configDir);
    // Made side by side: Argon2 and key derivation dominate, and the machine is shared.
    const port = server.port;
    terminals.push(
      ...(await Promise.all(Array.from({ length: TERMINALS }, (_, index) => soakTerminal(index, port)))),
    );
    mark(`${TERMINALS} terminals`);
  },
  300_000 + TERMINALS * 120_000,
); // users and recipes per terminal: Argon2 on a shared machine

afterAll(async () => {
  for (const soak of terminals) {
    await soak.process?.kill();
    await soak.proxy.close();
    await soak.terminal.fresh.cleanup();
  }
  await server?.stop();
  await plant?.stop();
  if (bundles)
    for (const bundle of Object.values(bundles)) rmSync(bundle.dir, { recursive: true, force: true });
}, 120_000);

describe(`plant soak: ${TERMINALS} terminal processes, network cut, server, PostgreSQL and terminal killed`, () => {
  it('converges: every terminal log whole on the server, nothing twice, every chain verified', async () => {
    const began = performance.now();
    const step = (what: string) =>
      console.log(`plant soak: ${what} at ${((performance.now() - began) / 1000).toFixed(1)} s`);
    const processOf = (soak: SoakTerminal) => soak.process!;
    const serverAlive = () => `server alive: ${server!.alive}; its stderr: ${server!.stderr}`;
    for (const soak of terminals) soak.process = new TerminalProcess(bundles!.runner.file, soak.config);
    // Every terminal works and ships.
    await Promise.all(terminals.map((soak) => processOf(soak).waitFor('ack', (seq) => seq > 0)));
    step('every terminal shipped');

    // 1. The network is cut: the terminals work on, nothing reaches the server.
    // An upload whose bytes reached the server just before the cut still commits; the heads are read
    // once they have settled (two reads a second apart agree), and must not move after that.
    for (const soak of terminals) soak.proxy.cut();
    const workedBeforeCut = terminals.map((soak) => processOf(soak).last('done'));
    let headsBeforeCut = await serverHeads();
    for (let settle = 0; settle < 15; settle += 1) {
      await sleep(1000);
      const now = await serverHeads();
      if (JSON.stringify([...now]) === JSON.stringify([...headsBeforeCut])) break;
      headsBeforeCut = now;
    }
    await sleep(CUT_MS);
    noteAcks();
    expect(await serverHeads()).toEqual(headsBeforeCut);
    terminals.forEach((soak, index) => {
      expect(processOf(soak).last('done'), soak.name).toBeGreaterThan(workedBeforeCut[index]!);
      expect(processOf(soak).lines, soak.name).toContain('problem unreachable');
    });
    const upload = nextUploadAnywhere();
    for (const soak of terminals) soak.proxy.restore();
    step('network restored');

    // 2. The server is killed while an upload crosses the network, and started again (a new port).
    await within(upload, 60_000, () => `no upload after the cut (${serverAlive()})`);
    await server!.kill();
    step('server killed mid-upload');
    noteAcks();
    server = await ServerProcess.start(bundles!.cli.file, plant.serviceUrl, plant.configDir);
    for (const soak of terminals) soak.proxy.setUpstream(server.port);
    step('server started again');

    // 3. PostgreSQL stops at once while the service holds a transaction open, and starts again.
    await within(nextUploadAnywhere(), 60_000, () => `no upload after the server restart (${serverAlive()})`);
    const watcher = new pg.Client({ connectionString: plant.cluster.superuserUrl('plant') });
    await watcher.connect();
    let inTransaction = false;
    for (let tries = 0; tries < 400 && !inTransaction; tries++) {
      const { rows } = await watcher.query<{ open: number }>(
        `SELECT count(*)::int AS open FROM pg_stat_activity
          WHERE usename = 'ebr_plant_service' AND xact_start IS NOT NULL AND pid <> pg_backend_pid()`,
      );
      inTransaction = rows[0]!.open > 0;
    }
    await watcher.end();
    noteAcks();
    await plant.cluster.restart('immediate');
    step(`PostgreSQL stopped at once ${inTransaction ? 'inside' : 'outside'} a transaction, started again`);

    // 4. A terminal is killed mid-upload (a backlog made first) and started again.
    const victim = terminals[terminals.length - 1]!;
    victim.proxy.cut();
    const victimHead = processOf(victim).last('done');
    await processOf(victim).waitFor('done', (seq) => seq >= victimHead + 20); // a backlog to upload
    const victimUpload = victim.proxy.nextUpload(UPLOAD_BYTES);
    victim.proxy.restore();
    await within(victimUpload, 60_000, () => `no upload from ${victim.name} (${serverAlive()})`);
    await processOf(victim).kill();
    noteAcks();
    const victimBatches = processOf(victim).lines.filter((line) => line.startsWith('batch ')).length;
    victim.process = new TerminalProcess(bundles!.runner.file, victim.config);
    await processOf(victim).waitFor('ready');
    const lastFault = performance.now();
    step(`${victim.name} killed mid-upload and started again`);
    expect(server!.alive, serverAlive()).toBe(true);

    // Everyone stops working; the server must catch up with every terminal's head by itself.
    for (const soak of terminals) processOf(soak).send('stop');
    const heads = await Promise.all(terminals.map((soak) => processOf(soak).waitFor('idle')));
    const deadline = Date.now() + 120_000;
    for (;;) {
      const stored = await serverHeads();
      if (terminals.every((soak, index) => stored.get(soak.terminal.fresh.terminalId) === heads[index]))
        break;
      if (Date.now() > deadline)
        throw new Error(
          `no convergence within 120 s: ${JSON.stringify([...stored])} vs ${heads.join(', ')} (${serverAlive()})`,
        );
      await sleep(100);
    }
    const convergenceMs = performance.now() - lastFault;
    noteAcks();
    for (const soak of terminals) processOf(soak).send('exit');
    for (const soak of terminals) {
      expect(await processOf(soak).exited, processOf(soak).tail()).toBe(0);
      expect(processOf(soak).stderr, soak.name).toBe('');
    }

    // Closing the app audits the sign-outs: `ebr sync` ships that tail, as an operator would.
    for (const soak of terminals) {
      const synced = await ebr(['sync', ...soak.terminal.folderArgs]);
      expect(synced.code, synced.err).toBe(0);
    }

    // Each terminal's (sequence, hash) list is the server's, and holds every acknowledged entry.
    for (const [index, soak] of terminals.entries()) {
      const app = await createApp({
        dataDir: soak.config.dataDir,
        keyProvider: recoveryKeyProvider(soak.config.recoveryKey),
        clock: systemClock,
        sessionCheckIntervalMs: 0,
        backupCheckIntervalMs: 0,
        connectInstruments: false,
        plantShippingIntervalMs: 0,
      });
      try {
        const local = app
          .runtime!.store.sqlite.prepare('SELECT seq, hash FROM audit_trail ORDER BY seq')
          .all();
        const { rows } = await plant.owner.pool.query(
          'SELECT seq::int AS seq, hash FROM log_entries WHERE node_id = $1 ORDER BY seq',
          [soak.terminal.fresh.terminalId],
        );
        expect(rows, soak.name).toEqual(local);
        expect(local.length, soak.name).toBeGreaterThanOrEqual(heads[index]!);
        expect(soak.maxAck, soak.name).toBeGreaterThan(0);
        expect(rows.length, soak.name).toBeGreaterThanOrEqual(soak.maxAck);
      } finally {
        await app.close();
      }
    }
    const { rows: twice } = await plant.owner.pool.query(
      'SELECT node_id, seq FROM log_entries GROUP BY node_id, seq HAVING count(*) > 1',
    );
    expect(twice).toEqual([]);
    const { rows: quarantined } = await plant.owner.pool.query('SELECT node_id, reason FROM quarantine');
    expect(quarantined).toEqual([]);
    const verify = await ebr(['server', 'verify', '--database', plant.serviceUrl, '--json']);
    expect(verify.code, verify.err).toBe(0);
    const verified = JSON.parse(verify.out) as { name: string; intact: boolean; entries: number }[];
    expect(verified.filter((node) => node.name.startsWith('WS-SOAK-')).map((node) => node.intact)).toEqual(
      terminals.map(() => true),
    );

    const entries = heads.reduce((sum, head) => sum + head, 0);
    const batches =
      victimBatches +
      terminals.flatMap((soak) => processOf(soak).lines.filter((line) => line.startsWith('batch '))).length;
    console.log(
      `plant soak: ${TERMINALS} terminals, ${entries} entries, ${batches} batches completed, ` +
        `cut ${CUT_MS / 1000} s, PostgreSQL stopped ${inTransaction ? 'inside' : 'outside'} a service transaction; ` +
        `convergence after the last fault ${(convergenceMs / 1000).toFixed(1)} s; whole run ${((performance.now() - began) / 1000).toFixed(0)} s`,
    );
  }, 600_000);
});
