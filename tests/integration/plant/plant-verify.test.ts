import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantRequest } from '../../../electron/core/plant/plant-client';
import { readTls } from '../../../electron/plant-server/config-dir';
import { ebr, enrol, newTerminal, startPlant, type Plant, type Terminal } from './plant-fixture';
import { ebrEntry } from '../../helpers/ebr-command';

const ebrBin = ebrEntry();

describe('plant server: central verification and the server process (real PostgreSQL)', () => {
  let plant: Plant;
  const terminals: Terminal[] = [];

  beforeAll(async () => {
    plant = await startPlant();
    for (const name of ['WS-EDITED', 'WS-DELETED', 'WS-TRUNCATED']) {
      const terminal = await newTerminal(name);
      await terminal.fresh.admin(); // sign-in and password change: a few more transactions
      expect((await enrol(plant, terminal, name)).code).toBe(0);
      expect((await ebr(['sync', ...terminal.folderArgs])).code).toBe(0);
      terminals.push(terminal);
    }
  }, 180_000);

  afterAll(async () => {
    for (const terminal of terminals) await terminal.fresh.cleanup();
    await plant?.stop();
  });

  it('verifies every node intact after sync', async () => {
    const verify = await ebr(['server', 'verify', '--database', plant.serviceUrl, '--json']);
    expect(verify.code).toBe(0);
    const nodes = JSON.parse(verify.out) as { name: string; intact: boolean; entries: number }[];
    expect(nodes.map((node) => [node.name, node.intact])).toEqual([
      ['WS-DELETED', true],
      ['WS-EDITED', true],
      ['WS-TRUNCATED', true],
    ]);
    expect(nodes.every((node) => node.entries >= 6)).toBe(true);
  });

  it("names each node's first break after a superuser edit, a deleted row and a cut tail (triggers off)", async () => {
    const [edited, deleted, truncated] = terminals.map((terminal) => terminal.fresh.terminalId);
    await plant.cluster.sql(
      `SET session_replication_role = replica;
       UPDATE log_entries SET reason = 'quietly edited' WHERE node_id = '${edited}' AND seq = 2;
       DELETE FROM log_entries WHERE node_id = '${deleted}' AND seq = 3;
       DELETE FROM log_checkpoints WHERE node_id = '${truncated}' AND audit_seq > 4;
       DELETE FROM log_entries WHERE node_id = '${truncated}' AND seq > 4;`,
      'plant',
    );
    const verify = await ebr(['server', 'verify', '--database', plant.serviceUrl]);
    expect(verify.code).toBe(1);
    expect(verify.err).toContain(`WS-EDITED (${edited}): BROKEN at entry 2 (hash-mismatch)`);
    expect(verify.err).toContain(`WS-DELETED (${deleted}): BROKEN at entry 3 (gap)`);
    expect(verify.err).toContain(`WS-TRUNCATED (${truncated}): BROKEN at entry 5 (truncated)`);
    expect(verify.err).toContain('was acknowledged to the terminal');
  });

  it('ebr server start: /health, /metrics, JSON logs, and a graceful stop on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        ebrBin,
        'server',
        'start',
        '--database',
        plant.serviceUrl,
        '--config-dir',
        plant.configDir,
        '--listen',
        '127.0.0.1:0',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const address = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /listening on (https:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (match) resolve(match[1]!);
      });
      void exited.then((code) => reject(new Error(`server exited ${code}: ${stderr}`)));
    });
    const tls = readTls(plant.configDir);
    const pinned = { certificatePem: tls.cert, fingerprint: tls.fingerprint };
    const health = await plantRequest({ base: address, tls: pinned, method: 'GET', path: '/health' });
    expect(health).toMatchObject({ status: 200, body: { status: 'ok', database: 'ok' } });
    const metrics = await plantRequest({ base: address, tls: pinned, method: 'GET', path: '/metrics' });
    expect(metrics.status).toBe(200);
    expect(metrics.rawBody).toContain('# TYPE ebr_plant_uploads_total counter');
    expect(metrics.rawBody).toMatch(/^ebr_plant_nodes\{status="active"\} 3$/m);
    expect(metrics.rawBody).toMatch(/^ebr_plant_log_entries \d+$/m);
    const unsigned = await plantRequest({ base: address, tls: pinned, method: 'GET', path: '/v1/log/head' });
    expect(unsigned).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('ebr plant server stopped.');
    const logLines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; level: number });
    expect(logLines.some((line) => line.msg === 'shutting down')).toBe(true);
    expect(logLines.some((line) => line.msg === 'request completed')).toBe(true);
  }, 120_000);
});
