/**
 * Recorded audit-trail review (A11-9) through the channels the renderer uses: a QA reviewer picks a
 * scope and signs "reviewed" (password re-entered, P11-200a1); a second person verifies it
 * ("verified", never the reviewer); the review and its signatures are listed with their verification
 * (P11-50a/b), and any change to the stored review breaks them (P11-70, A11-14).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/app';
import { AUDIT_REVIEW_RECORD, readAuditReview } from '../../electron/core/audit/audit-reviews';
import { verifyAuditTrail } from '../../electron/core/audit/verifier';
import {
  contentHashOf,
  signedPayload,
  type StoredSignature,
} from '../../electron/core/signatures/signature-verification';
import { verifyWithPublicKey } from '../../electron/core/terminal/terminal-key';
import type { AuditReviewView } from '../../shared/contract/audit-trail';
import type { SignatureView } from '../../shared/contract/signatures';
import type { Role } from '../../shared/permissions';
import { ADMIN_PASSWORD, ADMIN_SETUP_PASSWORD, freshApp, signIn, type FreshApp } from '../helpers/fresh-app';
import {
  auditRowsAfter,
  expectError,
  findSecrets,
  json,
  lastAuditSeq,
  OutputRecorder,
  TEMPORARY_PASSWORD,
  USER_PASSWORD,
  value,
} from '../helpers/identity';
import { withRaw } from '../helpers/tamper';

const MS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const WRONG = 'Not-The-Password-1';
const self = (password = USER_PASSWORD) => ({ kind: 'self' as const, password });
const cosigner = (username: string, password = USER_PASSWORD) => ({
  kind: 'cosigner' as const,
  username,
  password,
});

let fresh: FreshApp;
const recorder = new OutputRecorder();
let admin: Connection;
const ids: Record<string, string> = {};
const windows: Record<string, Connection> = {};

async function person(username: string, fullName: string, roles: Role[]) {
  const user = value<{ id: string }>(
    await admin.invoke('users.create', {
      username,
      fullName,
      roles,
      temporaryPassword: TEMPORARY_PASSWORD,
      reason: 'New in QA',
    }),
  );
  const { connection, session } = await signIn(fresh.app, username, TEMPORARY_PASSWORD, USER_PASSWORD);
  expect(session.state).toBe('active');
  ids[username] = user.id;
  windows[username] = recorder.wrap(connection);
}

const sqlite = () => fresh.app.runtime!.store.sqlite;

function storedSignature(id: string): StoredSignature {
  return sqlite()
    .prepare(
      `SELECT id, record_type AS recordType, record_id AS recordId, meaning, signer_user_id AS signerUserId,
              signer_username AS signerUsername, signer_name AS signerName, signed_at_utc AS signedAtUtc,
              time_zone AS timeZone, terminal_id AS terminalId, content_hash AS contentHash, key_id AS keyId, signature,
              statement, statement_language AS statementLanguage
       FROM signatures WHERE id = ?`,
    )
    .get(id) as StoredSignature;
}

async function list(connection = windows['qa.bert']!): Promise<AuditReviewView[]> {
  return value<AuditReviewView[]>(await connection.invoke('audit.reviews.list', {}));
}

let review: AuditReviewView;
let reviewSeq: number;

beforeAll(async () => {
  fresh = await freshApp({ terminalName: 'WS-REVIEW-01' });
  admin = recorder.wrap(await fresh.admin());
  await person('qa.anna', 'Anna Qualität', ['qa']);
  await person('qa.bert', 'Bert Brenner', ['qa']);
  await person('op.dirk', 'Dirk Operator', ['operator']);
  await person('sup.carla', 'Carla Supervisor', ['supervisor']);
}, 60_000);

afterAll(async () => {
  await fresh?.cleanup();
});

describe('audit.reviews.create: a signed review of a scope', () => {
  it('records count, range and a digest over "seq:hash" of exactly the rows in scope, signed "reviewed"', async () => {
    fresh.clock.advance(2_000); // the review's transaction gets a time no earlier row has
    const before = lastAuditSeq(fresh.app);
    review = value<AuditReviewView>(
      await windows['qa.anna']!.invoke('audit.reviews.create', {
        filter: { entityType: 'user' },
        comment: 'Weekly review of user administration',
        credentials: self(),
      }),
    );
    reviewSeq = before + 1;

    // What the scope held: every 'user' row written before the review's own transaction.
    const inScope = sqlite()
      .prepare("SELECT seq, hash FROM audit_trail WHERE entity_type = 'user' AND seq <= ? ORDER BY seq")
      .all(before) as { seq: number; hash: string }[];
    expect(inScope.length).toBeGreaterThan(8); // users created, signed in, passwords changed
    const digest = createHash('sha256');
    for (const row of inScope) digest.update(`${row.seq}:${row.hash}\n`);
    expect(review).toMatchObject({
      scope: { entityType: 'user' },
      rowCount: inScope.length,
      firstSeq: inScope[0]!.seq,
      lastSeq: inScope.at(-1)!.seq,
      digest: digest.digest('hex'),
      comment: 'Weekly review of user administration',
      createdAtUtc: new Date(fresh.clock.now()).toISOString(),
    });

    expect(review.signatures).toHaveLength(1);
    const signature = review.signatures[0]!;
    expect(signature).toEqual<SignatureView>({
      id: expect.any(String),
      record: { type: AUDIT_REVIEW_RECORD, id: review.id },
      meaning: 'reviewed',
      statement: 'I have reviewed this record.',
      statementLanguage: 'en',
      signerUserId: ids['qa.anna']!,
      signerUsername: 'qa.anna',
      signerName: 'Anna Qualität',
      signedAtUtc: review.createdAtUtc,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      terminalId: fresh.terminalId,
      terminalName: 'WS-REVIEW-01',
      contentHash: contentHashOf(readAuditReview(sqlite(), review.id)),
      keyId: fresh.app.runtime!.terminal.key.fingerprint,
      verification: { valid: true, problem: null },
    });
    expect(signature.signedAtUtc).toMatch(MS_UTC);
    expect(signature.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores the signature row, its signature.applied row and the audit.reviewed row in one transaction', () => {
    const signature = review.signatures[0]!;
    const stored = storedSignature(signature.id);
    expect(stored).toMatchObject({
      recordType: AUDIT_REVIEW_RECORD,
      recordId: review.id,
      meaning: 'reviewed',
      signerUserId: ids['qa.anna'],
      signerUsername: 'qa.anna',
      signerName: 'Anna Qualität',
      signedAtUtc: review.createdAtUtc,
      timeZone: signature.timeZone,
      terminalId: fresh.terminalId,
      contentHash: signature.contentHash,
      keyId: fresh.app.runtime!.terminal.key.fingerprint,
    });
    expect(
      verifyWithPublicKey(
        fresh.app.runtime!.terminal.key.publicKeyPem,
        signedPayload(stored),
        Buffer.from(stored.signature, 'base64'),
      ),
    ).toBe(true);

    const rows = auditRowsAfter(fresh.app, reviewSeq - 1).filter((row) => row.seq <= reviewSeq + 1);
    expect(rows.map((row) => [row.seq, row.action])).toEqual([
      [reviewSeq, 'audit.reviewed'],
      [reviewSeq + 1, 'signature.applied'],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({
        at_utc: stored.signedAtUtc,
        user_id: ids['qa.anna'],
        user_name: 'Anna Qualität',
        entity_type: AUDIT_REVIEW_RECORD,
        entity_id: review.id,
        terminal_id: fresh.terminalId,
      });
    }
    // Rows before the review are from another moment: the shared time is the transaction's.
    expect(auditRowsAfter(fresh.app, reviewSeq - 2)[0]!.at_utc).not.toBe(stored.signedAtUtc);
    expect(rows[0]!.reason).toBe('Weekly review of user administration');
    expect(json(rows[0]!.new_value)).toEqual({
      scope: { entityType: 'user' },
      rowCount: review.rowCount,
      firstSeq: review.firstSeq,
      lastSeq: review.lastSeq,
      digest: review.digest,
    });
    expect(json(rows[1]!.new_value)).toEqual({
      signatureId: signature.id,
      meaning: 'reviewed',
      signerUsername: 'qa.anna',
      signerName: 'Anna Qualität',
      contentHash: signature.contentHash,
      statement: 'I have reviewed this record.',
      statementLanguage: 'en',
    });
    // One signed checkpoint covers both rows, and none was written between them.
    const checkpoints = sqlite()
      .prepare(
        'SELECT audit_seq AS auditSeq, at_utc AS atUtc FROM audit_checkpoints WHERE audit_seq >= ? ORDER BY seq',
      )
      .all(reviewSeq - 1) as { auditSeq: number; atUtc: string }[];
    expect(checkpoints[0]).toEqual({ auditSeq: reviewSeq - 1, atUtc: expect.any(String) });
    expect(checkpoints[1]).toEqual({ auditSeq: reviewSeq + 1, atUtc: stored.signedAtUtc });
    const chain = verifyAuditTrail({
      sqlite: sqlite(),
      trustedPublicKeys: fresh.app.runtime!.trustedPublicKeys(),
      headMirror: fresh.app.runtime!.headMirror(),
    });
    expect(chain.intact).toBe(true);
  });

  it('needs the password again for the next review: a wrong one is refused though the first succeeded', async () => {
    const anna = windows['qa.anna']!;
    const reviews = (await list()).length;
    expectError(
      await anna.invoke('audit.reviews.create', {
        filter: { entityType: 'user' },
        comment: 'Second look',
        credentials: self(WRONG),
      }),
      'INVALID_CREDENTIALS',
    );
    expectError(
      await anna.invoke('audit.reviews.create', { filter: { entityType: 'user' }, comment: 'Second look' }),
      'VALIDATION_FAILED',
    );
    // Only the session user's own password: the channel takes no co-signer for a review.
    expectError(
      await anna.invoke('audit.reviews.create', {
        filter: { entityType: 'user' },
        comment: 'Second look',
        credentials: cosigner('qa.bert'),
      }),
      'VALIDATION_FAILED',
    );
    expect((await list()).length).toBe(reviews);
    // A successful sign-in clears Anna's failure count for the tests below.
    await signIn(fresh.app, 'qa.anna', USER_PASSWORD);
  });

  it('refuses operators and supervisors (no audit.review permission) before checking any password', async () => {
    const seq = lastAuditSeq(fresh.app);
    for (const username of ['op.dirk', 'sup.carla']) {
      const refused = expectError(
        await windows[username]!.invoke('audit.reviews.create', {
          filter: { entityType: 'user' },
          comment: 'Trying to review',
          credentials: self(WRONG),
        }),
        'FORBIDDEN',
      );
      expect(refused.message).toContain('audit.review');
    }
    expect(lastAuditSeq(fresh.app)).toBe(seq);
    // Operators do not see reviews at all; supervisors may read them.
    expectError(await windows['op.dirk']!.invoke('audit.reviews.list', {}), 'FORBIDDEN');
    expect((await list(windows['sup.carla'])).map((listed) => listed.id)).toContain(review.id);
  });

  it('refuses an empty scope with CONFLICT and writes nothing', async () => {
    const seq = lastAuditSeq(fresh.app);
    const reviews = (await list()).length;
    const signatures = sqlite().prepare('SELECT count(*) FROM signatures').pluck().get();
    const conflict = expectError(
      await windows['qa.anna']!.invoke('audit.reviews.create', {
        filter: { entityType: 'batch' },
        comment: 'Review of batches',
        credentials: self(),
      }),
      'CONFLICT',
    );
    expect(conflict.message).toMatch(/no audit rows/);
    expect(lastAuditSeq(fresh.app)).toBe(seq);
    expect((await list()).length).toBe(reviews);
    expect(sqlite().prepare('SELECT count(*) FROM signatures').pluck().get()).toBe(signatures);
  });
});

describe('audit.reviews.cosign: verified by a second person, never the reviewer', () => {
  it("refuses the reviewer as verifier, even from another person's session (SIGNER_NOT_DISTINCT)", async () => {
    const notDistinct = expectError(
      await windows['qa.bert']!.invoke('audit.reviews.cosign', {
        reviewId: review.id,
        credentials: cosigner('qa.anna'),
      }),
      'SIGNER_NOT_DISTINCT',
    );
    expect(notDistinct.message).toBe('The verifier must not be the reviewer: ask a second person.');
    // And nobody co-signs as the person signed in at the window.
    expectError(
      await windows['qa.bert']!.invoke('audit.reviews.cosign', {
        reviewId: review.id,
        credentials: cosigner('qa.bert'),
      }),
      'SIGNER_NOT_DISTINCT',
    );
    // Co-signing is always by username and password: the channel takes no "self" credentials.
    expectError(
      await windows['qa.bert']!.invoke('audit.reviews.cosign', { reviewId: review.id, credentials: self() }),
      'VALIDATION_FAILED',
    );
    expect((await list()).find((listed) => listed.id === review.id)!.signatures).toHaveLength(1);
  });

  it('refuses a co-signer whose roles do not allow "verified", naming the meaning', async () => {
    const forbidden = expectError(
      await windows['qa.anna']!.invoke('audit.reviews.cosign', {
        reviewId: review.id,
        credentials: cosigner('op.dirk'),
      }),
      'FORBIDDEN',
    );
    expect(forbidden.details).toEqual({ meaning: 'verified' });
    expect(forbidden.message).toContain('"Verified"');
    expectError(
      await windows['qa.anna']!.invoke('audit.reviews.cosign', {
        reviewId: '00000000-0000-4000-8000-000000000000',
        credentials: cosigner('qa.bert'),
      }),
      'NOT_FOUND',
    );
  });

  it("lets another QA person verify at the reviewer's window; both signatures verify", async () => {
    fresh.clock.advance(1_000);
    const cosigned = value<AuditReviewView>(
      await windows['qa.anna']!.invoke('audit.reviews.cosign', {
        reviewId: review.id,
        credentials: cosigner('qa.bert'),
      }),
    );
    expect(
      cosigned.signatures.map((signature) => [
        signature.meaning,
        signature.signerName,
        signature.verification.valid,
      ]),
    ).toEqual([
      ['reviewed', 'Anna Qualität', true],
      ['verified', 'Bert Brenner', true],
    ]);
    const verified = cosigned.signatures[1]!;
    expect(verified).toMatchObject({
      signerUserId: ids['qa.bert'],
      statement: 'I verify that this is correct.',
      contentHash: review.signatures[0]!.contentHash, // the same record content, unchanged
      signedAtUtc: new Date(fresh.clock.now()).toISOString(),
    });
    // The audit row names the co-signer as the actor.
    const applied = sqlite()
      .prepare(
        "SELECT user_id, user_name, at_utc FROM audit_trail WHERE action = 'signature.applied' ORDER BY seq DESC LIMIT 1",
      )
      .get();
    expect(applied).toEqual({
      user_id: ids['qa.bert'],
      user_name: 'Bert Brenner',
      at_utc: verified.signedAtUtc,
    });
  });

  it('audit.reviews.list shows each review newest first with its signatures and their verification', async () => {
    fresh.clock.advance(1_000);
    const second = value<AuditReviewView>(
      await windows['qa.bert']!.invoke('audit.reviews.create', {
        filter: { entityType: 'user', entityId: ids['op.dirk'] },
        comment: 'Operator account history',
        credentials: self(),
      }),
    );
    const operatorRows = sqlite()
      .prepare("SELECT seq FROM audit_trail WHERE entity_type = 'user' AND entity_id = ? ORDER BY seq")
      .pluck()
      .all(ids['op.dirk']) as number[];
    expect(second.rowCount).toBe(operatorRows.length);
    expect(second.firstSeq).toBe(operatorRows[0]);
    const listed = await list();
    expect(listed.map((entry) => entry.id).slice(0, 2)).toEqual([second.id, review.id]);
    expect(
      listed[0]!.signatures.map((signature) => [
        signature.meaning,
        signature.signerUsername,
        signature.verification,
      ]),
    ).toEqual([['reviewed', 'qa.bert', { valid: true, problem: null }]]);
    expect(listed[1]!.signatures.map((signature) => signature.meaning)).toEqual(['reviewed', 'verified']);
    expect(listed[1]!.signatures.every((signature) => signature.verification.valid)).toBe(true);
  });
});

describe('tampering with a review or its signatures', () => {
  it('shows every signature of an altered review as INVALID in audit.reviews.list; the others stay valid', async () => {
    withRaw(fresh.dataDir, fresh.recoveryKey, (raw) => {
      raw.exec('DROP TRIGGER audit_reviews_no_update');
      raw.prepare('UPDATE audit_reviews SET row_count = row_count - 1 WHERE id = ?').run(review.id);
    });
    const listed = await list();
    const altered = listed.find((entry) => entry.id === review.id)!;
    expect(altered.rowCount).toBe(review.rowCount - 1);
    expect(altered.signatures).toHaveLength(2);
    for (const signature of altered.signatures) {
      expect(signature.verification).toEqual({
        valid: false,
        problem: 'The record changed after it was signed.',
      });
    }
    expect(
      listed
        .filter((entry) => entry.id !== review.id)
        .every((entry) => entry.signatures.every((s) => s.verification.valid)),
    ).toBe(true);
  });

  it('shows a signature copied onto another review as INVALID there', async () => {
    const listed = await list();
    const target = listed.find((entry) => entry.id !== review.id)!;
    const copiedFrom = review.signatures[0]!.id;
    withRaw(fresh.dataDir, fresh.recoveryKey, (raw) =>
      raw
        .prepare(
          `INSERT INTO signatures (id, record_type, record_id, meaning, signer_user_id, signer_username, signer_name, signed_at_utc, time_zone, terminal_id, content_hash, key_id, signature)
           SELECT 'copied-signature', record_type, ?, meaning, signer_user_id, signer_username, signer_name, signed_at_utc, time_zone, terminal_id, ?, key_id, signature
           FROM signatures WHERE id = ?`,
        )
        // Even with the content hash of its new record, the copy does not verify.
        .run(target.id, contentHashOf(readAuditReview(sqlite(), target.id)), copiedFrom),
    );
    const after = (await list()).find((entry) => entry.id === target.id)!;
    const byId = Object.fromEntries(after.signatures.map((signature) => [signature.id, signature]));
    expect(Object.keys(byId).sort()).toEqual([target.signatures[0]!.id, 'copied-signature'].sort());
    expect(byId[target.signatures[0]!.id]!.verification.valid).toBe(true);
    expect(byId['copied-signature']).toMatchObject({
      signerName: 'Anna Qualität',
      verification: { valid: false },
    });
    expect(
      after.signatures.find((signature) => signature.id === 'copied-signature')!.verification.problem,
    ).toContain('terminal signature does not match');
  });

  it('keeps every password and password hash out of channel output, signature rows and audit rows', () => {
    const hashes = sqlite().prepare('SELECT password_hash FROM users').pluck().all() as string[];
    const needles = [
      ADMIN_SETUP_PASSWORD,
      ADMIN_PASSWORD,
      TEMPORARY_PASSWORD,
      USER_PASSWORD,
      WRONG,
      '$argon2',
      ...hashes,
    ];
    const tables = ['signatures', 'audit_reviews', 'audit_trail'].flatMap((table) =>
      (sqlite().prepare(`SELECT * FROM ${table}`).all() as object[]).map((row) => ({
        where: table,
        text: JSON.stringify(row),
      })),
    );
    expect(
      recorder.outputs.filter((output) => output.channel.startsWith('audit.reviews.')).length,
    ).toBeGreaterThan(10);
    expect(findSecrets([...tables, ...recorder.allText()], needles)).toEqual([]);
  });
});
