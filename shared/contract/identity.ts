import type { Language } from '../i18n/languages';
import type { Role } from '../permissions';
import type { PasswordPolicy } from '../security-settings';

export type UserStatus = 'active' | 'disabled';

/** A user as the renderer sees it: never a password or a hash. */
export interface UserSummary {
  id: string;
  username: string;
  fullName: string;
  roles: Role[];
  status: UserStatus;
  /** Locked after too many failed attempts; only an administrator unlocks. */
  locked: boolean;
  mustChangePassword: boolean;
  passwordExpiresAtUtc: string | null;
  lastLoginAtUtc: string | null;
  createdAtUtc: string;
}

/**
 * `active`: working. `locked`: inactivity or manual lock; only the same user's password unlocks.
 * `password-change-required`: first sign-in, after a reset, or expired; nothing else is allowed.
 */
export type SessionState = 'active' | 'locked' | 'password-change-required';

export interface SessionView {
  /** language: the one the person chose (stored with the user); null: the terminal's. */
  user: { id: string; username: string; fullName: string; roles: Role[]; language: Language | null };
  state: SessionState;
  /** The language the window works in: the user's, else the terminal's. Signatures record it. */
  language: Language;
  /** Why a password change is required, for people. */
  passwordChangeReason: 'first-sign-in' | 'reset' | 'expired' | null;
  passwordExpiresAtUtc: string | null;
  /** Inactivity before the session locks. */
  lockAfterMs: number;
  /** The password policy in force, so the forms can show its rules as the person types. */
  passwordPolicy: PasswordPolicy;
  /** For administrators: security alerts not yet acknowledged (a banner at sign-in). */
  unacknowledgedAlerts: number;
}

export type SecurityAlertKind =
  'account-locked' | 'audit-head-recreated' | 'terminal-not-registered-sign-in' | 'backup-failed';

export interface SecurityAlert {
  id: string;
  kind: SecurityAlertKind;
  message: string;
  subjectUserId: string | null;
  subjectUsername: string | null;
  raisedAtUtc: string;
  acknowledgedByName: string | null;
  acknowledgedAtUtc: string | null;
  acknowledgementComment: string | null;
}

export type TerminalStatus = 'registered' | 'unregistered' | 'revoked';

export interface TerminalView {
  id: string;
  name: string;
  location: string;
  /** Grouped hex, for reading aloud and comparing with the workstation's screen. */
  fingerprint: string;
  status: TerminalStatus;
  isThisTerminal: boolean;
  createdAtUtc: string;
  registeredAtUtc: string | null;
  revokedAtUtc: string | null;
}

export interface SetupResult {
  /** The database key as 64 hex digits in groups: shown once, never stored by the application. */
  recoveryKey: string;
  terminalFingerprint: string;
}
