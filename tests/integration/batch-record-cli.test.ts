/**
 * `ebr report` and `ebr export` over a real data folder holding an executed wet granulation batch
 * (made through the channels, then the application closed): the real command for the main path
 * (each run costs 1–2 s of tsx start-up), `main()` in this process for the refusals. The exported
 * package passes `ebr verify-export` and openssl; the folder's audit trail still verifies after.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { writeRecoveryKeyFile } from '../../electron/cli/recovery-key-file';
import { createApp } from '../../electron/core/app';
import { recoveryKeyProvider } from '../../electron/core/keys/recovery-key';
import type { BatchView } from '../../shared/contract/batches';
import { OPENSSL_VERIFY, shell } from '../helpers/export-fixture';
import { USER_PASSWORD, json } from '../helpers/identity';
import { executeBatch, recordFloor, WET_GRANULATION, type RecordFloor } from '../helpers/executed-batch';
import { ebrEntry } from '../helpers/ebr-command';

const run = promisify(execFile);
const ebr = ebrEntry();

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function ebrCommand(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [ebr, ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function cli(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (text) => out.push(text), err: (text) => err.push(text), env });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

let floor: RecordFloor;
let batch: BatchView;
let inProgress: BatchView;
let folderArgs: string[];
let work: string;
let fingerprint: string;

beforeAll(async () => {
  floor = await recordFloor();
  batch = await executeBatch(floor, WET_GRANULATION, 'B2026-0201');
  inProgress = await executeBatch(floor, WET_GRANULATION, 'B2026-0202', {
    stopAt: 'w_pvp',
    correction: null,
  });
  fingerprint = floor.fresh.app.runtime!.terminal.key.fingerprint;
  // The command line opens the folder on its own, as on a workstation where the application is closed.
  await floor.fresh.app.close();
  work = join(floor.fresh.dataDir, '..', 'work');
  mkdirSync(work);
  const keyFile = join(work, 'recovery.key');
  writeRecoveryKeyFile(keyFile, floor.fresh.recoveryKey, 'WS-GRAN-02', new Date().toISOString());
  folderArgs = ['--data-dir', floor.fresh.dataDir, '--recovery-key-file', keyFile];
}, 300_000);

afterAll(async () => {
  await floor?.fresh.cleanup();
});

describe('ebr report', () => {
  it('writes the batch record PDF whose footer names the electronic copy’s hash', async () => {
    const out = join(work, 'B2026-0201.pdf');
    const result = await ebrCommand(['report', '--batch', 'b2026-0201', '--out', out, ...folderArgs]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Batch record of B2026-0201 written: ${out}`);
    const copyHash = /Electronic copy SHA-256 \(footer\): ([0-9a-f]{64})/.exec(result.stdout)![1]!;
    const pdfHash = /SHA-256 of the PDF: +([0-9a-f]{64})/.exec(result.stdout)![1];
    expect(createHash('sha256').update(readFileSync(out)).digest('hex')).toBe(pdfHash);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))![1]);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).split('\f');
    for (let page = 1; page <= pages; page++) {
      expect(text[page - 1]).toContain(`Page ${page} of ${pages}`);
      expect(text[page - 1]).toContain(copyHash);
    }
    expect(text.join('')).toContain('recovery-key holder via ebr CLI');
  }, 60_000);

  it('writes the paper continuation record of a batch in progress', async () => {
    const out = join(work, 'B2026-0202-paper.pdf');
    const result = await cli(['report', '--batch', 'B2026-0202', '--paper', '--out', out, ...folderArgs]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Paper continuation record of B2026-0202 written');
    const text = execFileSync('pdftotext', ['-raw', out, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const step of inProgress.steps.filter((candidate) => candidate.status !== 'completed')) {
      expect(text).toContain(`${step.position + 1}. ${step.definition.title}`);
    }
  }, 60_000);

  it('refuses an existing file, an unknown batch, and paper for a completed batch', async () => {
    const existing = join(work, 'existing.pdf');
    writeFileSync(existing, 'keep me');
    const overwrite = await cli(['report', '--batch', 'B2026-0201', '--out', existing, ...folderArgs]);
    expect(overwrite.code).toBe(2);
    expect(overwrite.stderr).toContain('CONFLICT');
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    const unknown = await cli([
      'report',
      '--batch',
      'B2026-9999',
      '--out',
      join(work, 'x.pdf'),
      ...folderArgs,
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no batch B2026-9999');
    const paper = await cli([
      'report',
      '--batch',
      'B2026-0201',
      '--paper',
      '--out',
      join(work, 'y.pdf'),
      ...folderArgs,
    ]);
    expect(paper.code).toBe(2);
    expect(paper.stderr).toContain('Print the batch record instead');
    expect(existsSync(join(work, 'x.pdf')) || existsSync(join(work, 'y.pdf'))).toBe(false);
    expect((await cli(['report', '--out', join(work, 'z.pdf'), ...folderArgs])).stderr).toContain(
      'Missing --batch',
    );
  }, 60_000);
});

describe('ebr export', () => {
  it('exports as a technician; ebr verify-export and openssl pass; the export is audited', async () => {
    const usb = join(work, 'usb');
    mkdirSync(usb);
    const result = await ebrCommand(
      ['export', '--batch', 'B2026-0201', '--out', usb, '--as', 'tina', ...folderArgs],
      {
        EBR_PASSWORD: USER_PASSWORD,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Exported B2026-0201 as Tina Technicienne');
    const [packageName] = readdirSync(usb);
    const directory = join(usb, packageName!);
    expect(result.stdout).toContain(`ebr verify-export ${directory} --fingerprint ${fingerprint}`);

    const verified = await ebrCommand(['verify-export', directory, '--fingerprint', fingerprint]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('Package verified');
    const openssl = await shell(OPENSSL_VERIFY, directory);
    expect(openssl.code).toBe(0);
    expect(openssl.stdout + openssl.stderr).toContain('Signature Verified Successfully');

    const copy = readFileSync(join(directory, 'batch-record.json'));
    const copyHash = createHash('sha256').update(copy).digest('hex');
    expect(JSON.parse(copy.toString('utf8')).batch.id).toBe(batch.id);
    const text = execFileSync('pdftotext', ['-layout', join(directory, 'batch-record.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(text).toContain(`Electronic copy (batch-record.json) SHA-256: ${copyHash}`);

    const app = await createApp({
      dataDir: floor.fresh.dataDir,
      keyProvider: recoveryKeyProvider(floor.fresh.recoveryKey),
      sessionCheckIntervalMs: 0,
    });
    try {
      expect(app.status).toBe('ready');
      const row = app
        .runtime!.store.sqlite.prepare(
          "SELECT user_name, new_value FROM audit_trail WHERE action = 'batch.exported' AND entity_id = ?",
        )
        .get(batch.id) as { user_name: string; new_value: string };
      expect(row.user_name).toBe('Tina Technicienne');
      expect(json(row.new_value)).toMatchObject({ packageName, electronicCopySha256: copyHash });
      const paperRows = app
        .runtime!.store.sqlite.prepare(
          "SELECT user_id, user_name FROM audit_trail WHERE action = 'batch.paper-continuation-printed'",
        )
        .all() as { user_id: string | null; user_name: string }[];
      expect(paperRows).toHaveLength(1);
      expect(paperRows[0]!.user_id).toBeNull();
      expect(paperRows[0]!.user_name).toContain('recovery-key holder via ebr CLI');
    } finally {
      await app.close();
    }
    const audit = await cli(['verify-audit', ...folderArgs]);
    expect(audit.code).toBe(0);
  }, 120_000);

  it('refuses a user without exports.write, and writes nothing', async () => {
    const usb = join(work, 'usb-refused');
    mkdirSync(usb);
    const refused = await cli(
      ['export', '--batch', 'B2026-0201', '--out', usb, '--as', 'olga', ...folderArgs],
      {
        EBR_PASSWORD: USER_PASSWORD,
      },
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('FORBIDDEN');
    expect(refused.stderr).toContain('exports.write');
    expect(readdirSync(usb)).toEqual([]);
    const wrong = await cli(
      ['export', '--batch', 'B2026-0201', '--out', usb, '--as', 'tina', ...folderArgs],
      {
        EBR_PASSWORD: 'Not-Her-Password-1',
      },
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('INVALID_CREDENTIALS');
    rmSync(usb, { recursive: true });
  }, 60_000);
});
