/**
 * Identity and access through connections (windows), as the renderer reaches the core:
 * P11-10d (access limited to authorised people), P11-10g (authority checks), P11-10h (registered
 * terminals), P11-100a / P11-300a (unique usernames, never reused), P11-300b/c/d (credentials
 * aged and deauthorised; lockout and an immediate security alert), A11-10 (settings changed with
 * permission and reason, audited), A11-12.1 (login, roles, inactivity lock), A11-12.3 (access
 * changes recorded), A11-12.4 (user, terminal and UTC time on every row).
 *
 * One app serves the whole file; everything that leaves the core through a connection (results
 * and events) is recorded and scanned at the end for passwords and hashes, as are the audit rows.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type Connection, type EbrApp } from '../../electron/core/app';
import { verifyAuditTrail } from '../../electron/core/audit/verifier';
import { manualClock } from '../../electron/core/clock';
import type { KeyProvider } from '../../electron/core/keys/key-provider';
import { formatRecoveryKey, parseRecoveryKey } from '../../electron/core/keys/recovery-key';
import type { AuditVerificationReport } from '../../shared/contract/audit';
import type { SessionChangedEvent, SecurityAlertEvent } from '../../shared/contract/events';
import type {
  SecurityAlert,
  SessionView,
  SetupResult,
  TerminalView,
  UserSummary,
} from '../../shared/contract/identity';
import type { SystemInfo } from '../../shared/contract/system';
import type { Role } from '../../shared/permissions';
import type { SecuritySettings } from '../../shared/security-settings';
import {
  ADMIN_PASSWORD,
  ADMIN_SETUP_PASSWORD,
  freshApp,
  TEST_START_MS,
  temporaryFolder,
  type FreshApp,
} from '../helpers/fresh-app';
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
  type AuditRowText,
} from '../helpers/identity';

const ADMIN_NAME = 'Ada Administrator';
const MS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Every password any test here types, right or wrong: none may ever come back out. */
const passwordsUsed = new Set<string>([
  ADMIN_SETUP_PASSWORD,
  ADMIN_PASSWORD,
  TEMPORARY_PASSWORD,
  USER_PASSWORD,
]);
const pw = (password: string) => {
  passwordsUsed.add(password);
  return password;
};

/** Actions written while nobody is authenticated (a failed or refused attempt, the lock it causes). */
const ANONYMOUS_ACTIONS = new Set(['auth.login-failed', 'auth.login-refused', 'user.locked', 'alert.raised']);

let fresh: FreshApp;
let app: EbrApp;
const recorder = new OutputRecorder();
let admin: Connection;
let firstSeq: number;

/** Signs in at a new recorded connection; changes the password when the account must. */
async function signIn(username: string, password: string, newPassword?: string) {
  const connection = recorder.connect(app);
  let session = value<SessionView>(
    await connection.invoke('auth.login', { username, password: pw(password) }),
  );
  if (session.state === 'password-change-required' && newPassword) {
    session = value<SessionView>(
      await connection.invoke('auth.changePassword', {
        currentPassword: password,
        newPassword: pw(newPassword),
      }),
    );
  }
  return { connection, session };
}

async function attempt(username: string, password: string, connection = recorder.connect(app)) {
  return connection.invoke('auth.login', { username, password: pw(password) });
}

/** Runs `call` as the administrator, unlocking the window first if the clock locked it. */
async function asAdmin<T = unknown>(channel: string, input: unknown): Promise<T> {
  const state = value<SessionView | null>(await admin.invoke('auth.session', {}))?.state;
  if (state === 'locked') value(await admin.invoke('auth.unlock', { password: ADMIN_PASSWORD }));
  return value<T>(await admin.invoke(channel, input));
}

async function create(username: string, roles: Role[], fullName?: string): Promise<UserSummary> {
  return asAdmin<UserSummary>('users.create', {
    username,
    fullName: fullName ?? `${username[0]!.toUpperCase()}${username.slice(1)} Tester`,
    roles,
    temporaryPassword: TEMPORARY_PASSWORD,
    reason: 'Joined the packaging team',
  });
}

async function activeUser(username: string, roles: Role[], password = USER_PASSWORD) {
  const user = await create(username, roles);
  const { connection, session } = await signIn(username, TEMPORARY_PASSWORD, password);
  expect(session.state).toBe('active');
  return { user, connection };
}

const userRow = (userId: string) =>
  app
    .runtime!.store.sqlite.prepare(
      'SELECT failed_attempts AS failedAttempts, locked_at_utc AS lockedAtUtc FROM users WHERE id = ?',
    )
    .get(userId) as {
    failedAttempts: number;
    lockedAtUtc: string | null;
  };

const summaryOf = async (userId: string) =>
  (await asAdmin<UserSummary[]>('users.list', {})).find((user) => user.id === userId)!;

const rowsFor = (afterSeq: number, entityId: string, action?: string): AuditRowText[] =>
  auditRowsAfter(app, afterSeq).filter(
    (row) => row.entity_id === entityId && (!action || row.action === action),
  );

async function setSettings(
  change: (settings: SecuritySettings) => SecuritySettings,
  reason = 'Site policy SOP-IT-014 rev 3',
) {
  const current = await asAdmin<SecuritySettings>('settings.get', {});
  return asAdmin<SecuritySettings>('settings.update', { settings: change(structuredClone(current)), reason });
}

beforeAll(async () => {
  fresh = await freshApp();
  app = fresh.app;
  firstSeq = lastAuditSeq(app);
  admin = (await signIn('admin', ADMIN_SETUP_PASSWORD, ADMIN_PASSWORD)).connection;
});

afterAll(async () => {
  await fresh.cleanup();
});

describe('security settings (A11-10)', () => {
  let operator: Connection;
  beforeAll(async () => {
    operator = (await activeUser('sam', ['operator', 'supervisor', 'technician'])).connection;
  });

  it('need the settings permission: an operator gets FORBIDDEN for reading and changing them', async () => {
    expectError(await operator.invoke('settings.get', {}), 'FORBIDDEN');
    const current = await asAdmin<SecuritySettings>('settings.get', {});
    expectError(
      await operator.invoke('settings.update', { settings: current, reason: 'I want to' }),
      'FORBIDDEN',
    );
  });

  it('need a reason and valid values: VALIDATION_FAILED otherwise, and nothing changes', async () => {
    const current = await asAdmin<SecuritySettings>('settings.get', {});
    const before = lastAuditSeq(app);
    const changed = { ...current, lockoutThreshold: 4 };
    for (const input of [
      { settings: changed },
      { settings: changed, reason: '' },
      { settings: changed, reason: '   ' },
      { settings: changed, reason: 'ok' },
      { settings: { ...current, lockoutThreshold: 2 }, reason: 'Fewer attempts' },
      { settings: { ...current, sessionLockMinutes: 0 }, reason: 'Never lock' },
      {
        settings: { ...current, passwordPolicy: { ...current.passwordPolicy, minLength: 4 } },
        reason: 'Shorter',
      },
    ]) {
      expectError(await admin.invoke('settings.update', input), 'VALIDATION_FAILED');
    }
    expect(lastAuditSeq(app)).toBe(before);
    expect(await asAdmin('settings.get', {})).toEqual(current);
  });

  it('a change is audited with the old and the new values, the reason and the administrator', async () => {
    const previous = await asAdmin<SecuritySettings>('settings.get', {});
    const before = lastAuditSeq(app);
    const next = await setSettings(
      (settings) => ({ ...settings, lockoutThreshold: 4, sessionLockMinutes: 7 }),
      'Aligned with SOP-IT-014 rev 3',
    );
    expect(next).toMatchObject({ lockoutThreshold: 4, sessionLockMinutes: 7 });
    expect(await asAdmin('settings.get', {})).toEqual(next);
    const rows = auditRowsAfter(app, before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'settings.changed',
      entity_type: 'settings',
      user_id: fresh.adminUserId,
      user_name: ADMIN_NAME,
      reason: 'Aligned with SOP-IT-014 rev 3',
    });
    expect(json(rows[0]!.old_value)).toEqual(previous);
    expect(json(rows[0]!.new_value)).toEqual(next);
    // The session view follows the new lock timeout.
    expect(value<SessionView>(await admin.invoke('auth.session', {})).lockAfterMs).toBe(7 * 60_000);
  });
});

describe('lockout and security alerts (P11-300d)', () => {
  let olga: UserSummary;
  let olgaWindow: Connection;
  let otto: Connection;
  let alertsBefore: number;

  beforeAll(async () => {
    await setSettings((settings) => ({ ...settings, lockoutThreshold: 3 }), 'Three attempts, per SOP-IT-014');
    ({ user: olga, connection: olgaWindow } = await activeUser('olga', ['operator']));
    otto = (await activeUser('otto', ['operator', 'supervisor'])).connection;
    alertsBefore = recorder.eventsAt(admin, 'security.alert').length;
  });

  it('counts consecutive failures from the threshold in the settings; a success resets the count', async () => {
    const before = lastAuditSeq(app);
    expectError(await attempt('olga', 'Wrong-Guess-001'), 'INVALID_CREDENTIALS');
    expectError(await attempt('olga', 'Wrong-Guess-002'), 'INVALID_CREDENTIALS');
    expect(userRow(olga.id).failedAttempts).toBe(2);
    expect((await summaryOf(olga.id)).locked).toBe(false);
    const failures = rowsFor(before, olga.id, 'auth.login-failed');
    expect(failures.map((row) => json(row.new_value))).toEqual([
      { usernameEntered: 'olga', consecutiveFailures: 1 },
      { usernameEntered: 'olga', consecutiveFailures: 2 },
    ]);
    expect(failures.every((row) => row.reason === 'wrong password at sign-in')).toBe(true);
    // A success resets the count: two more failures would have locked the account otherwise.
    olgaWindow = (await signIn('olga', USER_PASSWORD)).connection;
    expect(userRow(olga.id).failedAttempts).toBe(0);
  });

  it('failures at sign-in, at password change and at unlock all count; exactly at N the account locks', async () => {
    const before = lastAuditSeq(app);
    expectError(await attempt('olga', 'Wrong-Guess-003'), 'INVALID_CREDENTIALS');
    expectError(
      await olgaWindow.invoke('auth.changePassword', {
        currentPassword: pw('Wrong-Guess-004'),
        newPassword: pw('Never-Applied-01'),
      }),
      'INVALID_CREDENTIALS',
    );
    expect(userRow(olga.id)).toEqual({ failedAttempts: 2, lockedAtUtc: null });
    expect((await summaryOf(olga.id)).locked).toBe(false);
    expect(recorder.eventsAt(admin, 'security.alert')).toHaveLength(alertsBefore);

    value(await olgaWindow.invoke('auth.lock', {}));
    const third = expectError(
      await olgaWindow.invoke('auth.unlock', { password: pw('Wrong-Guess-005') }),
      'ACCOUNT_LOCKED',
    );
    expect(third.message).toContain('olga');
    expect(userRow(olga.id).lockedAtUtc).toBe(new Date(fresh.clock.now()).toISOString());
    expect((await summaryOf(olga.id)).locked).toBe(true);
    // The locked window is signed out and told so.
    expect(value(await olgaWindow.invoke('auth.session', {}))).toBeNull();
    expect(recorder.eventsAt<SessionChangedEvent>(olgaWindow, 'session.changed').at(-1)).toEqual({
      state: 'signed-out',
      reason: 'account locked while the session was locked',
    });

    const rows = auditRowsAfter(app, before).filter(
      (row) => row.entity_id === olga.id || row.action === 'alert.raised',
    );
    expect(rows.map((row) => [row.action, row.reason])).toEqual([
      ['auth.login-failed', 'wrong password at sign-in'],
      ['auth.login-failed', 'wrong current password at password change'],
      ['session.locked', 'locked by the user'],
      ['auth.login-failed', 'wrong password at unlock'],
      ['user.locked', '3 consecutive failed attempts'],
      ['alert.raised', null],
      ['auth.logout', 'account locked while the session was locked'],
    ]);
    expect(
      rows.filter((row) => row.action === 'auth.login-failed').map((row) => json(row.new_value)),
    ).toEqual([1, 2, 3].map((consecutiveFailures) => ({ usernameEntered: 'olga', consecutiveFailures })));
    const locked = rows.find((row) => row.action === 'user.locked')!;
    const raised = rows.find((row) => row.action === 'alert.raised')!;
    // Lock and alert are written in the same transaction as the failure that caused them.
    expect(raised.seq).toBe(locked.seq + 1);
    expect(raised.at_utc).toBe(locked.at_utc);
    expect(json(locked.old_value)).toEqual({ locked: false });
    expect(json(locked.new_value)).toEqual({ locked: true });
    expect(json(raised.new_value)).toMatchObject({ kind: 'account-locked', subjectUsername: 'olga' });
  });

  it('the security.alert event reaches administrator windows at once, and no operator window', async () => {
    const adminAlerts = recorder.eventsAt<SecurityAlertEvent>(admin, 'security.alert').slice(alertsBefore);
    expect(adminAlerts).toHaveLength(1);
    expect(adminAlerts[0]).toMatchObject({
      kind: 'account-locked',
      atUtc: new Date(fresh.clock.now()).toISOString(),
    });
    expect(adminAlerts[0]!.message).toContain('olga');
    expect(recorder.eventsAt(otto, 'security.alert')).toEqual([]);
    expect(recorder.eventsAt(olgaWindow, 'security.alert')).toEqual([]);
  });

  it('the alert is persisted and listed for administrators only; a new administrator sign-in shows the count', async () => {
    const alerts = await asAdmin<SecurityAlert[]>('alerts.list', {});
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'account-locked',
      subjectUserId: olga.id,
      subjectUsername: 'olga',
      acknowledgedAtUtc: null,
      acknowledgedByName: null,
    });
    expect(
      app
        .runtime!.store.sqlite.prepare('SELECT count(*) FROM security_alerts WHERE subject_user_id = ?')
        .pluck()
        .get(olga.id),
    ).toBe(1);
    expectError(await otto.invoke('alerts.list', {}), 'FORBIDDEN');
    // The banner at an administrator's next sign-in.
    const { connection, session } = await signIn('admin', ADMIN_PASSWORD);
    expect(session.unacknowledgedAlerts).toBe(1);
    value(await connection.invoke('auth.logout', {}));
    expect(value<SessionView>(await otto.invoke('auth.session', {})).unacknowledgedAlerts).toBe(0);
  });

  it('a locked account is refused even with the right password, without counting or alerting again', async () => {
    const before = lastAuditSeq(app);
    const alertsNow = recorder.eventsAt(admin, 'security.alert').length;
    expectError(await attempt('olga', USER_PASSWORD), 'ACCOUNT_LOCKED');
    expectError(await attempt('olga', 'Wrong-Guess-006'), 'ACCOUNT_LOCKED');
    const rows = auditRowsAfter(app, before);
    expect(rows.map((row) => [row.action, row.entity_id, row.reason])).toEqual([
      ['auth.login-refused', olga.id, 'account locked'],
      ['auth.login-refused', olga.id, 'account locked'],
    ]);
    expect(recorder.eventsAt(admin, 'security.alert')).toHaveLength(alertsNow);
    expect(userRow(olga.id).failedAttempts).toBe(3);
  });

  it('only an administrator unlocks, with a reason, audited; then the user signs in again', async () => {
    expectError(
      await otto.invoke('users.unlock', { userId: olga.id, reason: 'She asked me to' }),
      'FORBIDDEN',
    );
    expectError(await admin.invoke('users.unlock', { userId: olga.id }), 'VALIDATION_FAILED');
    expectError(await admin.invoke('users.unlock', { userId: olga.id, reason: '' }), 'VALIDATION_FAILED');
    expect((await summaryOf(olga.id)).locked).toBe(true);

    const before = lastAuditSeq(app);
    const unlocked = await asAdmin<UserSummary>('users.unlock', {
      userId: olga.id,
      reason: 'Identity confirmed in person by the shift supervisor',
    });
    expect(unlocked.locked).toBe(false);
    const [row] = auditRowsAfter(app, before);
    expect(row).toMatchObject({
      action: 'user.unlocked',
      entity_id: olga.id,
      user_id: fresh.adminUserId,
      user_name: ADMIN_NAME,
      reason: 'Identity confirmed in person by the shift supervisor',
    });
    expect(json(row!.old_value)).toEqual({ locked: true, failedAttempts: 3 });
    expect(json(row!.new_value)).toEqual({ locked: false, failedAttempts: 0 });
    expectError(await admin.invoke('users.unlock', { userId: olga.id, reason: 'Once more' }), 'CONFLICT');
    olgaWindow = (await signIn('olga', USER_PASSWORD)).connection;
  });

  it('an administrator acknowledges the alert with a comment, audited; it then leaves the open list', async () => {
    const [alert] = await asAdmin<SecurityAlert[]>('alerts.list', {});
    expectError(await admin.invoke('alerts.acknowledge', { alertId: alert!.id }), 'VALIDATION_FAILED');
    expectError(
      await otto.invoke('alerts.acknowledge', { alertId: alert!.id, comment: 'Seen' }),
      'FORBIDDEN',
    );
    const before = lastAuditSeq(app);
    const acknowledged = await asAdmin<SecurityAlert>('alerts.acknowledge', {
      alertId: alert!.id,
      comment: 'Olga mistyped after the keyboard layout changed',
    });
    expect(acknowledged).toMatchObject({
      acknowledgedByName: ADMIN_NAME,
      acknowledgementComment: 'Olga mistyped after the keyboard layout changed',
    });
    expect(auditRowsAfter(app, before)).toEqual([
      expect.objectContaining({ action: 'alert.acknowledged', entity_id: alert!.id, user_name: ADMIN_NAME }),
    ]);
    expect(await asAdmin('alerts.list', {})).toEqual([]);
    expect(await asAdmin('alerts.list', { includeAcknowledged: true })).toEqual([acknowledged]);
    expectError(
      await admin.invoke('alerts.acknowledge', { alertId: alert!.id, comment: 'Again' }),
      'CONFLICT',
    );
  });

  it('simultaneous failures past the threshold lock once and raise exactly one alert', async () => {
    const carl = await create('carl', ['operator']);
    const before = lastAuditSeq(app);
    const alertsNow = recorder.eventsAt(admin, 'security.alert').length;
    const results = await Promise.all(
      ['Wrong-Guess-101', 'Wrong-Guess-102', 'Wrong-Guess-103', 'Wrong-Guess-104'].map((guess) =>
        attempt('carl', guess),
      ),
    );
    for (const result of results) expect(result.ok).toBe(false);
    expect(rowsFor(before, carl.id, 'user.locked')).toHaveLength(1);
    expect(auditRowsAfter(app, before).filter((row) => row.action === 'alert.raised')).toHaveLength(1);
    expect(recorder.eventsAt(admin, 'security.alert')).toHaveLength(alertsNow + 1);
    expect((await summaryOf(carl.id)).locked).toBe(true);
  });
});

describe('sign-in refusals', () => {
  it('an unknown username → INVALID_CREDENTIALS, word for word as for a wrong password, and audited', async () => {
    const before = lastAuditSeq(app);
    const unknown = expectError(await attempt('nobody.here', 'Any-Password-1'), 'INVALID_CREDENTIALS');
    await create('kate', ['operator']);
    const wrong = expectError(await attempt('kate', 'Any-Password-1'), 'INVALID_CREDENTIALS');
    expect(unknown).toEqual(wrong);
    const [row] = auditRowsAfter(app, before);
    expect(row).toMatchObject({
      action: 'auth.login-failed',
      entity_type: 'user',
      entity_id: '(unknown)',
      user_id: null,
      user_name: null,
      reason: 'unknown username',
    });
    expect(json(row!.new_value)).toEqual({ usernameEntered: 'nobody.here' });
  });

  it('text that cannot be a username (a password typed in the wrong field) is audited only by its length', async () => {
    const before = lastAuditSeq(app);
    expectError(await attempt('My Secret Pa$$word 1', 'Any-Password-1'), 'INVALID_CREDENTIALS');
    const [row] = auditRowsAfter(app, before);
    expect(json(row!.new_value)).toEqual({ usernameEntered: '(not a valid username, 20 characters)' });
    expect(JSON.stringify(row)).not.toContain('Secret');
  });

  it('a disabled user → ACCOUNT_DISABLED; their open session ends at its next call', async () => {
    const { user: dora, connection: doraWindow } = await activeUser('dora', ['operator']);
    const before = lastAuditSeq(app);
    const disabled = await asAdmin<UserSummary>('users.disable', {
      userId: dora.id,
      reason: 'Left the company',
    });
    expect(disabled.status).toBe('disabled');
    expectError(await admin.invoke('users.disable', { userId: dora.id, reason: 'Twice' }), 'CONFLICT');

    expectError(await doraWindow.invoke('auth.lock', {}), 'UNAUTHENTICATED');
    expect(value(await doraWindow.invoke('auth.session', {}))).toBeNull();
    expect(recorder.eventsAt<SessionChangedEvent>(doraWindow, 'session.changed')).toEqual([
      { state: 'signed-out', reason: 'account disabled' },
    ]);
    expectError(await attempt('dora', USER_PASSWORD), 'ACCOUNT_DISABLED');
    // A wrong password says nothing about the account's state.
    expectError(await attempt('dora', 'Wrong-Guess-201'), 'INVALID_CREDENTIALS');

    const rows = rowsFor(before, dora.id);
    expect(rows.map((row) => [row.action, row.reason, row.user_name])).toEqual([
      ['user.disabled', 'Left the company', ADMIN_NAME],
      ['auth.logout', 'account disabled', 'Dora Tester'],
      ['auth.login-refused', 'account disabled', null],
      ['auth.login-failed', 'wrong password at sign-in', null],
    ]);
    expect(json(rows[0]!.old_value)).toEqual({ status: 'active' });
    expect(json(rows[0]!.new_value)).toEqual({ status: 'disabled' });

    await asAdmin('users.enable', { userId: dora.id, reason: 'Rehired' });
    expect((await signIn('dora', USER_PASSWORD)).session.state).toBe('active');
  });

  it('usernames are never reused, even after disabling (P11-100a)', async () => {
    const vera = await create('vera', ['operator']);
    await asAdmin('users.disable', { userId: vera.id, reason: 'Contract ended' });
    for (const username of ['vera', 'VERA', ' Vera ']) {
      const error = expectError(
        await admin.invoke('users.create', {
          username,
          fullName: 'Vera Someone Else',
          roles: ['operator'],
          temporaryPassword: TEMPORARY_PASSWORD,
          reason: 'New starter',
        }),
        'CONFLICT',
      );
      expect(error.message).toContain('never reused');
    }
    const veras = (await asAdmin<UserSummary[]>('users.list', {})).filter((user) => user.username === 'vera');
    expect(veras).toEqual([
      expect.objectContaining({ id: vera.id, status: 'disabled', fullName: 'Vera Tester' }),
    ]);
  });
});

describe('users and roles (A11-12.3)', () => {
  it('the last active administrator can neither be disabled nor lose the role', async () => {
    expectError(
      await admin.invoke('users.disable', { userId: fresh.adminUserId, reason: 'Leaving' }),
      'CONFLICT',
    );
    expectError(
      await admin.invoke('users.update', {
        userId: fresh.adminUserId,
        fullName: ADMIN_NAME,
        roles: ['operator'],
        reason: 'Stepping down',
      }),
      'CONFLICT',
    );
    // A disabled administrator does not count as another one.
    const bea = await create('bea', ['administrator', 'qa']);
    await asAdmin('users.disable', { userId: bea.id, reason: 'On leave' });
    expectError(
      await admin.invoke('users.disable', { userId: fresh.adminUserId, reason: 'Leaving' }),
      'CONFLICT',
    );
    await asAdmin('users.enable', { userId: bea.id, reason: 'Back from leave' });
    // With another active administrator, one may step down.
    const updated = await asAdmin<UserSummary>('users.update', {
      userId: bea.id,
      fullName: 'Beatrice Tester',
      roles: ['qa'],
      reason: 'Moved to QA',
    });
    expect(updated).toMatchObject({ roles: ['qa'], fullName: 'Beatrice Tester' });
    expectError(
      await admin.invoke('users.disable', { userId: fresh.adminUserId, reason: 'Leaving' }),
      'CONFLICT',
    );
    expect((await summaryOf(fresh.adminUserId)).status).toBe('active');
  });

  it('a role change takes effect in an open session at its next call, audited with old and new roles', async () => {
    const { user: rosa, connection: rosaWindow } = await activeUser('rosa', ['operator']);
    expectError(await rosaWindow.invoke('users.list', {}), 'FORBIDDEN');
    const before = lastAuditSeq(app);
    await asAdmin('users.update', {
      userId: rosa.id,
      fullName: 'Rosa Tester',
      roles: ['operator', 'administrator'],
      reason: 'Deputy administrator for the night shift',
    });
    expect((await rosaWindow.invoke('users.list', {})).ok).toBe(true);
    expect(value<SessionView>(await rosaWindow.invoke('auth.session', {})).user.roles).toEqual([
      'operator',
      'administrator',
    ]);
    const [row] = auditRowsAfter(app, before);
    expect(row).toMatchObject({ action: 'user.updated', reason: 'Deputy administrator for the night shift' });
    expect(json(row!.old_value)).toEqual({ fullName: 'Rosa Tester', roles: ['operator'] });
    expect(json(row!.new_value)).toEqual({ fullName: 'Rosa Tester', roles: ['operator', 'administrator'] });

    await asAdmin('users.update', {
      userId: rosa.id,
      fullName: 'Rosa Tester',
      roles: ['operator'],
      reason: 'Shift over',
    });
    expectError(await rosaWindow.invoke('users.list', {}), 'FORBIDDEN');
    expectError(
      await admin.invoke('users.update', {
        userId: rosa.id,
        fullName: 'Rosa Tester',
        roles: ['operator'],
        reason: 'Again',
      }),
      'CONFLICT',
    );
  });

  it('security alerts follow the roles as they are now: a demoted window gets none, a promoted one does', async () => {
    const { user: demoted, connection: demotedWindow } = await activeUser('dimitri', [
      'administrator',
      'operator',
    ]);
    const { user: promoted, connection: promotedWindow } = await activeUser('paula', ['operator']);
    // Neither window calls anything after the role changes.
    await asAdmin('users.update', {
      userId: demoted.id,
      fullName: 'Dimitri Tester',
      roles: ['operator'],
      reason: 'Role review',
    });
    await asAdmin('users.update', {
      userId: promoted.id,
      fullName: 'Paula Tester',
      roles: ['operator', 'administrator'],
      reason: 'Role review',
    });
    const victim = await create('leo', ['operator']);
    for (const guess of ['Wrong-Guess-301', 'Wrong-Guess-302'])
      expectError(await attempt('leo', guess), 'INVALID_CREDENTIALS');
    // The attempt that locks the account says so at once.
    expectError(await attempt('leo', 'Wrong-Guess-303'), 'ACCOUNT_LOCKED');
    expect((await summaryOf(victim.id)).locked).toBe(true);
    expect(recorder.eventsAt(demotedWindow, 'security.alert')).toEqual([]);
    expect(recorder.eventsAt<SecurityAlertEvent>(promotedWindow, 'security.alert')).toEqual([
      expect.objectContaining({ kind: 'account-locked' }),
    ]);
  });
});

describe('sessions: inactivity lock, lock, unlock, logout (A11-12.1)', () => {
  let ivan: UserSummary;
  let ivanWindow: Connection;
  let lockAfterMs: number;

  beforeAll(async () => {
    ({ user: ivan, connection: ivanWindow } = await activeUser('ivan', ['operator']));
    lockAfterMs = value<SessionView>(await ivanWindow.invoke('auth.session', {})).lockAfterMs;
    expect(lockAfterMs).toBe(7 * 60_000);
  });

  it('an idle session locks after the configured time, telling that window only; public polling is no activity', async () => {
    const before = lastAuditSeq(app);
    fresh.clock.advance(60_000);
    // The administrator works; Ivan's window only polls its session.
    await asAdmin('users.list', {});
    value(await ivanWindow.invoke('auth.session', {}));
    value(await ivanWindow.invoke('system.info', {}));
    fresh.clock.advance(lockAfterMs - 60_000 - 1);
    app.checkSessions();
    expect(value<SessionView>(await ivanWindow.invoke('auth.session', {})).state).toBe('active');
    fresh.clock.advance(1);
    app.checkSessions();

    const view = value<SessionView>(await ivanWindow.invoke('auth.session', {}));
    // The lock screen shows who is signed in.
    expect(view).toMatchObject({ state: 'locked', user: { username: 'ivan', fullName: 'Ivan Tester' } });
    expect(recorder.eventsAt<SessionChangedEvent>(ivanWindow, 'session.changed')).toEqual([
      { state: 'locked', reason: 'inactive for 7 minutes' },
    ]);
    expect(value<SessionView>(await admin.invoke('auth.session', {})).state).toBe('active');
    expect(recorder.eventsAt(admin, 'session.changed')).toEqual([]);
    expectError(await ivanWindow.invoke('auth.lock', {}), 'SESSION_LOCKED');
    expect(rowsFor(before, ivan.id)).toEqual([
      expect.objectContaining({
        action: 'session.locked',
        reason: 'inactive for 7 minutes',
        user_name: 'Ivan Tester',
      }),
    ]);
  });

  it("only the same user's password unlocks; a wrong one counts toward the lockout", async () => {
    expectError(await admin.invoke('auth.unlock', { password: ADMIN_PASSWORD }), 'CONFLICT');
    const before = lastAuditSeq(app);
    expectError(await ivanWindow.invoke('auth.unlock', { password: ADMIN_PASSWORD }), 'INVALID_CREDENTIALS');
    expect(userRow(ivan.id).failedAttempts).toBe(1);
    expect(value<SessionView>(await ivanWindow.invoke('auth.session', {})).state).toBe('locked');
    const view = value<SessionView>(await ivanWindow.invoke('auth.unlock', { password: USER_PASSWORD }));
    expect(view.state).toBe('active');
    expect(userRow(ivan.id).failedAttempts).toBe(0);
    expect(rowsFor(before, ivan.id).map((row) => [row.action, row.user_name, row.reason])).toEqual([
      ['auth.login-failed', null, 'wrong password at unlock'],
      ['session.unlocked', 'Ivan Tester', null],
    ]);
    expect(json(rowsFor(before, ivan.id)[0]!.new_value)).toEqual({
      usernameEntered: 'ivan',
      consecutiveFailures: 1,
    });
  });

  it('lock by the user and "switch user" (logout) are audited and told to the window', async () => {
    const before = lastAuditSeq(app);
    expect(value<SessionView>(await ivanWindow.invoke('auth.lock', {})).state).toBe('locked');
    expect(value(await ivanWindow.invoke('auth.logout', {}))).toBeNull();
    expect(value(await ivanWindow.invoke('auth.session', {}))).toBeNull();
    expectError(await ivanWindow.invoke('auth.lock', {}), 'UNAUTHENTICATED');
    expect(recorder.eventsAt<SessionChangedEvent>(ivanWindow, 'session.changed').slice(-2)).toEqual([
      { state: 'locked', reason: 'locked by the user' },
      { state: 'signed-out', reason: 'signed out' },
    ]);
    expect(rowsFor(before, ivan.id).map((row) => [row.action, row.reason, row.user_id])).toEqual([
      ['session.locked', 'locked by the user', ivan.id],
      ['auth.logout', 'signed out', ivan.id],
    ]);
    // Closing a window ends its session too.
    const { connection } = await signIn('ivan', USER_PASSWORD);
    const mark = lastAuditSeq(app);
    connection.close();
    expect(rowsFor(mark, ivan.id)).toEqual([
      expect.objectContaining({ action: 'auth.logout', reason: 'window closed' }),
    ]);
  });
});

describe('registered terminals (P11-10h)', () => {
  let terminal: TerminalView;

  it('lists this terminal, registered at setup, with its fingerprint for comparison', async () => {
    const terminals = await asAdmin<TerminalView[]>('terminals.list', {});
    expect(terminals).toHaveLength(1);
    terminal = terminals[0]!;
    expect(terminal).toMatchObject({
      id: fresh.terminalId,
      name: 'WS-TEST-01',
      status: 'registered',
      isThisTerminal: true,
    });
    expect(terminal.fingerprint).toMatch(/^[0-9A-F]{4}([ :-][0-9A-F]{4})+$/i);
  });

  it('revoked: an operator is refused with TERMINAL_NOT_REGISTERED, an administrator still signs in; registered again: the operator signs in', async () => {
    const operator = (await activeUser('tom', ['operator'])).connection;
    expectError(
      await operator.invoke('terminals.revoke', { terminalId: terminal.id, reason: 'Testing' }),
      'FORBIDDEN',
    );
    expectError(await admin.invoke('terminals.revoke', { terminalId: terminal.id }), 'VALIDATION_FAILED');
    const before = lastAuditSeq(app);
    const revoked = await asAdmin<TerminalView>('terminals.revoke', {
      terminalId: terminal.id,
      reason: 'Sent for repair',
    });
    expect(revoked).toMatchObject({
      status: 'revoked',
      revokedAtUtc: new Date(fresh.clock.now()).toISOString(),
    });
    expectError(
      await admin.invoke('terminals.revoke', { terminalId: terminal.id, reason: 'Twice' }),
      'CONFLICT',
    );

    const refused = expectError(await attempt('tom', USER_PASSWORD), 'TERMINAL_NOT_REGISTERED');
    expect(refused.message).toContain('revoked');
    const { session } = await signIn('admin', ADMIN_PASSWORD);
    expect(session.state).toBe('active');

    await asAdmin('terminals.register', {
      terminalId: terminal.id,
      reason: 'Back from repair, fingerprint compared',
    });
    const tomAgain = await signIn('tom', USER_PASSWORD);
    expect(tomAgain.session.state).toBe('active');

    // Revoking also ends an operator's open session at its next call; the administrator keeps working.
    await asAdmin('terminals.revoke', { terminalId: terminal.id, reason: 'Second repair' });
    expectError(await tomAgain.connection.invoke('auth.lock', {}), 'UNAUTHENTICATED');
    expect(value(await tomAgain.connection.invoke('auth.session', {}))).toBeNull();
    await asAdmin('terminals.register', {
      terminalId: terminal.id,
      reason: 'Back again, fingerprint compared',
    });

    const rows = auditRowsAfter(app, before).filter(
      (row) => row.entity_type === 'terminal' || row.reason === 'terminal revoked',
    );
    expect(rows.map((row) => [row.action, row.reason])).toEqual([
      ['terminal.revoked', 'Sent for repair'],
      ['auth.login-refused', 'terminal revoked'],
      ['terminal.registered', 'Back from repair, fingerprint compared'],
      ['terminal.revoked', 'Second repair'],
      ['terminal.registered', 'Back again, fingerprint compared'],
    ]);
    expect(
      auditRowsAfter(app, before).some(
        (row) => row.action === 'auth.logout' && row.reason === 'terminal no longer registered',
      ),
    ).toBe(true);
    expect(json(rows[0]!.old_value)).toEqual({ status: 'registered' });
    expect(json(rows[0]!.new_value)).toEqual({ status: 'revoked' });
  });
});

describe('what the audit trail and the outputs hold (A11-12.4)', () => {
  it('every row written here carries the terminal, UTC time with ms, and the person who acted', () => {
    const rows = auditRowsAfter(app, firstSeq);
    expect(rows.length).toBeGreaterThan(80);
    const actions = new Set(rows.map((row) => row.action));
    for (const action of [
      'auth.login',
      'auth.logout',
      'auth.password-changed',
      'auth.login-failed',
      'auth.login-refused',
      'session.locked',
      'session.unlocked',
      'user.created',
      'user.updated',
      'user.disabled',
      'user.enabled',
      'user.locked',
      'user.unlocked',
      'alert.raised',
      'alert.acknowledged',
      'settings.changed',
      'terminal.revoked',
      'terminal.registered',
    ])
      expect(actions, action).toContain(action);
    for (const row of rows) {
      const where = `row ${row.seq} ${row.action}`;
      expect(row.terminal_id, where).toBe(fresh.terminalId);
      expect(row.at_utc, where).toMatch(MS_UTC);
      expect(new Date(row.at_utc).toISOString(), where).toBe(row.at_utc);
      expect(row.user_id === null, where).toBe(row.user_name === null);
      if (!ANONYMOUS_ACTIONS.has(row.action)) expect(row.user_name, where).not.toBeNull();
    }
    // Refused attempts still name the account tried.
    for (const row of rows.filter((candidate) => candidate.user_name === null))
      expect(row.entity_id).not.toBe('');
  });

  it('no audit row, stored alert, channel output or event holds a password or a hash', () => {
    const needles = [...passwordsUsed, '$argon2', 'passwordHash', 'password_hash'];
    expect(passwordsUsed.size).toBeGreaterThan(20);
    const sqlite = app.runtime!.store.sqlite;
    const tableText = (table: string) =>
      (sqlite.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]).flatMap((row) =>
        Object.entries(row)
          .filter(([, cell]) => typeof cell === 'string')
          .map(([column, cell]) => ({ where: `${table}.${column}`, text: cell as string })),
      );
    expect(
      findSecrets(
        [...tableText('audit_trail'), ...tableText('security_alerts'), ...tableText('settings')],
        needles,
      ),
    ).toEqual([]);
    expect(recorder.outputs.length).toBeGreaterThan(100);
    expect(recorder.events.length).toBeGreaterThan(5);
    expect(findSecrets(recorder.allText(), needles)).toEqual([]);
    // The scan would find them: the hashes are in the users table, which never leaves the core.
    expect(findSecrets(tableText('users'), ['$argon2']).length).toBeGreaterThan(0);
  });

  it('the audit trail verifies intact', async () => {
    const runtime = app.runtime!;
    const report = verifyAuditTrail({
      sqlite: runtime.store.sqlite,
      trustedPublicKeys: runtime.trustedPublicKeys(),
      headMirror: runtime.headMirror(),
    });
    expect(report).toMatchObject({ intact: true, firstBreak: null, rowsChecked: lastAuditSeq(app) });
    expect(await asAdmin<AuditVerificationReport>('audit.verify', {})).toMatchObject({
      intact: true,
      firstBreak: null,
    });
  });
});

describe('first-run setup from a window (setup.initialize)', () => {
  const setupRecorder = new OutputRecorder();
  const keys = new Map<string, Buffer>();
  /** Keeps the key in memory, as the OS keystore would. */
  const memoryKeyProvider: KeyProvider = {
    kind: 'memory',
    loadKey: async (dataDir) => {
      const key = keys.get(dataDir);
      if (!key) throw new Error('no key');
      return Buffer.from(key);
    },
    storeKey: async (dataDir, key) => {
      keys.set(dataDir, Buffer.from(key));
    },
  };
  let root: string;
  let setupApp: EbrApp;
  let wizard: Connection;
  let recoveryKey: string;
  const setupPassword = pw('First-Admin-Pass-1');
  const input = {
    admin: { username: 'grace', fullName: 'Grace Hopper-Admin', password: setupPassword },
    terminal: { name: 'WS-LINE-3', location: 'Packaging hall B' },
  };

  beforeAll(async () => {
    root = temporaryFolder('ebr-setup-');
    setupApp = await createApp({
      dataDir: root,
      keyProvider: memoryKeyProvider,
      clock: manualClock(TEST_START_MS),
      sessionCheckIntervalMs: 0,
    });
    wizard = setupRecorder.connect(setupApp);
  });

  afterAll(async () => {
    await setupApp.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('an empty folder starts in setup-required; a setup refused by the policy leaves it empty', async () => {
    expect(setupApp.status).toBe('setup-required');
    expectError(await wizard.invoke('setup.confirmRecoveryKey', {}), 'CONFLICT');
    expectError(
      await wizard.invoke('setup.initialize', {
        ...input,
        admin: { ...input.admin, password: pw('grace-weak') },
      }),
      'PASSWORD_POLICY',
    );
    expectError(await wizard.invoke('setup.initialize', { admin: input.admin }), 'VALIDATION_FAILED');
    expect(setupApp.status).toBe('setup-required');
    expect(keys.size).toBe(0);
  });

  it('initializes from a window, returns the grouped recovery key once, and the app is ready in place', async () => {
    const result = value<SetupResult>(await wizard.invoke('setup.initialize', input));
    recoveryKey = result.recoveryKey;
    expect(recoveryKey).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){15}$/);
    expect(parseRecoveryKey(recoveryKey).toString('hex')).toHaveLength(64);
    expect(formatRecoveryKey(keys.get(root)!)).toBe(recoveryKey);
    expect(setupApp.status).toBe('ready');
    const info = value<SystemInfo>(await wizard.invoke('system.info', {}));
    expect(info.store.state).toBe('ready');
    expect(info.terminal?.name).toBe('WS-LINE-3');
    expectError(await recorder.connect(setupApp).invoke('setup.initialize', input), 'ALREADY_INITIALIZED');
    expectError(await wizard.invoke('setup.initialize', input), 'ALREADY_INITIALIZED');
  });

  it('the recovery key is confirmed from the same window only, once, audited', async () => {
    const other = setupRecorder.connect(setupApp);
    expectError(await other.invoke('setup.confirmRecoveryKey', {}), 'CONFLICT');
    const before = lastAuditSeq(setupApp);
    expect(value(await wizard.invoke('setup.confirmRecoveryKey', {}))).toEqual({ confirmed: true });
    expectError(await wizard.invoke('setup.confirmRecoveryKey', {}), 'CONFLICT');
    const rows = auditRowsAfter(setupApp, before);
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'setup.recovery-key-stored',
        user_name: 'Grace Hopper-Admin',
        reason: 'Administrator confirmed the recovery key is stored',
      }),
    ]);
    expect(rows[0]!.user_id).not.toBeNull();
  });

  it('the first administrator signs in at the same window and must change the setup password', async () => {
    const session = value<SessionView>(
      await wizard.invoke('auth.login', { username: 'grace', password: setupPassword }),
    );
    expect(session).toMatchObject({
      state: 'password-change-required',
      passwordChangeReason: 'first-sign-in',
      user: { username: 'grace', roles: ['administrator'] },
    });
    const changed = value<SessionView>(
      await wizard.invoke('auth.changePassword', {
        currentPassword: setupPassword,
        newPassword: pw('Second-Admin-Pass-2'),
      }),
    );
    expect(changed.state).toBe('active');
    expect(value<TerminalView[]>(await wizard.invoke('terminals.list', {}))).toEqual([
      expect.objectContaining({
        name: 'WS-LINE-3',
        location: 'Packaging hall B',
        status: 'registered',
        isThisTerminal: true,
      }),
    ]);
  });

  it('the key left the core exactly once; no password or hash did; the audit trail is intact', async () => {
    const outputs = setupRecorder.allText();
    expect(outputs.filter((output) => output.text.includes(recoveryKey))).toHaveLength(1);
    expect(findSecrets(outputs, [...passwordsUsed, '$argon2'])).toEqual([]);
    const actions = auditRowsAfter(setupApp).map((row) => row.action);
    expect(actions).toEqual([
      'store.initialized',
      'terminal.created',
      'terminal.registered',
      'user.created',
      'setup.recovery-key-stored',
      'auth.login',
      'auth.password-changed',
    ]);
    const report = value<AuditVerificationReport>(await wizard.invoke('audit.verify', {}));
    expect(report).toMatchObject({ intact: true, rowsChecked: actions.length });
  });
});
