import type Database from 'better-sqlite3-multiple-ciphers';
import { EbrError } from '../../../shared/errors';
import { passwordPolicyViolations } from '../../../shared/security-settings';
import type { AuditActor, AuditRecorder, AuditTrail } from '../audit/audit-trail';
import { toUtcIso, type Clock } from '../clock';
import type { SettingsService } from '../settings/settings-service';
import { hashPassword, verifyPassword } from '../users/password-hash';

export interface PasswordChangerDeps {
  sqlite: Database.Database;
  settings: SettingsService;
  audit: AuditTrail;
  clock: Clock;
}

export interface PasswordChange {
  action: string;
  reason: string;
  /** True for temporary passwords set by an administrator. */
  mustChangeNext: boolean;
  changeReason?: 'first-sign-in' | 'reset';
}

/** Applies the password policy (P11-300b) and keeps the history; hashes never leave the core. */
export class PasswordChanger {
  constructor(private readonly deps: PasswordChangerDeps) {}

  /** Throws PASSWORD_POLICY listing every broken rule. */
  async assertAcceptable(username: string, password: string, userId: string | null): Promise<void> {
    const policy = this.deps.settings.security().passwordPolicy;
    const violations = passwordPolicyViolations(policy, password, username);
    if (userId !== null && violations.length === 0) {
      const recent = this.deps.sqlite
        .prepare('SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?')
        .pluck()
        .all(userId, Math.max(1, policy.historyCount)) as string[];
      for (const hash of recent) {
        if (await verifyPassword(hash, password)) {
          violations.push(
            policy.historyCount > 1
              ? `Do not reuse any of your last ${policy.historyCount} passwords.`
              : 'Choose a password different from the current one.',
          );
          break;
        }
      }
    }
    if (violations.length > 0) {
      throw new EbrError(
        'PASSWORD_POLICY',
        `The password does not meet the policy: ${violations.join(' ')}`,
        { violations },
      );
    }
  }

  /** Inside an audited transaction: a new users row's first password goes into the history too. */
  recordInitialWithin(userId: string, passwordHash: string): void {
    this.deps.sqlite
      .prepare('INSERT INTO password_history (user_id, password_hash, set_at_utc) VALUES (?, ?, ?)')
      .run(userId, passwordHash, toUtcIso(this.deps.clock.now()));
  }

  async change(
    user: { id: string; username: string },
    newPassword: string,
    actor: AuditActor,
    change: PasswordChange,
    extra?: (record: AuditRecorder['record']) => void,
  ): Promise<void> {
    await this.assertAcceptable(user.username, newPassword, user.id);
    const passwordHash = await hashPassword(newPassword);
    const nowUtc = toUtcIso(this.deps.clock.now());
    this.deps.audit.change(actor, ({ record }) => {
      this.deps.sqlite
        .prepare(
          'UPDATE users SET password_hash = ?, password_changed_at_utc = ?, must_change_password = ?, password_change_reason = ?, failed_attempts = 0 WHERE id = ?',
        )
        .run(
          passwordHash,
          nowUtc,
          change.mustChangeNext ? 1 : 0,
          change.mustChangeNext ? (change.changeReason ?? 'reset') : null,
          user.id,
        );
      this.recordInitialWithin(user.id, passwordHash);
      record({
        action: change.action,
        entityType: 'user',
        entityId: user.id,
        newValue: { mustChangePassword: change.mustChangeNext },
        reason: change.reason,
      });
      extra?.(record);
    });
  }
}
