import type Database from 'better-sqlite3-multiple-ciphers';
import type { SessionView } from '../../../shared/contract/identity';
import type { Language } from '../../../shared/i18n/languages';
import { terminalLanguage } from '../terminal/terminal-language';
import { usernameField } from '../../../shared/contract/inputs';
import { EbrError } from '../../../shared/errors';
import type { AuditTrail } from '../audit/audit-trail';
import { toUtcIso, type Clock } from '../clock';
import type { SettingsService } from '../settings/settings-service';
import { decoyPasswordHash, verifyPassword } from '../users/password-hash';
import type { AlertsService } from './alerts-service';
import { terminalStatusOf } from './terminals-service';
import { PasswordChanger } from './password-changer';
import type { SessionRecord, SessionRegistry } from './sessions';
import { passwordExpiresAtMs, type UserRecord, type UserRecords } from './user-records';

export interface AuthServiceDeps {
  sqlite: Database.Database;
  users: UserRecords;
  settings: SettingsService;
  alerts: AlertsService;
  audit: AuditTrail;
  sessions: SessionRegistry;
  clock: Clock;
  terminalId: string;
  passwords: PasswordChanger;
  /** Tells one window that its session changed (locked, signed out). */
  notifySession: (connectionId: string, state: SessionRecord['state'] | 'signed-out', reason: string) => void;
}

const INVALID = 'The username or password is not correct.';

/**
 * People sometimes type their password into the username field; the append-only trail must not
 * keep it. Text that cannot be a username is recorded only by its length.
 */
function redactUnlikelyUsername(entered: string): string {
  return usernameField.safeParse(entered).success
    ? entered
    : `(not a valid username, ${[...entered].length} characters)`;
}

/** Sign-in, sign-out, lock and unlock, with lockout after repeated failures (P11-300d). */
export class AuthService {
  constructor(private readonly deps: AuthServiceDeps) {}

  private actorOf(user: Pick<UserRecord, 'id' | 'fullName'>) {
    return { userId: user.id, userName: user.fullName };
  }

  /** Why this user must change the password before anything else, or null. */
  passwordChangeDue(user: UserRecord): SessionRecord['passwordChangeReason'] {
    if (user.mustChangePassword) return user.passwordChangeReason ?? 'first-sign-in';
    const expiresAt = passwordExpiresAtMs(user, this.deps.settings.security().passwordPolicy);
    return expiresAt !== null && expiresAt <= this.deps.clock.now() ? 'expired' : null;
  }

  accountLocked(username: string): EbrError {
    const lockoutThreshold = this.deps.settings.security().lockoutThreshold;
    return new EbrError(
      'ACCOUNT_LOCKED',
      `The account ${username} is locked after ${lockoutThreshold} failed attempts. Ask an administrator to unlock it.`,
      { lockoutThreshold },
    );
  }

  /** Nobody is authenticated during a failed or refused attempt: the row names the account tried. */
  private readonly anonymous = { userId: null, userName: null };

  private terminalStatus(): string {
    return terminalStatusOf(this.deps.sqlite, this.deps.terminalId) ?? 'unregistered';
  }

  view(session: SessionRecord): SessionView {
    const settings = this.deps.settings.security();
    const user = this.deps.users.find(session.userId);
    const expiresAt = user ? passwordExpiresAtMs(user, settings.passwordPolicy) : null;
    return {
      user: {
        id: session.userId,
        username: session.username,
        fullName: session.fullName,
        roles: session.roles,
        language: session.language ?? null,
      },
      state: session.state,
      language: session.language ?? terminalLanguage(),
      passwordChangeReason:
        session.state === 'password-change-required' ? session.passwordChangeReason : null,
      passwordExpiresAtUtc: expiresAt === null ? null : toUtcIso(expiresAt),
      lockAfterMs: settings.sessionLockMinutes * 60_000,
      passwordPolicy: settings.passwordPolicy,
      unacknowledgedAlerts: session.roles.includes('administrator')
        ? this.deps.alerts.unacknowledgedCount()
        : 0,
    };
  }

  /**
   * Verifies the password BEFORE looking at the account's state, and against a decoy hash for an
   * unknown username, so the answer's timing tells nothing about which usernames exist.
   */
  async login(
    connectionId: string,
    username: string,
    password: string,
    /** Chosen on the sign-in screen: stored with the user (audited with the sign-in) when it changes. */
    language?: Language,
  ): Promise<SessionView> {
    const { users, audit, clock } = this.deps;
    const candidate = users.findByUsername(username);
    const passwordMatches = await verifyPassword(
      candidate?.passwordHash ?? (await decoyPasswordHash()),
      password,
    );
    if (this.deps.sessions.get(connectionId))
      this.logout(connectionId, 'another user signed in at this window');

    if (!candidate) {
      audit.change({ userId: null, userName: null }, ({ record }) =>
        record({
          action: 'auth.login-failed',
          entityType: 'user',
          entityId: '(unknown)',
          newValue: { usernameEntered: redactUnlikelyUsername(username) },
          reason: 'unknown username',
        }),
      );
      throw new EbrError('INVALID_CREDENTIALS', INVALID);
    }
    const user = candidate;
    if (user.lockedAtUtc) {
      audit.change(this.anonymous, ({ record }) =>
        record({
          action: 'auth.login-refused',
          entityType: 'user',
          entityId: user.id,
          newValue: { usernameEntered: user.username },
          reason: 'account locked',
        }),
      );
      throw this.accountLocked(user.username);
    }
    if (!passwordMatches) {
      // The attempt that locks the account says so at once.
      if (this.recordFailure(user, 'wrong password at sign-in')) throw this.accountLocked(user.username);
      throw new EbrError('INVALID_CREDENTIALS', INVALID);
    }
    if (user.status === 'disabled') {
      audit.change(this.anonymous, ({ record }) =>
        record({
          action: 'auth.login-refused',
          entityType: 'user',
          entityId: user.id,
          newValue: { usernameEntered: user.username },
          reason: 'account disabled',
        }),
      );
      throw new EbrError(
        'ACCOUNT_DISABLED',
        `The account ${user.username} is disabled. Ask an administrator.`,
      );
    }
    const terminalStatus = this.terminalStatus();
    if (terminalStatus !== 'registered' && !user.roles.includes('administrator')) {
      audit.change(this.actorOf(user), ({ record }) =>
        record({
          action: 'auth.login-refused',
          entityType: 'user',
          entityId: user.id,
          reason: `terminal ${terminalStatus}`,
        }),
      );
      throw new EbrError(
        'TERMINAL_NOT_REGISTERED',
        `This terminal is ${terminalStatus}: only administrators can sign in here until it is registered.`,
      );
    }

    const nowMs = clock.now();
    const nowUtc = toUtcIso(nowMs);
    const languageChanged = language !== undefined && language !== user.language;
    audit.change(this.actorOf(user), ({ record }) => {
      this.deps.sqlite
        .prepare('UPDATE users SET failed_attempts = 0, last_login_at_utc = ? WHERE id = ?')
        .run(nowUtc, user.id);
      if (languageChanged)
        this.deps.sqlite.prepare('UPDATE users SET language = ? WHERE id = ?').run(language, user.id);
      record({
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        ...(languageChanged ? { oldValue: { language: user.language } } : {}),
        newValue: languageChanged ? { terminalStatus, language } : { terminalStatus },
      });
    });
    const reason = this.passwordChangeDue(user);
    const session: SessionRecord = {
      userId: user.id,
      username: user.username,
      fullName: user.fullName,
      roles: user.roles,
      state: reason ? 'password-change-required' : 'active',
      passwordChangeReason: reason,
      lastActivityMs: nowMs,
      language: languageChanged ? language : user.language,
    };
    this.deps.sessions.start(connectionId, session);
    return this.view(session);
  }

  /** Counts a failed password (sign-in, unlock, and later signatures) toward the lockout. */
  /** Returns true when this failure locked the account. */
  recordFailure(user: UserRecord, context: string): boolean {
    const { sqlite, audit, alerts, settings } = this.deps;
    const threshold = settings.security().lockoutThreshold;
    const nowUtc = toUtcIso(this.deps.clock.now());
    const raised = audit.change(this.anonymous, ({ record }) => {
      // The lock state as it is now, inside the transaction: `user` was read before an await, and
      // simultaneous failures past the threshold must lock (and alert) once.
      const { attempts, lockedAtUtc } = sqlite
        .prepare(
          'UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = ? RETURNING failed_attempts AS attempts, locked_at_utc AS lockedAtUtc',
        )
        .get(user.id) as { attempts: number; lockedAtUtc: string | null };
      record({
        action: 'auth.login-failed',
        entityType: 'user',
        entityId: user.id,
        newValue: { usernameEntered: user.username, consecutiveFailures: attempts },
        reason: context,
      });
      if (attempts < threshold || lockedAtUtc) return null;
      sqlite.prepare('UPDATE users SET locked_at_utc = ? WHERE id = ?').run(nowUtc, user.id);
      record({
        action: 'user.locked',
        entityType: 'user',
        entityId: user.id,
        oldValue: { locked: false },
        newValue: { locked: true },
        reason: `${attempts} consecutive failed attempts`,
      });
      return alerts.raiseWithin(record, {
        kind: 'account-locked',
        message: `Account ${user.username} (${user.fullName}) was locked after ${attempts} consecutive failed attempts.`,
        subjectUserId: user.id,
        subjectUsername: user.username,
      });
    });
    if (raised) alerts.publish(raised);
    return raised !== null;
  }

  logout(connectionId: string, reason: string): void {
    const session = this.deps.sessions.end(connectionId);
    if (!session) return;
    this.deps.audit.change({ userId: session.userId, userName: session.fullName }, ({ record }) =>
      record({ action: 'auth.logout', entityType: 'user', entityId: session.userId, reason }),
    );
    this.deps.notifySession(connectionId, 'signed-out', reason);
  }

  lock(connectionId: string, session: SessionRecord, reason: string): SessionView {
    if (session.state !== 'locked') {
      session.state = 'locked';
      this.deps.audit.change({ userId: session.userId, userName: session.fullName }, ({ record }) =>
        record({ action: 'session.locked', entityType: 'user', entityId: session.userId, reason }),
      );
      this.deps.notifySession(connectionId, 'locked', reason);
    }
    return this.view(session);
  }

  /** Only the signed-in user's own password unlocks; failures count toward the lockout. */
  async unlock(connectionId: string, session: SessionRecord, password: string): Promise<SessionView> {
    const user = this.deps.users.find(session.userId);
    if (!user) throw new EbrError('UNAUTHENTICATED', 'Sign in again.');
    if (session.state !== 'locked') throw new EbrError('CONFLICT', 'The session is not locked.');
    const matches = await verifyPassword(user.passwordHash, password);
    if (!matches || user.lockedAtUtc) {
      if (!matches) this.recordFailure(user, 'wrong password at unlock');
      const lockedNow = this.deps.users.find(user.id)?.lockedAtUtc;
      if (lockedNow) {
        this.logout(connectionId, 'account locked while the session was locked');
        throw this.accountLocked(user.username);
      }
      throw new EbrError('INVALID_CREDENTIALS', 'The password is not correct.');
    }
    session.state = 'active';
    session.lastActivityMs = this.deps.clock.now();
    this.deps.audit.change(this.actorOf(user), ({ record }) =>
      record({
        action: 'session.unlocked',
        entityType: 'user',
        entityId: user.id,
        newValue: { resetFailures: user.failedAttempts > 0 },
      }),
    );
    if (user.failedAttempts > 0)
      this.deps.sqlite.prepare('UPDATE users SET failed_attempts = 0 WHERE id = ?').run(user.id);
    return this.view(session);
  }

  async changePassword(
    session: SessionRecord,
    currentPassword: string,
    newPassword: string,
  ): Promise<SessionView> {
    const user = this.deps.users.find(session.userId);
    if (!user) throw new EbrError('UNAUTHENTICATED', 'Sign in again.');
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      this.recordFailure(user, 'wrong current password at password change');
      throw new EbrError('INVALID_CREDENTIALS', 'The current password is not correct.');
    }
    await this.deps.passwords.change(
      user,
      newPassword,
      { userId: user.id, userName: user.fullName },
      { action: 'auth.password-changed', reason: 'changed by the user', mustChangeNext: false },
    );
    session.state = 'active';
    session.passwordChangeReason = null;
    session.lastActivityMs = this.deps.clock.now();
    return this.view(session);
  }

  /** Locks every active session idle for longer than the configured timeout. */
  lockIdleSessions(): void {
    const lockAfterMs = this.deps.settings.security().sessionLockMinutes * 60_000;
    const nowMs = this.deps.clock.now();
    for (const [connectionId, session] of this.deps.sessions.entries()) {
      if (session.state === 'active' && nowMs - session.lastActivityMs >= lockAfterMs) {
        this.lock(
          connectionId,
          session,
          `inactive for ${Math.round((nowMs - session.lastActivityMs) / 60_000)} minutes`,
        );
      }
    }
  }
}
