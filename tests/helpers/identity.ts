/**
 * Helpers for tests that act through connections (windows) the way the renderer does: create users
 * through an administrator's connection, sign them in, read results and audit rows, and record
 * everything that leaves the core so that a test can scan it for secrets.
 */
import { expect } from 'vitest';
import type { Connection, EbrApp } from '../../electron/core/app';
import type { SessionView, UserSummary } from '../../shared/contract/identity';
import { eventNames, type EventName } from '../../shared/contract/events';
import { errorCodes, type EbrErrorData, type ErrorCode, type Result } from '../../shared/errors';
import type { Role } from '../../shared/permissions';
import type { SecuritySettings } from '../../shared/security-settings';
import { signIn } from './fresh-app';

/** Temporary passwords set by the administrator, and what users change them to. */
export const TEMPORARY_PASSWORD = 'Temporary-Pass-7';
export const USER_PASSWORD = 'Own-Secret-2026!';

export function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Asserts a refusal with `code` that crossed the boundary as a plain `{code, message, details?}`. */
export function expectError(result: Result<unknown>, code: ErrorCode): EbrErrorData {
  expect(result.ok, `expected ${code}, got ${JSON.stringify(result).slice(0, 300)}`).toBe(false);
  const error = (result as { ok: false; error: EbrErrorData }).error;
  expect(error.code, error.message).toBe(code);
  expect(errorCodes).toContain(error.code);
  expect(Object.getPrototypeOf(error)).toBe(Object.prototype);
  expect(error).not.toBeInstanceOf(Error);
  expect(Object.keys(error).every((key) => ['code', 'message', 'details'].includes(key))).toBe(true);
  expect('stack' in error).toBe(false);
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  // Survives structured cloning (what IPC does) unchanged.
  expect(structuredClone(error)).toEqual(error);
  return error;
}

export async function createUser(
  admin: Connection,
  username: string,
  roles: Role[],
  options: { fullName?: string; temporaryPassword?: string; reason?: string } = {},
): Promise<UserSummary> {
  return value<UserSummary>(
    await admin.invoke('users.create', {
      username,
      fullName: options.fullName ?? `${username[0]!.toUpperCase()}${username.slice(1)} Tester`,
      roles,
      temporaryPassword: options.temporaryPassword ?? TEMPORARY_PASSWORD,
      reason: options.reason ?? 'New member of staff',
    }),
  );
}

export interface SignedInUser {
  user: UserSummary;
  connection: Connection;
  session: SessionView;
  password: string;
}

/** Creates a user and signs them in at a new connection, their first-sign-in password change done. */
export async function activeUser(
  app: EbrApp,
  admin: Connection,
  username: string,
  roles: Role[],
  password = USER_PASSWORD,
): Promise<SignedInUser> {
  const user = await createUser(admin, username, roles);
  const { connection, session } = await signIn(app, username, TEMPORARY_PASSWORD, password);
  expect(session.state).toBe('active');
  return { user, connection, session, password };
}

export async function updateSettings(
  admin: Connection,
  change: (current: SecuritySettings) => SecuritySettings,
  reason = 'Test configuration',
): Promise<SecuritySettings> {
  const current = value<SecuritySettings>(await admin.invoke('settings.get', {}));
  return value<SecuritySettings>(
    await admin.invoke('settings.update', { settings: change(structuredClone(current)), reason }),
  );
}

export interface AuditRowText {
  seq: number;
  at_utc: string;
  user_id: string | null;
  user_name: string | null;
  terminal_id: string;
  action: string;
  entity_type: string;
  entity_id: string;
  old_value: string | null;
  new_value: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export function auditRowsAfter(app: EbrApp, afterSeq = 0): AuditRowText[] {
  return app
    .runtime!.store.sqlite.prepare('SELECT * FROM audit_trail WHERE seq > ? ORDER BY seq')
    .all(afterSeq) as AuditRowText[];
}

export function lastAuditSeq(app: EbrApp): number {
  return app
    .runtime!.store.sqlite.prepare('SELECT coalesce(max(seq), 0) FROM audit_trail')
    .pluck()
    .get() as number;
}

export const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/**
 * Everything that leaves the core through connections: every result of `invoke` and every event
 * payload, as JSON text. Wrap each connection a test opens with `recorder.wrap`.
 */
export class OutputRecorder {
  readonly outputs: { channel: string; text: string }[] = [];
  readonly events: { connectionId: string; event: EventName; text: string }[] = [];

  wrap(connection: Connection): Connection {
    for (const event of eventNames) {
      connection.on(event, (payload) =>
        this.events.push({ connectionId: connection.id, event, text: JSON.stringify(payload) }),
      );
    }
    return {
      id: connection.id,
      invoke: async (channel, input) => {
        const result = await connection.invoke(channel, input);
        this.outputs.push({ channel, text: JSON.stringify(result) });
        return result;
      },
      on: (event, listener) => connection.on(event, listener),
      close: () => connection.close(),
    };
  }

  connect(app: EbrApp): Connection {
    return this.wrap(app.connect());
  }

  /** Events of one kind that reached one connection, parsed. */
  eventsAt<T = unknown>(connection: Connection, event: EventName): T[] {
    return this.events
      .filter((recorded) => recorded.connectionId === connection.id && recorded.event === event)
      .map((recorded) => JSON.parse(recorded.text) as T);
  }

  allText(): { where: string; text: string }[] {
    return [
      ...this.outputs.map((output) => ({ where: `output of ${output.channel}`, text: output.text })),
      ...this.events.map((event) => ({ where: `event ${event.event}`, text: event.text })),
    ];
  }
}

/** The places (if any) where one of `needles` occurs in `haystacks`. */
export function findSecrets(
  haystacks: { where: string; text: string }[],
  needles: readonly string[],
): string[] {
  const found: string[] = [];
  for (const { where, text } of haystacks) {
    for (const needle of needles) if (text.includes(needle)) found.push(`${where}: contains ${needle}`);
  }
  return found;
}
