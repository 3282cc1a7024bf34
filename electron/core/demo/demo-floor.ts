/**
 * The demonstration terminal while it is being built: the app on a clock the builder moves
 * (so timers elapse and records carry plausible times), and one signed-in window per person.
 * Every change goes through `invoke`, as the screens make it; a refusal stops the build.
 */
import type { ChannelName } from '../../../shared/contract/channels';
import type { SessionView } from '../../../shared/contract/identity';
import { EbrError } from '../../../shared/errors';
import type { Connection, EbrApp } from '../app';
import type { manualClock } from '../clock';
import { DEMO_STAFF, DEMO_TEMPORARY_PASSWORD, type DemoPerson, type DemoStaffName } from './demo-cast';

export interface DemoWindow {
  person: DemoPerson;
  connection: Connection;
}

/** Calls a channel and returns its value; a refusal becomes an error naming the channel. */
export async function call<T>(connection: Connection, channel: ChannelName, input: unknown): Promise<T> {
  const result = await connection.invoke(channel, input);
  if (!result.ok) {
    throw new EbrError(result.error.code, `Demo step ${channel} refused: ${result.error.message}`, {
      channel,
      ...(result.error.details ?? {}),
    });
  }
  return result.value as T;
}

/** Signs in at a new window; a first sign-in changes the temporary password to the person's own. */
export async function signInWindow(
  app: EbrApp,
  person: DemoPerson,
  firstPassword: string,
): Promise<DemoWindow> {
  const connection = app.connect();
  let session = await call<SessionView>(connection, 'auth.login', {
    username: person.username,
    password: firstPassword,
  });
  if (session.state === 'password-change-required') {
    session = await call<SessionView>(connection, 'auth.changePassword', {
      currentPassword: firstPassword,
      newPassword: person.password,
    });
  }
  if (session.state !== 'active') {
    throw new EbrError('INTERNAL', `Demo: ${person.username} is not signed in (${session.state}).`);
  }
  return { person, connection };
}

export class DemoFloor {
  readonly windows = new Map<DemoStaffName | 'admin', DemoWindow>();

  constructor(
    readonly app: EbrApp,
    readonly clock: ReturnType<typeof manualClock>,
  ) {}

  window(name: DemoStaffName | 'admin'): DemoWindow {
    const window = this.windows.get(name);
    if (!window) throw new EbrError('INTERNAL', `Demo: ${name} has no window yet.`);
    return window;
  }

  /** The administrator creates the account, then the person signs in and chooses their password. */
  async hire(name: DemoStaffName, reason: string): Promise<DemoWindow> {
    const person = DEMO_STAFF[name];
    await call(this.window('admin').connection, 'users.create', {
      username: person.username,
      fullName: person.fullName,
      roles: person.roles,
      temporaryPassword: DEMO_TEMPORARY_PASSWORD,
      reason,
    });
    const window = await signInWindow(this.app, person, DEMO_TEMPORARY_PASSWORD);
    this.windows.set(name, window);
    return window;
  }

  /** Lets time pass with everyone at the terminal (each window shows activity, so none locks). */
  async pass(minutes: number): Promise<void> {
    let left = minutes * 60_000;
    while (left > 0) {
      const step = Math.min(left, 4 * 60_000);
      this.clock.advance(step);
      left -= step;
      for (const { connection } of this.windows.values()) await call(connection, 'auth.activity', {});
    }
  }

  /** Own signature: the signer is the person at the window, password re-entered. */
  self(name: DemoStaffName) {
    return { kind: 'self' as const, password: DEMO_STAFF[name].password };
  }

  /** A second person signs at this window with their username and password. */
  cosigner(name: DemoStaffName) {
    const person = DEMO_STAFF[name];
    return { kind: 'cosigner' as const, username: person.username, password: person.password };
  }
}
