import { execFile } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../electron/core/app';
import { parseRecoveryKey } from '../../electron/core/keys/recovery-key';
import { keyProviderFromFile, writeRecoveryKeyFile } from '../../electron/cli/recovery-key-file';
import type { AuditReviewView } from '../../shared/contract/audit-trail';
import { freshApp, signIn, temporaryFolder, type FreshApp } from '../helpers/fresh-app';
import { createUser, USER_PASSWORD, TEMPORARY_PASSWORD, value } from '../helpers/identity';
import { applyKey } from '../helpers/tamper';
import { ebrEntry } from '../helpers/ebr-command';
import { PRODUCTION_PASSWORD_HASH_PARAMETERS, TEST_PASSWORD_HASH_COST } from '../harness/argon2-test-cost';

const run = promisify(execFile);
/** The command as users run it (bin in package.json: tsx over the sources); one test runs it. */
const ebrAsInstalled = join(import.meta.dirname, '../../electron/cli/ebr.mjs');

async function ebrCommand(args: string[], env: Record<string, string> = {}, entry = ebrEntry()) {
  try {
    const { stdout, stderr } = await run(process.execPath, [entry, ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('ebr command line', () => {
  const root = temporaryFolder('ebr-cli-');
  const dataDir = join(root, 'data');
  const keyFile = join(root, 'recovery.key');
  const folderArgs = ['--data-dir', dataDir, '--recovery-key-file', keyFile];

  beforeAll(async () => {
    const init = await ebrCommand(
      [
        'init',
        ...folderArgs,
        '--admin',
        'alice',
        '--admin-name',
        'Alice Émilie Durand',
        '--terminal-name',
        'WS-CLI-01',
      ],
      { EBR_PASSWORD: 'Sufficiently-Long-9' },
    );
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
  }, 60_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes the recovery key file owner-only, and the key opens nothing else in the clear', () => {
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'ebr.db')).mode & 0o777).toBe(0o600);
    const keyLine = readFileSync(keyFile, 'utf8')
      .split('\n')
      .find((line) => /^[0-9A-F-]{79}$/.test(line));
    expect(keyLine).toBeDefined();
    expect(parseRecoveryKey(keyLine!)).toHaveLength(32);
  });

  it("stores the administrator password as Argon2id at the production cost (64 MiB, 2 passes), not the tests' low cost", () => {
    const keyLine = readFileSync(keyFile, 'utf8')
      .split('\n')
      .find((line) => /^[0-9A-F-]{79}$/.test(line))!;
    const raw = new Database(join(dataDir, 'ebr.db'), { readonly: true });
    try {
      applyKey(raw, keyLine);
      const hash = raw
        .prepare("SELECT password_hash FROM users WHERE username = 'alice'")
        .pluck()
        .get() as string;
      const { memoryCost, timeCost, parallelism } = PRODUCTION_PASSWORD_HASH_PARAMETERS;
      expect([memoryCost, timeCost, parallelism]).toEqual([65536, 2, 1]);
      expect(hash).toMatch(
        new RegExp(`^\\$argon2id\\$v=19\\$m=${memoryCost},p=${parallelism},t=${timeCost}\\$`),
      );
      expect(TEST_PASSWORD_HASH_COST.memoryCost).toBeLessThan(memoryCost);
    } finally {
      raw.close();
    }
  });

  it('answers the same through electron/cli/ebr.mjs, the entry users run, as through the test bundle', async () => {
    const installed = await ebrCommand(['info', ...folderArgs, '--json'], {}, ebrAsInstalled);
    const bundled = await ebrCommand(['info', ...folderArgs, '--json']);
    expect(installed.stderr).toBe('');
    expect(installed.code).toBe(0);
    expect(JSON.parse(installed.stdout)).toEqual(JSON.parse(bundled.stdout));
    expect(JSON.parse(installed.stdout).terminal.name).toBe('WS-CLI-01');
  }, 120_000);

  it('reports version, schema, encryption, terminal and counts as JSON', async () => {
    const info = await ebrCommand(['info', ...folderArgs, '--json']);
    expect(info.code).toBe(0);
    const parsed = JSON.parse(info.stdout);
    expect(parsed.encryption).toEqual({ encrypted: true, cipher: expect.stringContaining('SQLCipher 4') });
    expect(parsed.terminal.name).toBe('WS-CLI-01');
    expect(parsed.schemaVersion).toBe(parsed.latestSchemaVersion);
    // Setup writes one transaction of four rows: store, terminal created and registered, administrator.
    expect(parsed.counts).toMatchObject({ users: 1, terminals: 1, auditRows: 4, auditCheckpoints: 1 });
    // `ebr init` anchored the signed head outside the folder, and the folder is not behind it.
    expect(parsed.headFile).toBe('present');
    expect(parsed.rolledBack).toBe(false);
    expect(parsed.anchors).toEqual([expect.objectContaining({ kind: 'matches', anchorSeq: 4, headSeq: 4 })]);
  });

  it('refuses to initialize over an existing folder or recovery key file', async () => {
    const again = await ebrCommand(
      ['init', ...folderArgs, '--admin', 'bob', '--admin-name', 'Bob', '--terminal-name', 'X'],
      { EBR_PASSWORD: 'Sufficiently-Long-9' },
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('ALREADY_INITIALIZED');
  });

  it('names a missing option and an unknown command with exit code 2', async () => {
    const missing = await ebrCommand(['info', '--data-dir', dataDir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--recovery-key-file');
    const unknown = await ebrCommand(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command');
  });

  it('refuses a wrong recovery key without changing the database', async () => {
    const wrongKeyFile = join(root, 'wrong.key');
    writeFileSync(wrongKeyFile, 'ab'.repeat(32) + '\n', { mode: 0o600 });
    const before = readFileSync(join(dataDir, 'ebr.db'));
    const result = await ebrCommand(['info', '--data-dir', dataDir, '--recovery-key-file', wrongKeyFile]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('STORE_WRONG_KEY');
    expect(readFileSync(join(dataDir, 'ebr.db')).equals(before)).toBe(true);
  });

  // Seven password checks at the production cost (the administrator came from `ebr init`), two
  // command starts and two store openings: seconds when idle, past 30 s at load 25 here.
  it('unlock-user lets the recovery-key holder unlock a locked-out administrator, audited', async () => {
    const open = () =>
      createApp({ dataDir, keyProvider: keyProviderFromFile(keyFile), sessionCheckIntervalMs: 0 });
    const app = await open();
    for (let attempt = 0; attempt < 5; attempt++) {
      await app.connect().invoke('auth.login', { username: 'alice', password: 'not-her-password' });
    }
    const refused = await app
      .connect()
      .invoke('auth.login', { username: 'alice', password: 'Sufficiently-Long-9' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    await app.close();

    const withoutReason = await ebrCommand(['unlock-user', ...folderArgs, '--username', 'alice']);
    expect(withoutReason.code).toBe(2);
    expect(withoutReason.stderr).toContain('--reason');
    const unlocked = await ebrCommand([
      'unlock-user',
      ...folderArgs,
      '--username',
      'alice',
      '--reason',
      'locked out over the weekend',
    ]);
    expect(unlocked.stderr).toBe('');
    expect(unlocked.code).toBe(0);

    const reopened = await open();
    const login = await reopened
      .connect()
      .invoke('auth.login', { username: 'alice', password: 'Sufficiently-Long-9' });
    expect(login).toMatchObject({ ok: true, value: { state: 'password-change-required' } });
    const row = reopened
      .runtime!.store.sqlite.prepare(
        "SELECT user_id AS userId, user_name AS userName, reason FROM audit_trail WHERE action = 'user.unlocked'",
      )
      .get() as { userId: string | null; userName: string; reason: string };
    expect(row).toMatchObject({ userId: null, reason: 'locked out over the weekend' });
    expect(row.userName).toMatch(/^recovery-key holder via ebr CLI/);
    await reopened.close();
  }, 120_000);

  it('verify-audit exits 0 when intact and 1 naming the first broken row after tampering', async () => {
    const intact = await ebrCommand(['verify-audit', ...folderArgs]);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/Audit trail intact: \d+ rows and \d+ signed checkpoints/);

    const key = parseRecoveryKey(
      readFileSync(keyFile, 'utf8')
        .split('\n')
        .find((l) => l && !l.startsWith('#'))!,
    );
    const raw = new Database(join(dataDir, 'ebr.db'));
    raw.pragma(`cipher='sqlcipher'`);
    raw.pragma('legacy=4');
    raw.pragma(`key="x'${key.toString('hex')}'"`);
    raw.exec('DROP TRIGGER audit_trail_no_update');
    raw.prepare("UPDATE audit_trail SET reason = 'nothing to see' WHERE seq = 2").run();
    raw.close();

    const broken = await ebrCommand(['verify-audit', ...folderArgs, '--json']);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout).firstBreak).toMatchObject({ seq: 2, kind: 'hash-mismatch' });
    expect(broken.stderr).toContain('AUDIT TRAIL BROKEN at row 2');
  });
});

describe('ebr verify-audit and electronic signatures', () => {
  let fresh: FreshApp;
  let folderArgs: string[];
  let review: AuditReviewView;

  beforeAll(async () => {
    fresh = await freshApp({ terminalName: 'WS-CLI-02' });
    const admin = await fresh.admin();
    await createUser(admin, 'qa.anna', ['qa'], { fullName: 'Anna Qualität' });
    await createUser(admin, 'qa.bert', ['qa'], { fullName: 'Bert Brenner' });
    const { connection } = await signIn(fresh.app, 'qa.anna', TEMPORARY_PASSWORD, USER_PASSWORD);
    await signIn(fresh.app, 'qa.bert', TEMPORARY_PASSWORD, USER_PASSWORD);
    review = value<AuditReviewView>(
      await connection.invoke('audit.reviews.create', {
        filter: { entityType: 'user' },
        comment: 'Weekly review of user administration',
        credentials: { kind: 'self', password: USER_PASSWORD },
      }),
    );
    review = value<AuditReviewView>(
      await connection.invoke('audit.reviews.cosign', {
        reviewId: review.id,
        credentials: { kind: 'cosigner', username: 'qa.bert', password: USER_PASSWORD },
      }),
    );
    expect(review.signatures.map((signature) => signature.meaning)).toEqual(['reviewed', 'verified']);
    await fresh.app.close();
    const keyFile = join(fresh.dataDir, '..', 'recovery.key');
    writeRecoveryKeyFile(keyFile, fresh.recoveryKey, 'WS-CLI-02', new Date().toISOString());
    folderArgs = ['--data-dir', fresh.dataDir, '--recovery-key-file', keyFile];
  }, 60_000);

  afterAll(() => fresh?.cleanup());

  it('counts valid signatures, and exits 1 naming every INVALID SIGNATURE of a record changed after signing', async () => {
    const intact = await ebrCommand(['verify-audit', ...folderArgs]);
    expect(intact.stderr).toBe('');
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/Audit trail intact: \d+ rows/);
    expect(intact.stdout).toContain('Signatures: 2 valid, 0 invalid');

    // Someone with the key edits the signed review; the audit trail itself is untouched.
    const raw = new Database(join(fresh.dataDir, 'ebr.db'));
    applyKey(raw, fresh.recoveryKey);
    raw.exec('DROP TRIGGER audit_reviews_no_update');
    raw.prepare("UPDATE audit_reviews SET comment = 'Nothing to see' WHERE id = ?").run(review.id);
    raw.close();

    const tampered = await ebrCommand(['verify-audit', ...folderArgs]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/Audit trail intact: \d+ rows/);
    expect(tampered.stdout).toContain('Signatures: 0 valid, 2 invalid');
    for (const signature of review.signatures) {
      expect(tampered.stderr).toContain(
        `INVALID SIGNATURE ${signature.id} on audit-review ${review.id}: The record changed after it was signed.`,
      );
    }
    expect(tampered.stderr).not.toContain('AUDIT TRAIL BROKEN');

    const asJson = await ebrCommand(['verify-audit', ...folderArgs, '--json']);
    expect(asJson.code).toBe(1);
    const report = JSON.parse(asJson.stdout);
    expect(report.intact).toBe(true);
    expect(report.signatures.valid).toBe(0);
    expect(report.signatures.invalid).toHaveLength(2);
    expect(report.signatures.invalid[0]).toEqual({
      id: review.signatures[0]!.id,
      record: { type: 'audit-review', id: review.id },
      problem: 'The record changed after it was signed.',
    });
  });
});
