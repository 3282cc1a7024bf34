import type Database from 'better-sqlite3-multiple-ciphers';
import type { UserSummary } from '../../../shared/contract/identity';
import type { Language } from '../../../shared/i18n/languages';
import type { Role } from '../../../shared/permissions';
import type { SecuritySettings } from '../../../shared/security-settings';
import { toUtcIso } from '../clock';

/** A users row as stored (the hash stays inside the core). */
export interface UserRecord {
  id: string;
  username: string;
  fullName: string;
  passwordHash: string;
  roles: Role[];
  status: 'active' | 'disabled';
  mustChangePassword: boolean;
  passwordChangeReason: 'first-sign-in' | 'reset' | null;
  passwordChangedAtUtc: string | null;
  failedAttempts: number;
  lockedAtUtc: string | null;
  lastLoginAtUtc: string | null;
  createdAtUtc: string;
  /** Chosen on the sign-in screen; null: the terminal's language. */
  language: Language | null;
}

const selectColumns = `id, username, full_name AS fullName, password_hash AS passwordHash, roles, status,
  must_change_password AS mustChangePassword, password_change_reason AS passwordChangeReason,
  password_changed_at_utc AS passwordChangedAtUtc, failed_attempts AS failedAttempts,
  locked_at_utc AS lockedAtUtc, last_login_at_utc AS lastLoginAtUtc, created_at_utc AS createdAtUtc, language`;

type StoredUser = Omit<UserRecord, 'roles' | 'mustChangePassword'> & {
  roles: string;
  mustChangePassword: number;
};

function fromStored(row: StoredUser | undefined): UserRecord | null {
  if (!row) return null;
  return { ...row, roles: JSON.parse(row.roles) as Role[], mustChangePassword: row.mustChangePassword === 1 };
}

/** Plain queries over users; business rules live in the services. */
export class UserRecords {
  private readonly byId;
  private readonly byUsername;
  private readonly all;

  constructor(sqlite: Database.Database) {
    this.byId = sqlite.prepare(`SELECT ${selectColumns} FROM users WHERE id = ?`);
    this.byUsername = sqlite.prepare(`SELECT ${selectColumns} FROM users WHERE username = ?`);
    this.all = sqlite.prepare(`SELECT ${selectColumns} FROM users ORDER BY status, username`);
  }

  find(userId: string): UserRecord | null {
    return fromStored(this.byId.get(userId) as StoredUser | undefined);
  }

  findByUsername(username: string): UserRecord | null {
    return fromStored(this.byUsername.get(username) as StoredUser | undefined);
  }

  list(): UserRecord[] {
    return (this.all.all() as StoredUser[]).map((row) => fromStored(row)!);
  }
}

export function passwordExpiresAtMs(
  user: UserRecord,
  policy: SecuritySettings['passwordPolicy'],
): number | null {
  if (policy.expiryDays === 0) return null;
  const since = Date.parse(user.passwordChangedAtUtc ?? user.createdAtUtc);
  return since + policy.expiryDays * 24 * 60 * 60 * 1000;
}

export function toUserSummary(user: UserRecord, settings: SecuritySettings): UserSummary {
  const expiresAt = passwordExpiresAtMs(user, settings.passwordPolicy);
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    roles: user.roles,
    status: user.status,
    locked: user.lockedAtUtc !== null,
    mustChangePassword: user.mustChangePassword,
    passwordExpiresAtUtc: expiresAt === null ? null : toUtcIso(expiresAt),
    lastLoginAtUtc: user.lastLoginAtUtc,
    createdAtUtc: user.createdAtUtc,
  };
}

/** What an audit row may say about a user: never the hash. */
export function auditedUserFields(user: Pick<UserRecord, 'username' | 'fullName' | 'roles' | 'status'>) {
  return { username: user.username, fullName: user.fullName, roles: user.roles, status: user.status };
}
