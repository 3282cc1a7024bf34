import type { EbrErrorData } from '../errors';
import type { TerminalStatus } from './identity';

export type StoreState = 'ready' | 'setup-required' | 'refused';

export interface TerminalSummary {
  id: string;
  name: string;
  location: string;
  /** SHA-256 of the terminal's raw Ed25519 public key, hex, grouped for reading aloud. */
  fingerprint: string;
  /** Shown on the sign-in screen: on an unregistered or revoked terminal only administrators sign in. */
  registration: TerminalStatus;
}

export interface AuditHead {
  seq: number;
  hash: string;
  atUtc: string;
}

export interface SystemInfo {
  application: { name: string; version: string };
  store: {
    state: StoreState;
    /** null while the store is not open: unknown, not "unencrypted". */
    encrypted: boolean | null;
    /** Human-readable cipher description, e.g. "SQLCipher 4 (AES-256-CBC, HMAC-SHA512)". */
    cipher: string | null;
    schemaVersion: number | null;
    latestSchemaVersion: number;
    refusal: EbrErrorData | null;
    /** A demonstration store made by `ebr demo`: everything it shows is marked DEMO. */
    demo: boolean;
  };
  terminal: TerminalSummary | null;
  counts: { auditRows: number; users: number } | null;
  auditHead: AuditHead | null;
  timeZone: string;
}

export interface HealthCheck {
  name: string;
  ok: boolean;
  message: string;
}

export interface SystemHealth {
  /** `attention`: the store is open but a check failed and someone must look at it. */
  status: 'ok' | 'attention' | 'setup-required' | 'refused';
  checkedAtUtc: string;
  checks: HealthCheck[];
}
