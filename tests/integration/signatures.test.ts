/**
 * Electronic signatures over a real encrypted store: P11-200a1 (two components, the password
 * re-entered at EVERY signing; a co-signer enters username and password), P11-300d (failed
 * signature attempts count toward lockout, with an alert), role ↔ meaning binding through the
 * `sign.<meaning>` permissions, "the verifier must not be the performer", P11-70 (the signature is
 * written in the same transaction as the change it signs, and its rows are append-only).
 *
 * The signature service is reached two ways: through channels (`audit.reviews.create`, as the
 * renderer does) and directly, through a second set of services over the same runtime, for the
 * meanings no channel signs yet. Argon2 costs ~100 ms per password check: users are shared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/app';
import { ConnectionHub } from '../../electron/core/connections';
import { SessionRegistry, type SessionRecord } from '../../electron/core/identity/sessions';
import { createServices, type Services } from '../../electron/core/services';
import type { Signer } from '../../electron/core/signatures/signature-service';
import { AUDIT_REVIEW_RECORD } from '../../electron/core/audit/audit-reviews';
import type { AuditReviewView } from '../../shared/contract/audit-trail';
import type { SecurityAlertEvent, SessionChangedEvent } from '../../shared/contract/events';
import type { SecurityAlert } from '../../shared/contract/identity';
import { EbrError, type ErrorCode } from '../../shared/errors';
import type { Role } from '../../shared/permissions';
import type { SignatureMeaning } from '../../shared/signatures';
import { ADMIN_PASSWORD, ADMIN_SETUP_PASSWORD, freshApp, signIn, type FreshApp } from '../helpers/fresh-app';
import {
  auditRowsAfter,
  expectError,
  findSecrets,
  json,
  lastAuditSeq,
  OutputRecorder,
  TEMPORARY_PASSWORD,
  updateSettings,
  USER_PASSWORD,
  value,
  type AuditRowText,
} from '../helpers/identity';

const WRONG = 'Not-The-Password-1';
const LOCKOUT_THRESHOLD = 3;

let fresh: FreshApp;
let direct: Services;
const recorder = new OutputRecorder();
let admin: Connection;

interface Person {
  id: string;
  username: string;
  fullName: string;
  roles: Role[];
  connection: Connection;
  session: SessionRecord;
}

const people: Record<string, Person> = {};

async function person(username: string, fullName: string, roles: Role[]): Promise<Person> {
  const user = value<{ id: string; username: string; fullName: string; roles: Role[] }>(
    await admin.invoke('users.create', {
      username,
      fullName,
      roles,
      temporaryPassword: TEMPORARY_PASSWORD,
      reason: 'Joined the QA team',
    }),
  );
  const { connection, session } = await signIn(fresh.app, username, TEMPORARY_PASSWORD, USER_PASSWORD);
  expect(session.state).toBe('active');
  const created: Person = {
    ...user,
    connection: recorder.wrap(connection),
    // The session record as the main process holds it for this window.
    session: {
      userId: user.id,
      username: user.username,
      fullName: user.fullName,
      roles: user.roles,
      state: 'active',
      passwordChangeReason: null,
      lastActivityMs: fresh.clock.now(),
    },
  };
  people[username] = created;
  return created;
}

const sqlite = () => fresh.app.runtime!.store.sqlite;

function failedAttempts(userId: string): number {
  return sqlite().prepare('SELECT failed_attempts FROM users WHERE id = ?').pluck().get(userId) as number;
}

function lockedAt(userId: string): string | null {
  return sqlite().prepare('SELECT locked_at_utc FROM users WHERE id = ?').pluck().get(userId) as
    string | null;
}

function signatureCount(): number {
  return sqlite().prepare('SELECT count(*) FROM signatures').pluck().get() as number;
}

/** The refusal `promise` ends with, as an EbrError with that code. */
async function refusal(promise: Promise<unknown>, code: ErrorCode): Promise<EbrError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected ${code}, but it succeeded`);
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EbrError);
  expect((error as EbrError).code, (error as Error).message).toBe(code);
  return error as EbrError;
}

/** One signature applied through the service: an audited change that signs a fresh review-like record. */
function signSomething(signer: Signer, meaning: SignatureMeaning) {
  const { audit } = fresh.app.runtime!;
  return audit.change({ userId: signer.userId, userName: signer.fullName }, ({ record }) =>
    direct.signatures.signWithin(
      record,
      signer,
      { type: 'test-thing', id: `thing-${signatureCount()}` },
      { n: 1 },
      meaning,
    ),
  );
}

beforeAll(async () => {
  fresh = await freshApp({ terminalName: 'WS-SIGN-01' });
  admin = recorder.wrap(await fresh.admin());
  await updateSettings(admin, (settings) => ({ ...settings, lockoutThreshold: LOCKOUT_THRESHOLD }));
  direct = createServices(fresh.app.runtime!, fresh.clock, new ConnectionHub(), new SessionRegistry());
  await person('qa.anna', 'Anna Qualität', ['qa']);
  await person('qa.bert', 'Bert Brenner', ['qa']);
  await person('sup.carla', 'Carla Supervisor', ['supervisor']);
  await person('op.dirk', 'Dirk Operator', ['operator']);
  await person('tech.emil', 'Emil Technician', ['technician']);
  await person('qa.frieda', 'Frieda Lockout', ['qa']);
}, 60_000);

afterAll(async () => {
  await fresh?.cleanup();
});

describe('re-authentication at every signature (P11-200a1)', () => {
  it('needs the password for each signature: the second of two fails on a wrong password though the first succeeded', async () => {
    const anna = people['qa.anna']!;
    const before = signatureCount();
    const first = await direct.signatures.authenticate(
      anna.session,
      { kind: 'self', password: USER_PASSWORD },
      'reviewed',
    );
    expect(first).toEqual({
      userId: anna.id,
      username: 'qa.anna',
      fullName: 'Anna Qualität',
      statementLanguage: 'en',
    });
    signSomething(first, 'reviewed');
    const second = await direct.signatures.authenticate(
      anna.session,
      { kind: 'self', password: USER_PASSWORD },
      'reviewed',
    );
    signSomething(second, 'reviewed');
    expect(signatureCount()).toBe(before + 2);

    await refusal(
      direct.signatures.authenticate(anna.session, { kind: 'self', password: WRONG }, 'reviewed'),
      'INVALID_CREDENTIALS',
    );
    expect(failedAttempts(anna.id)).toBe(1);
    expect(signatureCount()).toBe(before + 2);
    // The same through the channel: the password is required every time, and checked every time.
    const viaChannel = anna.connection;
    const filter = { entityType: 'user' };
    value(
      await viaChannel.invoke('audit.reviews.create', {
        filter,
        comment: 'Weekly review',
        credentials: { kind: 'self', password: USER_PASSWORD },
      }),
    );
    expectError(
      await viaChannel.invoke('audit.reviews.create', {
        filter,
        comment: 'Weekly review',
        credentials: { kind: 'self', password: WRONG },
      }),
      'INVALID_CREDENTIALS',
    );
    expectError(
      await viaChannel.invoke('audit.reviews.create', { filter, comment: 'Weekly review' }),
      'VALIDATION_FAILED',
    );
    expectError(
      await viaChannel.invoke('audit.reviews.create', {
        filter,
        comment: 'Weekly review',
        credentials: { kind: 'self', password: '' },
      }),
      'VALIDATION_FAILED',
    );
    expect(signatureCount()).toBe(before + 3);
    expect(failedAttempts(anna.id)).toBe(2);
    // A successful sign-in clears the count; the tests below start Anna from zero.
    await signIn(fresh.app, 'qa.anna', USER_PASSWORD);
    expect(failedAttempts(anna.id)).toBe(0);
  });

  it('audits a wrong signature password as a failed attempt naming the account and the meaning', async () => {
    const bert = people['qa.bert']!;
    const seq = lastAuditSeq(fresh.app);
    await refusal(
      direct.signatures.authenticate(bert.session, { kind: 'self', password: WRONG }, 'approved'),
      'INVALID_CREDENTIALS',
    );
    const rows = auditRowsAfter(fresh.app, seq);
    expect(rows.map((row) => row.action)).toEqual(['auth.login-failed']);
    expect(rows[0]).toMatchObject({ user_id: null, entity_type: 'user', entity_id: bert.id });
    expect(rows[0]!.reason).toMatch(/^wrong password at signature/);
    expect(rows[0]!.reason).toBe('wrong password at signature (approved)');
    expect(json(rows[0]!.new_value)).toEqual({ usernameEntered: 'qa.bert', consecutiveFailures: 1 });
  });

  it(`locks the account at the threshold (${LOCKOUT_THRESHOLD}) of failed signature attempts, with a security alert`, async () => {
    const frieda = people['qa.frieda']!;
    const alertsAtAdmin = () => recorder.eventsAt<SecurityAlertEvent>(admin, 'security.alert');
    const alertsBefore = alertsAtAdmin().length;
    const seq = lastAuditSeq(fresh.app);
    const attempt = (password: string) =>
      frieda.connection.invoke('audit.reviews.create', {
        filter: { entityType: 'user' },
        comment: 'Monthly review',
        credentials: { kind: 'self', password },
      });
    for (let failure = 1; failure < LOCKOUT_THRESHOLD; failure++) {
      expectError(await attempt(WRONG), 'INVALID_CREDENTIALS');
      expect(failedAttempts(frieda.id)).toBe(failure);
      expect(lockedAt(frieda.id)).toBeNull();
    }
    const locked = expectError(await attempt(WRONG), 'ACCOUNT_LOCKED');
    expect(locked.message).toContain('qa.frieda');
    expect(lockedAt(frieda.id)).not.toBeNull();

    const rows = auditRowsAfter(fresh.app, seq);
    expect(rows.map((row) => row.action)).toEqual([
      ...Array<string>(LOCKOUT_THRESHOLD).fill('auth.login-failed'),
      'user.locked',
      'alert.raised',
    ]);
    for (const row of rows.filter((candidate) => candidate.action === 'auth.login-failed')) {
      expect(row).toMatchObject({ entity_id: frieda.id, reason: 'wrong password at signature (reviewed)' });
    }
    expect(rows.find((row) => row.action === 'user.locked')).toMatchObject({ entity_id: frieda.id });

    // The administrator is told at once, and the alert stays until acknowledged.
    expect(alertsAtAdmin().length).toBe(alertsBefore + 1);
    expect(alertsAtAdmin().at(-1)).toMatchObject({
      kind: 'account-locked',
      message: expect.stringContaining('qa.frieda'),
    });
    const alerts = value<SecurityAlert[]>(await admin.invoke('alerts.list', {}));
    expect(alerts).toContainEqual(
      expect.objectContaining({
        kind: 'account-locked',
        subjectUserId: frieda.id,
        subjectUsername: 'qa.frieda',
      }),
    );

    // Locked: the right password no longer signs, the session ends at the next call, sign-in is refused.
    const signaturesBefore = signatureCount();
    await refusal(
      direct.signatures.authenticate(frieda.session, { kind: 'self', password: USER_PASSWORD }, 'reviewed'),
      'ACCOUNT_LOCKED',
    );
    expectError(await attempt(USER_PASSWORD), 'UNAUTHENTICATED');
    expect(recorder.eventsAt<SessionChangedEvent>(frieda.connection, 'session.changed').at(-1)).toEqual({
      state: 'signed-out',
      reason: 'account locked',
    });
    expectError(
      await fresh.app.connect().invoke('auth.login', { username: 'qa.frieda', password: USER_PASSWORD }),
      'ACCOUNT_LOCKED',
    );
    expect(signatureCount()).toBe(signaturesBefore);
  });
});

describe('co-signer: a different person at the same terminal', () => {
  it('refuses the session user as their own co-signer (SIGNER_NOT_DISTINCT), whatever the password', async () => {
    const anna = people['qa.anna']!;
    const failuresBefore = failedAttempts(anna.id);
    const same = await refusal(
      direct.signatures.authenticate(
        anna.session,
        { kind: 'cosigner', username: 'qa.anna', password: USER_PASSWORD },
        'verified',
      ),
      'SIGNER_NOT_DISTINCT',
    );
    expect(same.message).toMatch(/different person/);
    await refusal(
      direct.signatures.authenticate(
        anna.session,
        { kind: 'cosigner', username: 'qa.anna', password: WRONG },
        'verified',
      ),
      'SIGNER_NOT_DISTINCT',
    );
    expect(failedAttempts(anna.id)).toBe(failuresBefore);
  });

  it('accepts a different person with their own username and password, and signs in their name', async () => {
    const anna = people['qa.anna']!;
    const carla = people['sup.carla']!;
    const signer = await direct.signatures.authenticate(
      anna.session,
      { kind: 'cosigner', username: 'sup.carla', password: USER_PASSWORD },
      'verified',
    );
    expect(signer).toEqual({
      userId: carla.id,
      username: 'sup.carla',
      fullName: 'Carla Supervisor',
      statementLanguage: 'en',
    });
    const view = signSomething(signer, 'verified');
    expect(view).toMatchObject({
      signerUserId: carla.id,
      signerName: 'Carla Supervisor',
      meaning: 'verified',
    });
    // A co-signer must know their own password: another person's is refused.
    await refusal(
      direct.signatures.authenticate(
        anna.session,
        { kind: 'cosigner', username: 'sup.carla', password: 'Own-Secret-2027!' },
        'verified',
      ),
      'INVALID_CREDENTIALS',
    );
  });

  it("counts a co-signer's wrong password toward the CO-SIGNER's lockout, never the session user's", async () => {
    const anna = people['qa.anna']!;
    const emil = people['tech.emil']!;
    const annaFailures = failedAttempts(anna.id);
    const seq = lastAuditSeq(fresh.app);
    const cosign = (password: string) =>
      direct.signatures.authenticate(
        anna.session,
        { kind: 'cosigner', username: 'tech.emil', password },
        'verified',
      );
    for (let failure = 1; failure < LOCKOUT_THRESHOLD; failure++) {
      await refusal(cosign(WRONG), 'INVALID_CREDENTIALS');
      expect(failedAttempts(emil.id)).toBe(failure);
    }
    await refusal(cosign(WRONG), 'ACCOUNT_LOCKED');
    expect(lockedAt(emil.id)).not.toBeNull();
    expect(failedAttempts(anna.id)).toBe(annaFailures);
    expect(lockedAt(anna.id)).toBeNull();

    const rows = auditRowsAfter(fresh.app, seq);
    const failures = rows.filter((row) => row.action === 'auth.login-failed');
    expect(failures).toHaveLength(LOCKOUT_THRESHOLD);
    for (const row of failures) {
      expect(row).toMatchObject({ entity_id: emil.id, reason: 'wrong password at signature (verified)' });
      expect((json(row.new_value) as { usernameEntered: string }).usernameEntered).toBe('tech.emil');
    }
    expect(rows.filter((row) => row.action === 'user.locked').map((row) => row.entity_id)).toEqual([emil.id]);
    expect(rows.some((row) => row.entity_id === anna.id)).toBe(false);
    // The session user goes on signing.
    await direct.signatures.authenticate(anna.session, { kind: 'self', password: USER_PASSWORD }, 'reviewed');
  });

  // A co-signer who never replaced the temporary password an administrator set could otherwise be
  // impersonated by that administrator (P11-100a): its own code, since PASSWORD_CHANGE_REQUIRED
  // would move the signed-in window's session.
  it('refuses a co-signer who still holds a temporary password set by an administrator', async () => {
    const anna = people['qa.anna']!;
    await admin.invoke('users.create', {
      username: 'qa.gina',
      fullName: 'Gina Neu',
      roles: ['qa'],
      temporaryPassword: TEMPORARY_PASSWORD,
      reason: 'Joined the QA team',
    });
    const before = signatureCount();
    const attempt = direct.signatures.authenticate(
      anna.session,
      { kind: 'cosigner', username: 'qa.gina', password: TEMPORARY_PASSWORD },
      'verified',
    );
    const error = await attempt.then(
      () => null,
      (caught: unknown) => caught as EbrError,
    );
    expect(error, 'a temporary password known to the administrator signed').not.toBeNull();
    expect(error!.code).toBe('SIGNER_MUST_CHANGE_PASSWORD');
    expect(signatureCount()).toBe(before);
  });

  it('refuses an unknown co-signer username like a wrong password, without counting against anyone', async () => {
    const anna = people['qa.anna']!;
    const seq = lastAuditSeq(fresh.app);
    const error = await refusal(
      direct.signatures.authenticate(
        anna.session,
        { kind: 'cosigner', username: 'nobody.here', password: WRONG },
        'verified',
      ),
      'INVALID_CREDENTIALS',
    );
    expect(error.message).toBe('The username or password is not correct.');
    expect(auditRowsAfter(fresh.app, seq)).toEqual([]);
  });
});

describe('role ↔ meaning binding and the distinct-person rule', () => {
  const cases: [string, SignatureMeaning, 'ok' | 'FORBIDDEN'][] = [
    ['op.dirk', 'reviewed', 'FORBIDDEN'],
    ['op.dirk', 'approved', 'FORBIDDEN'],
    ['op.dirk', 'released', 'FORBIDDEN'],
    ['op.dirk', 'verified', 'FORBIDDEN'],
    ['op.dirk', 'performed', 'ok'],
    ['qa.bert', 'reviewed', 'ok'],
    ['qa.bert', 'released', 'ok'],
    ['qa.bert', 'performed', 'FORBIDDEN'],
    ['sup.carla', 'verified', 'ok'],
    ['sup.carla', 'approved', 'FORBIDDEN'],
  ];

  it.each(cases)('%s signing "%s": %s', async (username, meaning, outcome) => {
    const signer = people[username]!;
    const attempt = direct.signatures.authenticate(
      signer.session,
      { kind: 'self', password: USER_PASSWORD },
      meaning,
    );
    if (outcome === 'ok') {
      expect((await attempt).userId).toBe(signer.id);
      return;
    }
    const error = await refusal(attempt, 'FORBIDDEN');
    expect(error.details).toEqual({ meaning });
    expect(error.message).toContain(signer.fullName);
    expect(error.message.toLowerCase()).toContain(`"${meaning}"`);
  });

  it("binds the meaning to the CO-SIGNER's roles, not the session user's", async () => {
    const bert = people['qa.bert']!;
    const error = await refusal(
      direct.signatures.authenticate(
        bert.session,
        { kind: 'cosigner', username: 'op.dirk', password: USER_PASSWORD },
        'approved',
      ),
      'FORBIDDEN',
    );
    expect(error.message).toContain('Dirk Operator');
  });

  it('refuses the performer as verifier (distinctFrom), as co-signer and as the session user', async () => {
    const anna = people['qa.anna']!;
    const bert = people['qa.bert']!;
    const rules = { distinctFrom: [{ userId: bert.id, role: 'performer' }] };
    const asCosigner = await refusal(
      direct.signatures.authenticate(
        anna.session,
        { kind: 'cosigner', username: 'qa.bert', password: USER_PASSWORD },
        'verified',
        rules,
      ),
      'SIGNER_NOT_DISTINCT',
    );
    expect(asCosigner.message).toBe('The verifier must not be the performer: ask a second person.');
    expect(asCosigner.details).toEqual({ meaning: 'verified' });
    await refusal(
      direct.signatures.authenticate(
        bert.session,
        { kind: 'self', password: USER_PASSWORD },
        'verified',
        rules,
      ),
      'SIGNER_NOT_DISTINCT',
    );
    // Anyone else may verify.
    expect(
      (
        await direct.signatures.authenticate(
          anna.session,
          { kind: 'self', password: USER_PASSWORD },
          'verified',
          rules,
        )
      ).userId,
    ).toBe(anna.id);
  });
});

describe('signature rows: one transaction with the change, append-only', () => {
  it('writes nothing when the change it belongs to fails: signature, audit rows and checkpoint roll back together', async () => {
    const anna = people['qa.anna']!;
    const signer = await direct.signatures.authenticate(
      anna.session,
      { kind: 'self', password: USER_PASSWORD },
      'reviewed',
    );
    const seq = lastAuditSeq(fresh.app);
    const signatures = signatureCount();
    const checkpoints = sqlite().prepare('SELECT count(*) FROM audit_checkpoints').pluck().get();
    expect(() =>
      fresh.app.runtime!.audit.change({ userId: signer.userId, userName: signer.fullName }, ({ record }) => {
        direct.signatures.signWithin(
          record,
          signer,
          { type: 'test-thing', id: 'never' },
          { n: 2 },
          'reviewed',
        );
        throw new Error('the step failed after signing');
      }),
    ).toThrow('the step failed after signing');
    expect(signatureCount()).toBe(signatures);
    expect(lastAuditSeq(fresh.app)).toBe(seq);
    expect(sqlite().prepare('SELECT count(*) FROM audit_checkpoints').pluck().get()).toBe(checkpoints);
    expect(sqlite().prepare("SELECT count(*) FROM signatures WHERE record_id = 'never'").pluck().get()).toBe(
      0,
    );
  });

  it("refuses UPDATE and DELETE of signature and review rows through the application's own connection", async () => {
    const anna = people['qa.anna']!;
    const review = value<AuditReviewView>(
      await anna.connection.invoke('audit.reviews.create', {
        filter: { entityType: 'user' },
        comment: 'Append-only check',
        credentials: { kind: 'self', password: USER_PASSWORD },
      }),
    );
    const signatureId = review.signatures[0]!.id;
    const db = sqlite();
    expect(() =>
      db.prepare("UPDATE signatures SET signer_name = 'Someone Else' WHERE id = ?").run(signatureId),
    ).toThrow(/signatures are append-only: UPDATE refused/);
    expect(() =>
      db.prepare("UPDATE signatures SET record_id = 'elsewhere' WHERE id = ?").run(signatureId),
    ).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM signatures WHERE id = ?').run(signatureId)).toThrow(
      /signatures are append-only: DELETE refused/,
    );
    expect(() => db.prepare("UPDATE audit_reviews SET comment = 'x' WHERE id = ?").run(review.id)).toThrow(
      /audit reviews are append-only: UPDATE refused/,
    );
    expect(() => db.prepare('DELETE FROM audit_reviews WHERE id = ?').run(review.id)).toThrow(
      /append-only: DELETE refused/,
    );
    const listed = direct.signatures.listFor({ type: AUDIT_REVIEW_RECORD, id: review.id });
    expect(listed).toEqual([
      expect.objectContaining({
        id: signatureId,
        signerName: 'Anna Qualität',
        verification: { valid: true, problem: null },
      }),
    ]);
  });

  it('keeps every password and password hash out of signature rows, audit rows and channel output', () => {
    const db = sqlite();
    const hashes = db.prepare('SELECT password_hash FROM users').pluck().all() as string[];
    expect(hashes.length).toBeGreaterThan(5);
    const needles = [
      ADMIN_SETUP_PASSWORD,
      ADMIN_PASSWORD,
      TEMPORARY_PASSWORD,
      USER_PASSWORD,
      WRONG,
      'Own-Secret-2027!',
      '$argon2',
      ...hashes,
    ];
    const signatureRows = (db.prepare('SELECT * FROM signatures').all() as Record<string, unknown>[]).map(
      (row) => ({
        where: `signature ${String(row.id)}`,
        text: JSON.stringify(row),
      }),
    );
    expect(signatureRows.length).toBeGreaterThanOrEqual(5);
    const auditRows = (auditRowsAfter(fresh.app) as AuditRowText[]).map((row) => ({
      where: `audit row ${row.seq}`,
      text: JSON.stringify(row),
    }));
    const reviews = (db.prepare('SELECT * FROM audit_reviews').all() as Record<string, unknown>[]).map(
      (row) => ({
        where: `review ${String(row.id)}`,
        text: JSON.stringify(row),
      }),
    );
    expect(recorder.outputs.some((output) => output.channel === 'audit.reviews.create')).toBe(true);
    expect(findSecrets([...signatureRows, ...auditRows, ...reviews, ...recorder.allText()], needles)).toEqual(
      [],
    );
  });
});
