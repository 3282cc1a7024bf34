/**
 * Verify once (issue 22 item 3): views remember which signature rows verified with Ed25519 under
 * which key, and read and hash the signed record's content now on every view. These tests prove
 * the memory saves the Ed25519 work and hides nothing: a record or a signature row changed through
 * a second, raw connection after it was verified (and remembered) still shows INVALID, and a key
 * that is no longer trusted is not trusted from memory.
 *
 * Real migrated schema in a temporary SQLite file, as tests/unit/signature-verification.test.ts.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, loadMigrations } from '../../db/migrate';
import { manualClock } from '../../electron/core/clock';
import { SignatureService, type Signer } from '../../electron/core/signatures/signature-service';
import {
  keyringOf,
  signatureColumns,
  verifySignatureRow,
  type StoredSignature,
} from '../../electron/core/signatures/signature-verification';
import { SignedRecords } from '../../electron/core/signatures/signed-records';
import { fingerprintOf, type TerminalKey } from '../../electron/core/terminal/terminal-key';
import type { SignatureView } from '../../shared/contract/signatures';

const START_MS = Date.UTC(2026, 11, 8, 9, 30, 0, 250);
const ITEM = 'test-item';
const TERMINAL_ID = '5c1e7a9b-3d2f-4e8a-9b6c-0f1e2d3c4b5a';
const CHANGED = 'The record changed after it was signed.';
const FORGED = 'The terminal signature does not match: the signature row was altered, moved or forged.';

function makeKey(): TerminalKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    fingerprint: fingerprintOf(publicKey),
    sign: (message) => sign(null, message, privateKey),
  };
}

const signer: Signer = {
  userId: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b',
  username: 'op.schmidt',
  fullName: 'Anna Schmidt',
};

describe('verify once: views remember verified signature rows, never the content', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ebr-verify-once-'));
  const file = join(folder, 'store.db');
  const terminalKey = makeKey();
  let trusted = [terminalKey.publicKeyPem];
  let sqlite: Database.Database;
  let records: SignedRecords;
  let service: SignatureService;

  const signNew = (id: string, content: unknown): SignatureView =>
    sqlite.transaction(() => {
      sqlite.prepare('INSERT INTO test_items (id, content) VALUES (?, ?)').run(id, JSON.stringify(content));
      return service.signWithin(() => undefined, signer, { type: ITEM, id }, content, 'performed');
    })();

  const view = (id: string) => service.listFor({ type: ITEM, id });

  /** A second connection that holds the file, with the append-only triggers dropped. */
  function asAttacker(action: (raw: Database.Database) => void): void {
    const raw = new Database(file);
    try {
      raw.exec('DROP TRIGGER IF EXISTS signatures_no_update;');
      action(raw);
    } finally {
      raw.exec(`CREATE TRIGGER IF NOT EXISTS signatures_no_update BEFORE UPDATE ON signatures
        BEGIN SELECT RAISE(ABORT, 'signatures are append-only: UPDATE refused'); END;`);
      raw.close();
    }
  }

  beforeAll(() => {
    sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    applyMigrations(sqlite, loadMigrations(), new Date(START_MS).toISOString());
    sqlite.exec('CREATE TABLE test_items (id TEXT PRIMARY KEY, content TEXT NOT NULL) STRICT');
    records = new SignedRecords();
    records.register(ITEM, (id) => {
      const text = sqlite.prepare('SELECT content FROM test_items WHERE id = ?').pluck().get(id) as
        string | undefined;
      return text === undefined ? undefined : JSON.parse(text);
    });
    service = new SignatureService({
      sqlite,
      // Re-authentication is not exercised here (see tests/integration/signatures.test.ts).
      users: undefined as never,
      auth: undefined as never,
      terminal: { id: TERMINAL_ID, name: 'WS-UNIT-02', location: 'Unit test', key: terminalKey },
      clock: manualClock(START_MS),
      records,
      trustedPublicKeys: () => trusted,
    });
  });

  afterAll(() => {
    sqlite?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('verifies a row with Ed25519 at the first view only; later views show the same VALID from memory', () => {
    const signed = signNew('once-1', { net: 12.5, unit: 'kg' });
    const before = service.verifiedSignatures.counts();
    const first = view('once-1');
    const afterFirst = service.verifiedSignatures.counts();
    const second = view('once-1');
    const third = view('once-1');
    const afterThird = service.verifiedSignatures.counts();

    expect(first).toHaveLength(1);
    expect(first[0]!.id).toBe(signed.id);
    expect(first[0]!.verification).toEqual({ valid: true, problem: null });
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(afterFirst.ed25519Verifications - before.ed25519Verifications).toBe(1);
    expect(afterThird.ed25519Verifications).toBe(afterFirst.ed25519Verifications);
    expect(afterThird.remembered - afterFirst.remembered).toBe(2);
  });

  it('catches a record changed through a raw connection after its signature was remembered', () => {
    signNew('once-2', { net: 3.25, unit: 'kg', remark: 'Waage BAL-07' });
    expect(view('once-2')[0]!.verification.valid).toBe(true);
    expect(view('once-2')[0]!.verification.valid).toBe(true);

    asAttacker((raw) =>
      raw
        .prepare('UPDATE test_items SET content = ? WHERE id = ?')
        .run(JSON.stringify({ net: 3.2, unit: 'kg', remark: 'Waage BAL-07' }), 'once-2'),
    );
    expect(view('once-2')[0]!.verification).toEqual({ valid: false, problem: CHANGED });
    expect(view('once-2')[0]!.verification).toEqual({ valid: false, problem: CHANGED });

    // Put back exactly as signed, it verifies again: the memory never held the content.
    asAttacker((raw) =>
      raw
        .prepare('UPDATE test_items SET content = ? WHERE id = ?')
        .run(JSON.stringify({ net: 3.25, unit: 'kg', remark: 'Waage BAL-07' }), 'once-2'),
    );
    expect(view('once-2')[0]!.verification).toEqual({ valid: true, problem: null });
  });

  it.each([
    ['signer_name', "'Someone Else'"],
    ['content_hash', "'" + '0'.repeat(64) + "'"],
    ['signed_at_utc', "'2026-12-08T09:30:00.251Z'"],
    ['meaning', "'verified'"],
  ])(
    'verifies a signature row again when %s was changed through a raw connection after it was remembered',
    (column, sqlValue) => {
      const id = `once-row-${column}`;
      signNew(id, { column, net: 1 });
      expect(view(id)[0]!.verification.valid).toBe(true);
      const before = service.verifiedSignatures.counts().ed25519Verifications;

      asAttacker((raw) =>
        raw.exec(`UPDATE signatures SET ${column} = ${sqlValue} WHERE record_id = '${id}'`),
      );
      expect(view(id)[0]!.verification).toEqual({ valid: false, problem: FORGED });
      expect(service.verifiedSignatures.counts().ed25519Verifications).toBe(before + 1);
    },
  );

  it('does not trust a remembered signature once its key is no longer trusted', () => {
    signNew('once-3', { net: 7 });
    expect(view('once-3')[0]!.verification.valid).toBe(true);
    const other = makeKey();
    trusted = [other.publicKeyPem];
    try {
      expect(view('once-3')[0]!.verification).toEqual({ valid: false, problem: FORGED });
    } finally {
      trusted = [terminalKey.publicKeyPem];
    }
    expect(view('once-3')[0]!.verification.valid).toBe(true);
  });

  it('shows for every row exactly what a full verification without memory shows', () => {
    asAttacker((raw) =>
      raw.prepare('UPDATE test_items SET content = ? WHERE id = ?').run('{"net":7.5}', 'once-3'),
    );
    const rows = sqlite
      .prepare(`SELECT ${signatureColumns} FROM signatures ORDER BY rowid`)
      .all() as StoredSignature[];
    expect(rows.length).toBeGreaterThanOrEqual(7);
    const keys = keyringOf(trusted);
    for (const row of rows) {
      const fromView = view(row.recordId).find((shown) => shown.id === row.id)!;
      expect(fromView.verification, row.recordId).toEqual(verifySignatureRow(row, records, keys));
    }
    expect(rows.filter((row) => !verifySignatureRow(row, records, keys).valid).length).toBe(5);
  });
});
