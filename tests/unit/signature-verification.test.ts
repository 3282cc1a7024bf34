/**
 * What an electronic signature covers, and what breaks it (P11-70, A11-14): the signature row holds
 * the SHA-256 of the RFC 8785 canonical JSON of the signed content and names its record; the
 * terminal key signs every field of the row. Verification recomputes the hash from the record as it
 * is now, so a changed record, a moved or copied signature row, an altered signer, meaning or time,
 * or an unknown key all fail.
 *
 * Runs against a real migrated schema (the signatures table and its append-only triggers) in a plain
 * temporary SQLite file; the "attacker" opens a second, raw connection and drops the triggers.
 */
import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, loadMigrations } from '../../db/migrate';
import type { AuditEntry } from '../../electron/core/audit/audit-trail';
import { manualClock } from '../../electron/core/clock';
import {
  SignatureService,
  type SignatureServiceDeps,
  type Signer,
} from '../../electron/core/signatures/signature-service';
import {
  contentHashOf,
  signatureColumns,
  signedPayload,
  verifyAllSignatures,
  verifySignatureRow,
  keyringOf,
  type StoredSignature,
} from '../../electron/core/signatures/signature-verification';
import { SignedRecords } from '../../electron/core/signatures/signed-records';
import { fingerprintOf, type TerminalKey } from '../../electron/core/terminal/terminal-key';
import type { RecordRef, SignatureView } from '../../shared/contract/signatures';
import type { SignatureMeaning } from '../../shared/signatures';

const START_MS = Date.UTC(2026, 10, 2, 8, 0, 0, 123);
const ITEM = 'test-item';
const TERMINAL_ID = '7d2f0d3e-1b7a-4c53-9e0c-5b9f2f7a1c01';

function makeKey(): TerminalKey & { privateKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    fingerprint: fingerprintOf(publicKey),
    sign: (message) => sign(null, message, privateKey),
  };
}

const signer: Signer = {
  userId: '0b6a1e77-4f8e-4c1e-8d0f-6a3c2b1d9e01',
  username: 'qa.mueller',
  fullName: 'Dr. Jürgen Müller',
};

/** A weighing as an execution step would record it: nested objects, arrays, non-ASCII text. */
const weighing = {
  batch: 'B-2026-0042',
  step: 'OP20.S3',
  material: { code: 'API-0042', lot: 'L-1187', name: 'Paracetamol Ph. Eur.' },
  net: 12.5,
  unit: 'kg',
  checks: [
    { name: 'tare', ok: true },
    { name: 'stable', ok: true },
  ],
  remark: 'Waage BAL-07 — geprüft ✓',
  corrected: null,
};

/** The same content with every object's keys in another order. */
const weighingReordered = {
  remark: 'Waage BAL-07 — geprüft ✓',
  corrected: null,
  checks: [
    { ok: true, name: 'tare' },
    { ok: true, name: 'stable' },
  ],
  unit: 'kg',
  net: 12.5,
  material: { name: 'Paracetamol Ph. Eur.', lot: 'L-1187', code: 'API-0042' },
  step: 'OP20.S3',
  batch: 'B-2026-0042',
};

describe('contentHashOf: SHA-256 of the RFC 8785 canonical JSON', () => {
  it('is the same for the same content in any key order, and equals the hash of the sorted-key JSON', () => {
    expect(JSON.stringify(weighing)).not.toBe(JSON.stringify(weighingReordered));
    expect(contentHashOf(weighingReordered)).toBe(contentHashOf(weighing));
    const byHand =
      '{"batch":"B-2026-0042","checks":[{"name":"tare","ok":true},{"name":"stable","ok":true}],"corrected":null,' +
      '"material":{"code":"API-0042","lot":"L-1187","name":"Paracetamol Ph. Eur."},"net":12.5,"remark":"Waage BAL-07 — geprüft ✓",' +
      '"step":"OP20.S3","unit":"kg"}';
    expect(contentHashOf(weighing)).toBe(createHash('sha256').update(byHand, 'utf8').digest('hex'));
    expect(contentHashOf(weighing)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes numbers by value as RFC 8785 does: 12.50 and 1.25e1 in the stored text are 12.5', () => {
    for (const text of ['12.50', '1.25e1', '12.500000']) {
      const parsed = JSON.parse(JSON.stringify(weighing).replace('"net":12.5', `"net":${text}`)) as unknown;
      expect(contentHashOf(parsed)).toBe(contentHashOf(weighing));
    }
  });

  it.each([
    ['a changed value', { ...weighing, net: 12.51 }],
    ['a value of another type', { ...weighing, net: '12.5' }],
    ['a changed nested value', { ...weighing, material: { ...weighing.material, lot: 'L-1188' } }],
    ['array items in another order', { ...weighing, checks: [...weighing.checks].reverse() }],
    ['an added key', { ...weighing, extra: null }],
    ['a removed key', (({ corrected: _dropped, ...rest }) => rest)(weighing)],
    ['one character of text changed', { ...weighing, remark: 'Waage BAL-07 — geprüft ✔' }],
  ])('differs for %s', (_label, changed) => {
    expect(contentHashOf(changed)).not.toBe(contentHashOf(weighing));
  });
});

describe('signedPayload', () => {
  const base: Omit<StoredSignature, 'signature'> = {
    id: 'a1',
    recordType: ITEM,
    recordId: 'r1',
    meaning: 'performed',
    signerUserId: signer.userId,
    signerUsername: signer.username,
    signerName: signer.fullName,
    signedAtUtc: '2026-11-02T08:00:00.123Z',
    timeZone: 'Europe/Berlin',
    terminalId: TERMINAL_ID,
    contentHash: 'ab'.repeat(32),
    keyId: 'cd'.repeat(32),
  };

  it.each(Object.keys(base) as (keyof typeof base)[])('covers %s', (field) => {
    const changed = { ...base, [field]: field === 'meaning' ? 'verified' : `${base[field]}x` };
    expect(signedPayload(changed).equals(signedPayload(base))).toBe(false);
  });

  it.each([
    [
      'statement',
      { statement: 'Ich habe diese Arbeit wie aufgezeichnet durchgeführt.', statementLanguage: 'de' },
    ],
    ['statement language', { statement: 'I performed this work as recorded.', statementLanguage: 'en' }],
  ])('covers the recorded %s', (_label, recorded) => {
    const withStatement = { ...base, ...recorded };
    expect(signedPayload(withStatement).equals(signedPayload(base))).toBe(false);
    const other = { ...withStatement, statementLanguage: recorded.statementLanguage === 'de' ? 'en' : 'de' };
    expect(signedPayload(other).equals(signedPayload(withStatement))).toBe(false);
    expect(
      signedPayload({ ...withStatement, statement: `${recorded.statement} ` }).equals(
        signedPayload(withStatement),
      ),
    ).toBe(false);
  });

  it('is the canonical JSON of the row without the signature, whatever extra properties the row object carries', () => {
    const json = JSON.parse(signedPayload(base).toString('utf8')) as Record<string, unknown>;
    expect(json).toEqual(base);
    const withSignature = { ...base, signature: 'AAAA' } as StoredSignature;
    expect(signedPayload(withSignature).equals(signedPayload(base))).toBe(true);
  });
});

describe('signing and verifying signature rows', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ebr-sig-unit-'));
  const file = join(folder, 'store.db');
  const clock = manualClock(START_MS);
  const terminalKey = makeKey();
  let sqlite: Database.Database;
  let records: SignedRecords;
  let service: SignatureService;
  let keys: Map<string, string>;
  const recorded: AuditEntry[] = [];

  /** The reader of the test record type: the stored JSON, parsed, as a domain reader would return it. */
  const readItem = (id: string): unknown => {
    const text = sqlite.prepare('SELECT content FROM test_items WHERE id = ?').pluck().get(id) as
      string | undefined;
    return text === undefined ? undefined : JSON.parse(text);
  };

  const saveItem = (id: string, content: unknown) =>
    sqlite.prepare('INSERT INTO test_items (id, content) VALUES (?, ?)').run(id, JSON.stringify(content));

  /** Stores `content` (as given, key order included) and signs it within one transaction. */
  const signNew = (
    id: string,
    content: unknown,
    meaning: SignatureMeaning = 'performed',
    signedContent = content,
  ) =>
    sqlite.transaction((): SignatureView => {
      saveItem(id, content);
      return service.signWithin(
        (entry) => recorded.push(entry),
        signer,
        { type: ITEM, id },
        signedContent,
        meaning,
      );
    })();

  const row = (signatureId: string): StoredSignature =>
    sqlite
      .prepare(`SELECT ${signatureColumns} FROM signatures WHERE id = ?`)
      .get(signatureId) as StoredSignature;

  const verifyRow = (signatureId: string) => verifySignatureRow(row(signatureId), records, keys);

  /** What anyone holding the database key can do: a second connection, append-only triggers dropped. */
  function asAttacker<T>(action: (raw: Database.Database) => T): T {
    const raw = new Database(file);
    try {
      raw.exec(`
        DROP TRIGGER IF EXISTS signatures_no_update;
        DROP TRIGGER IF EXISTS signatures_no_delete;
      `);
      return action(raw);
    } finally {
      raw.exec(`
        CREATE TRIGGER IF NOT EXISTS signatures_no_update BEFORE UPDATE ON signatures
        BEGIN SELECT RAISE(ABORT, 'signatures are append-only: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS signatures_no_delete BEFORE DELETE ON signatures
        BEGIN SELECT RAISE(ABORT, 'signatures are append-only: DELETE refused'); END;
      `);
      raw.close();
    }
  }

  beforeAll(() => {
    sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    applyMigrations(sqlite, loadMigrations(), new Date(START_MS).toISOString());
    sqlite.exec('CREATE TABLE test_items (id TEXT PRIMARY KEY, content TEXT NOT NULL) STRICT');
    records = new SignedRecords();
    records.register(ITEM, readItem);
    const deps: SignatureServiceDeps = {
      sqlite,
      // Re-authentication is not exercised here (see tests/integration/signatures.test.ts).
      users: undefined as never,
      auth: undefined as never,
      terminal: { id: TERMINAL_ID, name: 'WS-UNIT-01', location: 'Unit test', key: terminalKey },
      clock,
      records,
      trustedPublicKeys: () => [terminalKey.publicKeyPem],
    };
    service = new SignatureService(deps);
    keys = keyringOf([terminalKey.publicKeyPem]);
  });

  afterAll(() => {
    sqlite?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('stores signer, printed name, meaning, UTC time with ms, IANA zone, terminal, content hash, key id and an Ed25519 signature over all of it', () => {
    const view = signNew('stored-1', weighing, 'performed');
    const stored = row(view.id);
    expect(stored).toEqual({
      id: view.id,
      recordType: ITEM,
      recordId: 'stored-1',
      meaning: 'performed',
      signerUserId: signer.userId,
      signerUsername: signer.username,
      signerName: 'Dr. Jürgen Müller',
      signedAtUtc: '2026-11-02T08:00:00.123Z',
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      terminalId: TERMINAL_ID,
      contentHash: contentHashOf(weighing),
      keyId: terminalKey.fingerprint,
      signature: expect.any(String),
      statement: 'I performed this work as recorded.',
      statementLanguage: 'en',
    });
    expect(stored.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.timeZone.length).toBeGreaterThan(0);
    expect(() => new Intl.DateTimeFormat('en', { timeZone: stored.timeZone })).not.toThrow();
    // An independent check with node:crypto over the documented payload.
    const signature = Buffer.from(stored.signature, 'base64');
    expect(signature).toHaveLength(64);
    expect(verify(null, signedPayload(stored), createPublicKey(terminalKey.publicKeyPem), signature)).toBe(
      true,
    );
    expect(view.verification).toEqual({ valid: true, problem: null });
    expect(view.statement).toBe('I performed this work as recorded.');
    expect(verifyRow(view.id)).toEqual({ valid: true, problem: null });
    // The audit row written with it names the signature, the signer and the content hash.
    expect(recorded.at(-1)).toEqual({
      action: 'signature.applied',
      entityType: ITEM,
      entityId: 'stored-1',
      newValue: {
        signatureId: view.id,
        meaning: 'performed',
        signerUsername: signer.username,
        signerName: signer.fullName,
        contentHash: stored.contentHash,
        statement: 'I performed this work as recorded.',
        statementLanguage: 'en',
      },
    });
  });

  it('records the statement in the language the signer saw it in, and signs it with its language', () => {
    const german = sqlite.transaction(() => {
      saveItem('german-1', weighing);
      return service.signWithin(
        (entry) => recorded.push(entry),
        { ...signer, statementLanguage: 'de' },
        { type: ITEM, id: 'german-1' },
        weighing,
        'verified',
      );
    })();
    expect(german.statement).toBe('Ich bestätige als Zweitprüfer, dass dies korrekt ist.');
    expect(german.statementLanguage).toBe('de');
    const stored = row(german.id);
    expect(stored).toMatchObject({ statement: german.statement, statementLanguage: 'de' });
    expect(JSON.parse(signedPayload(stored).toString('utf8'))).toMatchObject({
      statement: german.statement,
      statementLanguage: 'de',
    });
    expect(verifyRow(german.id)).toEqual({ valid: true, problem: null });
    // Listed later, in any reader's language, it shows the words as signed.
    expect(service.listFor({ type: ITEM, id: 'german-1' })[0]).toMatchObject({
      statement: 'Ich bestätige als Zweitprüfer, dass dies korrekt ist.',
      statementLanguage: 'de',
      verification: { valid: true, problem: null },
    });
  });

  it.each([
    ['statement', 'I verify that this is correct.'],
    ['statement_language', 'en'],
  ])('fails when the recorded %s is changed afterwards', (column, forged) => {
    const view = sqlite.transaction(() => {
      saveItem(`forged-${column}`, weighing);
      return service.signWithin(
        (entry) => recorded.push(entry),
        { ...signer, statementLanguage: 'de' },
        { type: ITEM, id: `forged-${column}` },
        weighing,
        'verified',
      );
    })();
    asAttacker((raw) => raw.prepare(`UPDATE signatures SET ${column} = ? WHERE id = ?`).run(forged, view.id));
    expect(verifyRow(view.id)).toEqual({
      valid: false,
      problem: expect.stringContaining('terminal signature does not match'),
    });
  });

  it('still verifies a signature made before statements were recorded, showing the English statement', () => {
    saveItem('legacy-1', weighing);
    const unsigned = {
      id: 'legacy-signature',
      recordType: ITEM,
      recordId: 'legacy-1',
      meaning: 'performed' as const,
      signerUserId: signer.userId,
      signerUsername: signer.username,
      signerName: signer.fullName,
      signedAtUtc: '2026-11-01T08:00:00.000Z',
      timeZone: 'Europe/Berlin',
      terminalId: TERMINAL_ID,
      contentHash: contentHashOf(weighing),
      keyId: terminalKey.fingerprint,
    };
    // Exactly the payload signatures had before: no statement, no language.
    const legacyPayload = Buffer.from(
      JSON.stringify(Object.fromEntries(Object.entries(unsigned).sort(([a], [b]) => (a < b ? -1 : 1)))),
      'utf8',
    );
    expect(legacyPayload.equals(signedPayload(unsigned))).toBe(true);
    sqlite
      .prepare(
        `INSERT INTO signatures (id, record_type, record_id, meaning, signer_user_id, signer_username, signer_name, signed_at_utc, time_zone, terminal_id, content_hash, key_id, signature)
         VALUES (@id, @recordType, @recordId, @meaning, @signerUserId, @signerUsername, @signerName, @signedAtUtc, @timeZone, @terminalId, @contentHash, @keyId, @signature)`,
      )
      .run({ ...unsigned, signature: terminalKey.sign(legacyPayload).toString('base64') });
    expect(row('legacy-signature')).toMatchObject({ statement: null, statementLanguage: null });
    expect(verifyRow('legacy-signature')).toEqual({ valid: true, problem: null });
    expect(service.listFor({ type: ITEM, id: 'legacy-1' })[0]).toMatchObject({
      statement: 'I performed this work as recorded.',
      statementLanguage: null,
      verification: { valid: true, problem: null },
    });
  });

  it('verifies when the record holds the same content with its keys in another order', () => {
    const view = signNew('reordered-1', weighingReordered, 'performed', weighing);
    expect(JSON.stringify(readItem('reordered-1'))).not.toBe(JSON.stringify(weighing));
    expect(verifyRow(view.id)).toEqual({ valid: true, problem: null });
  });

  it('fails with "changed after it was signed" when one value of the record changes', () => {
    const view = signNew('changed-1', weighing);
    expect(verifyRow(view.id).valid).toBe(true);
    sqlite
      .prepare('UPDATE test_items SET content = ? WHERE id = ?')
      .run(JSON.stringify({ ...weighing, net: 12.51 }), 'changed-1');
    expect(verifyRow(view.id)).toEqual({ valid: false, problem: 'The record changed after it was signed.' });
    // Listing the record's signatures shows the same verdict.
    expect(service.listFor({ type: ITEM, id: 'changed-1' }).map((s) => s.verification)).toEqual([
      { valid: false, problem: 'The record changed after it was signed.' },
    ]);
  });

  it('fails when the signature row is copied to point at another record, even one with identical content', () => {
    const view = signNew('original-1', weighing);
    saveItem('twin-1', weighing); // same content, never signed
    const original = row(view.id);
    asAttacker((raw) =>
      raw
        .prepare(
          `INSERT INTO signatures (id, record_type, record_id, meaning, signer_user_id, signer_username, signer_name, signed_at_utc, time_zone, terminal_id, content_hash, key_id, signature)
           SELECT 'copied-signature', record_type, 'twin-1', meaning, signer_user_id, signer_username, signer_name, signed_at_utc, time_zone, terminal_id, content_hash, key_id, signature
           FROM signatures WHERE id = ?`,
        )
        .run(view.id),
    );
    const copied = row('copied-signature');
    expect(copied).toMatchObject({
      recordId: 'twin-1',
      contentHash: original.contentHash,
      signature: original.signature,
    });
    expect(contentHashOf(readItem('twin-1'))).toBe(copied.contentHash);
    expect(verifyRow('copied-signature')).toEqual({
      valid: false,
      problem: expect.stringContaining('terminal signature does not match'),
    });
    const twinSignatures = service.listFor({ type: ITEM, id: 'twin-1' });
    expect(twinSignatures).toHaveLength(1);
    expect(twinSignatures[0]!.verification.valid).toBe(false);
    // The original stays valid.
    expect(verifyRow(view.id).valid).toBe(true);
  });

  it('fails when the signature row is moved to another record (record_id rewritten in place)', () => {
    const view = signNew('moved-from', weighing);
    saveItem('moved-to', weighing);
    asAttacker((raw) =>
      raw.prepare("UPDATE signatures SET record_id = 'moved-to' WHERE id = ?").run(view.id),
    );
    expect(verifyRow(view.id)).toEqual({
      valid: false,
      problem: expect.stringContaining('terminal signature does not match'),
    });
  });

  it.each([
    ['signer_name', "'Someone Else'"],
    ['meaning', "'approved'"],
    ['signed_at_utc', "'2026-11-01T08:00:00.123Z'"],
    ['signer_user_id', "'00000000-0000-4000-8000-000000000000'"],
    ['signer_username', "'someone.else'"],
    ['time_zone', "'Pacific/Auckland'"],
    ['terminal_id', "'00000000-0000-4000-8000-000000000001'"],
    ['record_type', "'other-type'"],
  ])('fails ("terminal signature does not match") when %s is altered in the row', (column, newValue) => {
    const view = signNew(`altered-${column}`, weighing);
    asAttacker((raw) =>
      raw.prepare(`UPDATE signatures SET ${column} = ${newValue} WHERE id = ?`).run(view.id),
    );
    expect(verifyRow(view.id)).toEqual({
      valid: false,
      problem: 'The terminal signature does not match: the signature row was altered, moved or forged.',
    });
  });

  it('fails when the content hash in the row is replaced by the hash of changed content', () => {
    const view = signNew('rehashed-1', weighing);
    const forged = { ...weighing, net: 99 };
    sqlite
      .prepare('UPDATE test_items SET content = ? WHERE id = ?')
      .run(JSON.stringify(forged), 'rehashed-1');
    asAttacker((raw) =>
      raw.prepare('UPDATE signatures SET content_hash = ? WHERE id = ?').run(contentHashOf(forged), view.id),
    );
    expect(verifyRow(view.id).problem).toContain('terminal signature does not match');
  });

  it('fails for an unknown key id, and for a row re-signed by a key the store does not trust', () => {
    const view = signNew('unknown-key-1', weighing);
    const stranger = makeKey();
    asAttacker((raw) =>
      raw.prepare('UPDATE signatures SET key_id = ? WHERE id = ?').run(stranger.fingerprint, view.id),
    );
    expect(verifyRow(view.id)).toEqual({
      valid: false,
      problem: expect.stringContaining('terminal signature does not match'),
    });

    // A complete forgery: every field consistent, signed by a stranger's key under its own id.
    const forged = signNew('forged-1', weighing);
    const unsigned = { ...row(forged.id), keyId: stranger.fingerprint, signerName: 'Forged Name' };
    const resigned = stranger.sign(signedPayload(unsigned)).toString('base64');
    asAttacker((raw) =>
      raw
        .prepare('UPDATE signatures SET key_id = ?, signer_name = ?, signature = ? WHERE id = ?')
        .run(stranger.fingerprint, 'Forged Name', resigned, forged.id),
    );
    expect(verifyRow(forged.id).valid).toBe(false);
    // The same row verifies only for someone who (wrongly) trusts the stranger's key.
    expect(verifySignatureRow(row(forged.id), records, keyringOf([stranger.publicKeyPem])).valid).toBe(true);
  });

  it('fails with "no longer exists" when the signed record is deleted, or its type is unknown', () => {
    const view = signNew('deleted-1', weighing);
    sqlite.prepare('DELETE FROM test_items WHERE id = ?').run('deleted-1');
    expect(verifyRow(view.id)).toEqual({ valid: false, problem: 'The signed record no longer exists.' });
    const unregistered = new SignedRecords();
    expect(verifySignatureRow(row(view.id), unregistered, keys)).toEqual({
      valid: false,
      problem: 'The signed record no longer exists.',
    });
  });

  it('keeps signature rows append-only: UPDATE and DELETE abort on the ordinary connection', () => {
    const view = signNew('append-only-1', weighing);
    expect(() => sqlite.prepare("UPDATE signatures SET signer_name = 'x' WHERE id = ?").run(view.id)).toThrow(
      /append-only: UPDATE refused/,
    );
    expect(() => sqlite.prepare('DELETE FROM signatures WHERE id = ?').run(view.id)).toThrow(
      /append-only: DELETE refused/,
    );
    expect(row(view.id).signerName).toBe(signer.fullName);
  });

  it('verifyAllSignatures counts the valid ones and names every invalid one with its record and problem', () => {
    const report = verifyAllSignatures(sqlite, records, [terminalKey.publicKeyPem]);
    const all = sqlite.prepare(`SELECT ${signatureColumns} FROM signatures`).all() as StoredSignature[];
    const expectedInvalid = all.filter((candidate) => !verifySignatureRow(candidate, records, keys).valid);
    expect(report.valid + report.invalid.length).toBe(all.length);
    expect(report.valid).toBeGreaterThanOrEqual(3);
    expect(report.invalid.map((entry) => entry.id).sort()).toEqual(
      expectedInvalid.map((entry) => entry.id).sort(),
    );
    expect(report.invalid).toContainEqual({
      id: 'copied-signature',
      record: { type: ITEM, id: 'twin-1' } satisfies RecordRef,
      problem: expect.stringContaining('terminal signature does not match'),
    });
    expect(report.invalid.find((entry) => entry.record.id === 'changed-1')?.problem).toBe(
      'The record changed after it was signed.',
    );
    expect(report.invalid.find((entry) => entry.record.id === 'deleted-1')?.problem).toBe(
      'The signed record no longer exists.',
    );
    // Nobody trusted: nothing verifies.
    expect(verifyAllSignatures(sqlite, records, []).valid).toBe(0);
  });
});
