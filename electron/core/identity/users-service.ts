import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { UserSummary } from '../../../shared/contract/identity';
import { EbrError } from '../../../shared/errors';
import type { Role } from '../../../shared/permissions';
import type { AuditTrail } from '../audit/audit-trail';
import { toUtcIso, type Clock } from '../clock';
import type { SettingsService } from '../settings/settings-service';
import { hashPassword } from '../users/password-hash';
import type { PasswordChanger } from './password-changer';
import { auditedUserFields, toUserSummary, type UserRecord, type UserRecords } from './user-records';

export interface UsersServiceDeps {
  sqlite: Database.Database;
  users: UserRecords;
  settings: SettingsService;
  passwords: PasswordChanger;
  audit: AuditTrail;
  clock: Clock;
}

/**
 * The administrator who acts, as the audit trail names them. `userId` is null only for the
 * recovery-key holder at the command line (`ebr unlock-user`).
 */
export interface Administrator {
  userId: string | null;
  userName: string;
}

/**
 * User administration (A11-12.3): every creation, role change, disabling and reset is audited
 * with its reason. Users are never deleted and usernames never reused (P11-100a).
 */
export class UsersService {
  constructor(private readonly deps: UsersServiceDeps) {}

  private summary(user: UserRecord): UserSummary {
    return toUserSummary(user, this.deps.settings.security());
  }

  private require(userId: string): UserRecord {
    const user = this.deps.users.find(userId);
    if (!user) throw new EbrError('NOT_FOUND', 'There is no such user.');
    return user;
  }

  /** Someone must always be able to administer the workstation. */
  private assertAnotherAdministratorRemains(user: UserRecord, what: string): void {
    const others = this.deps.users
      .list()
      .filter(
        (candidate) =>
          candidate.id !== user.id &&
          candidate.status === 'active' &&
          candidate.roles.includes('administrator'),
      );
    if (others.length === 0)
      throw new EbrError('CONFLICT', `Refused: ${what} would leave no active administrator.`);
  }

  list(): UserSummary[] {
    return this.deps.users.list().map((user) => this.summary(user));
  }

  async create(
    admin: Administrator,
    input: { username: string; fullName: string; roles: Role[]; temporaryPassword: string; reason: string },
  ): Promise<UserSummary> {
    if (this.deps.users.findByUsername(input.username)) {
      throw new EbrError(
        'CONFLICT',
        `The username ${input.username} is taken (usernames are never reused, even after disabling).`,
      );
    }
    await this.deps.passwords.assertAcceptable(input.username, input.temporaryPassword, null);
    const passwordHash = await hashPassword(input.temporaryPassword);
    const id = randomUUID();
    const nowUtc = toUtcIso(this.deps.clock.now());
    const roles = [...new Set(input.roles)];
    this.deps.audit.change(admin, ({ record }) => {
      this.deps.sqlite
        .prepare(
          `INSERT INTO users (id, username, full_name, password_hash, roles, status, must_change_password, password_change_reason, password_changed_at_utc, created_at_utc)
           VALUES (?, ?, ?, ?, ?, 'active', 1, 'first-sign-in', ?, ?)`,
        )
        .run(id, input.username, input.fullName, passwordHash, JSON.stringify(roles), nowUtc, nowUtc);
      this.deps.passwords.recordInitialWithin(id, passwordHash);
      record({
        action: 'user.created',
        entityType: 'user',
        entityId: id,
        newValue: { ...auditedUserFields({ ...input, roles, status: 'active' }), mustChangePassword: true },
        reason: input.reason,
      });
    });
    return this.summary(this.require(id));
  }

  update(
    admin: Administrator,
    input: { userId: string; fullName: string; roles: Role[]; reason: string },
  ): UserSummary {
    const user = this.require(input.userId);
    const roles = [...new Set(input.roles)];
    if (user.roles.includes('administrator') && !roles.includes('administrator'))
      this.assertAnotherAdministratorRemains(user, 'removing this administrator role');
    if (
      user.fullName === input.fullName &&
      JSON.stringify([...user.roles].sort()) === JSON.stringify([...roles].sort())
    ) {
      throw new EbrError('CONFLICT', 'Nothing to change: the printed name and roles are the same.');
    }
    this.deps.audit.change(admin, ({ record }) => {
      this.deps.sqlite
        .prepare('UPDATE users SET full_name = ?, roles = ? WHERE id = ?')
        .run(input.fullName, JSON.stringify(roles), user.id);
      record({
        action: 'user.updated',
        entityType: 'user',
        entityId: user.id,
        oldValue: { fullName: user.fullName, roles: user.roles },
        newValue: { fullName: input.fullName, roles },
        reason: input.reason,
      });
    });
    return this.summary(this.require(user.id));
  }

  setStatus(
    admin: Administrator,
    userId: string,
    status: 'active' | 'disabled',
    reason: string,
  ): UserSummary {
    const user = this.require(userId);
    if (user.status === status)
      throw new EbrError(
        'CONFLICT',
        `${user.username} is already ${status === 'active' ? 'enabled' : 'disabled'}.`,
      );
    if (status === 'disabled' && user.roles.includes('administrator'))
      this.assertAnotherAdministratorRemains(user, 'disabling this administrator');
    this.deps.audit.change(admin, ({ record }) => {
      this.deps.sqlite.prepare('UPDATE users SET status = ? WHERE id = ?').run(status, user.id);
      record({
        action: status === 'disabled' ? 'user.disabled' : 'user.enabled',
        entityType: 'user',
        entityId: user.id,
        oldValue: { status: user.status },
        newValue: { status },
        reason,
      });
    });
    return this.summary(this.require(user.id));
  }

  unlock(admin: Administrator, userId: string, reason: string): UserSummary {
    const user = this.require(userId);
    if (!user.lockedAtUtc) throw new EbrError('CONFLICT', `${user.username} is not locked.`);
    this.deps.audit.change(admin, ({ record }) => {
      this.deps.sqlite
        .prepare('UPDATE users SET locked_at_utc = NULL, failed_attempts = 0 WHERE id = ?')
        .run(user.id);
      record({
        action: 'user.unlocked',
        entityType: 'user',
        entityId: user.id,
        oldValue: { locked: true, failedAttempts: user.failedAttempts },
        newValue: { locked: false, failedAttempts: 0 },
        reason,
      });
    });
    return this.summary(this.require(user.id));
  }

  async resetPassword(
    admin: Administrator,
    userId: string,
    temporaryPassword: string,
    reason: string,
  ): Promise<UserSummary> {
    const user = this.require(userId);
    await this.deps.passwords.change(user, temporaryPassword, admin, {
      action: 'user.password-reset',
      reason,
      mustChangeNext: true,
      changeReason: 'reset',
    });
    return this.summary(this.require(user.id));
  }
}
