/**
 * The IPC gate (P11-10g, A11-5): a known channel, then the state of the session the core holds for
 * the connection (window), then the permission, then the input schema. Nothing malformed or
 * unauthorised reaches a service, and errors cross as plain `{code, message, details?}` objects
 * from the closed set. The window never names a user: the session is the core's.
 *
 * The generated part walks every channel of the contract: without a session, from users whose
 * roles lack the permission, from users whose roles grant it, and from a locked and a
 * password-change-required session.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Connection } from '../../electron/core/app';
import { dispatch, type ChannelHandlers } from '../../electron/core/ipc/dispatch';
import type { SessionRecord } from '../../electron/core/identity/sessions';
import { channelNames, channels, type ChannelName } from '../../shared/contract/channels';
import type { SessionView } from '../../shared/contract/identity';
import type { Result } from '../../shared/errors';
import { rolePermissions, roles, rolesGrant, type Permission, type Role } from '../../shared/permissions';
import { ADMIN_PASSWORD, freshApp, signIn, type FreshApp } from '../helpers/fresh-app';
import {
  activeUser,
  createUser,
  expectError,
  lastAuditSeq,
  TEMPORARY_PASSWORD,
  value,
} from '../helpers/identity';

/** An input no channel accepts: each schema is an object that is strict or needs fields. */
const JUNK = { '~not-a-field': true };

const realPermission = (name: ChannelName): Permission | null => {
  const permission = channels[name].permission;
  return permission === 'public' || permission === 'authenticated' ? null : permission;
};
const rolesLacking = (permission: Permission): Role[] =>
  roles.filter((role) => !rolePermissions[role].includes(permission));
const key = (set: readonly Role[]) => [...set].sort().join('+');

/** For every permission a channel names, the largest set of roles that still lacks it. */
const lackingSets = new Map<string, Role[]>();
const noRoleLacks: ChannelName[] = [];
for (const name of channelNames) {
  const permission = realPermission(name);
  if (!permission) continue;
  const lacking = rolesLacking(permission);
  if (lacking.length === 0) noRoleLacks.push(name);
  else lackingSets.set(key(lacking), lacking);
}

let fresh: FreshApp;
let admin: Connection;
/** One signed-in user (password changed) per single non-administrator role and per lacking set. */
const usersByRoles = new Map<string, Connection>();
const connectionFor = (set: readonly Role[]): Connection => {
  if (key(set) === 'administrator') return admin;
  const connection = usersByRoles.get(key(set));
  if (!connection) throw new Error(`no user with roles ${key(set)}`);
  return connection;
};

beforeAll(async () => {
  fresh = await freshApp();
  admin = await fresh.admin();
  const sets = new Map<string, Role[]>(
    roles.filter((role) => role !== 'administrator').map((role) => [key([role]), [role]]),
  );
  for (const [name, set] of lackingSets) sets.set(name, set);
  let n = 0;
  await Promise.all(
    [...sets].map(async ([name, set]) => {
      n += 1;
      const { connection } = await activeUser(fresh.app, admin, `user${n}.${set.length}`, set);
      usersByRoles.set(name, connection);
    }),
  );
  // One user per lacking set, each hashing (Argon2id, 64 MiB) several times: grows with the table
  // (18 role sets with the material-handler role; minutes on a machine shared by many test runs).
}, 180_000);

afterAll(async () => {
  await fresh.cleanup();
});

describe('dispatch', () => {
  it('an unknown channel → UNKNOWN_CHANNEL, signed in or not', async () => {
    for (const connection of [admin, fresh.app.connect()]) {
      expectError(await connection.invoke('system.reboot', {}), 'UNKNOWN_CHANNEL');
      expectError(await connection.invoke('__proto__', {}), 'UNKNOWN_CHANNEL');
      expectError(await connection.invoke('toString', {}), 'UNKNOWN_CHANNEL');
      expectError(await connection.invoke('hasOwnProperty', {}), 'UNKNOWN_CHANNEL');
      expectError(await connection.invoke(42 as unknown as string, {}), 'UNKNOWN_CHANNEL');
    }
  });

  it('audit.verify without a session → UNAUTHENTICATED', async () => {
    expectError(await fresh.app.connect().invoke('audit.verify', {}), 'UNAUTHENTICATED');
  });

  it('audit.verify with roles that lack the permission → FORBIDDEN, naming the permission', async () => {
    const error = expectError(await connectionFor(['operator']).invoke('audit.verify', {}), 'FORBIDDEN');
    expect(error.details).toEqual({ permission: 'audit.verify' });
    expectError(
      await connectionFor(['operator', 'technician', 'material-handler']).invoke('audit.verify', {}),
      'FORBIDDEN',
    );
  });

  it('a role the permission table does not know grants nothing: FORBIDDEN, not a thrown error', async () => {
    // Roles come from the users row at every call; a row edited behind the application's back
    // with an unknown role (or an Object.prototype name) must grant nothing.
    const technician = connectionFor(['technician']);
    const sqlite = fresh.app.runtime!.store.sqlite;
    const userId = value<SessionView>(await technician.invoke('auth.session', {})).user.id;
    const setRoles = sqlite.prepare('UPDATE users SET roles = ? WHERE id = ?');
    try {
      for (const odd of ['superuser', 'constructor', '__proto__', 'toString']) {
        setRoles.run(JSON.stringify([odd]), userId);
        expectError(await technician.invoke('audit.verify', {}), 'FORBIDDEN');
        expectError(await technician.invoke('users.list', {}), 'FORBIDDEN');
      }
    } finally {
      setRoles.run(JSON.stringify(['technician']), userId);
    }
  });

  it('malformed input → VALIDATION_FAILED, and the handler never ran', async () => {
    let progressEvents = 0;
    const stop = admin.on('audit.verify-progress', () => {
      progressEvents += 1;
    });
    const before = lastAuditSeq(fresh.app);
    for (const input of [{ x: 1 }, null, 'audit', undefined, [], 7]) {
      const error = expectError(await admin.invoke('audit.verify', input), 'VALIDATION_FAILED');
      expect(Array.isArray(error.details?.issues)).toBe(true);
    }
    // Malformed changes from an administrator: nothing written, no audit row.
    const usersBefore = value<unknown[]>(await admin.invoke('users.list', {})).length;
    const bad = [
      [
        'users.create',
        { username: 'x', fullName: 'X', roles: ['operator'], temporaryPassword: 'p', reason: 'r' },
      ],
      [
        'users.create',
        {
          username: 'valid.name',
          fullName: 'Val Id',
          roles: ['root'],
          temporaryPassword: TEMPORARY_PASSWORD,
          reason: 'Because',
        },
      ],
      ['users.disable', { userId: fresh.adminUserId }],
      ['users.disable', { userId: 'not-a-uuid', reason: 'Because' }],
      ['settings.update', { settings: { lockoutThreshold: 1 }, reason: 'Because' }],
      ['terminals.revoke', { terminalId: fresh.terminalId, reason: '' }],
      ['auth.login', { username: 'admin', password: ADMIN_PASSWORD, userId: fresh.adminUserId }],
    ] as const;
    for (const [channel, input] of bad) expectError(await admin.invoke(channel, input), 'VALIDATION_FAILED');
    expect(lastAuditSeq(fresh.app)).toBe(before);
    expect(value<unknown[]>(await admin.invoke('users.list', {})).length).toBe(usersBefore);
    expect(progressEvents).toBe(0);
    // The spy works: a valid call does run the handler.
    const ok = await admin.invoke('audit.verify', {});
    expect(ok).toMatchObject({ ok: true, value: { intact: true, rowsChecked: lastAuditSeq(fresh.app) } });
    expect(progressEvents).toBeGreaterThan(0);
    stop();
  });

  it('malformed input to a public channel → VALIDATION_FAILED too', async () => {
    const anonymous = fresh.app.connect();
    expectError(await anonymous.invoke('system.info', { extra: true }), 'VALIDATION_FAILED');
    expectError(await anonymous.invoke('system.health', 'now'), 'VALIDATION_FAILED');
    expectError(await anonymous.invoke('auth.login', { username: 'admin' }), 'VALIDATION_FAILED');
  });

  it('a permission failure is reported before the input is looked at', async () => {
    expectError(await fresh.app.connect().invoke('audit.verify', { x: 1 }), 'UNAUTHENTICATED');
    expectError(await connectionFor(['operator']).invoke('audit.verify', 'junk'), 'FORBIDDEN');
  });

  it('every channel, called straight through dispatch with malformed input, never reaches its handler', async () => {
    const spies = Object.fromEntries(channelNames.map((name) => [name, vi.fn()])) as unknown as Record<
      ChannelName,
      ReturnType<typeof vi.fn>
    >;
    const session: SessionRecord = {
      userId: 'u-1',
      username: 'everyone',
      fullName: 'Every Role',
      roles: [...roles],
      state: 'active',
      passwordChangeReason: null,
      lastActivityMs: 0,
    };
    for (const name of channelNames) {
      for (const input of [JUNK, null, 'x', [], 7, undefined]) {
        // `undefined` is fine for channels whose input defaults; everything else must be refused.
        const result = await dispatch(spies as unknown as ChannelHandlers, name, input, {
          connectionId: 'c-1',
          session,
        });
        expectError(result, 'VALIDATION_FAILED');
      }
    }
    for (const name of channelNames) expect(spies[name], name).not.toHaveBeenCalled();
  });
});

describe('every channel in the contract (generated)', () => {
  it('the contract has public, authenticated and permission channels, each with a description', () => {
    expect(channelNames.length).toBeGreaterThanOrEqual(20);
    const kinds = new Set(channelNames.map((name) => realPermission(name) ?? channels[name].permission));
    expect(kinds).toContain('public');
    expect(kinds).toContain('authenticated');
    expect([...kinds].some((kind) => kind !== 'public' && kind !== 'authenticated')).toBe(true);
    for (const name of channelNames) expect(channels[name].description.length, name).toBeGreaterThan(10);
  });

  it('for every permission some role lacks it (else the channel should say `authenticated`)', () => {
    // Reported: channels whose permission every role holds cannot be tested for FORBIDDEN.
    expect(noRoleLacks).toEqual([]);
  });

  for (const name of channelNames) {
    const definition = channels[name];
    const permission = realPermission(name);
    if (definition.permission === 'public') {
      it(`${name} (public) passes the gate without a session: only its input is checked`, async () => {
        const anonymous = fresh.app.connect();
        expectError(await anonymous.invoke(name, JUNK), 'VALIDATION_FAILED');
      });
      continue;
    }
    it(`${name} (${definition.permission}) → UNAUTHENTICATED without a session, whatever the input`, async () => {
      const anonymous = fresh.app.connect();
      expectError(await anonymous.invoke(name, {}), 'UNAUTHENTICATED');
      expectError(await anonymous.invoke(name, JUNK), 'UNAUTHENTICATED');
      // A window cannot name a user to act as.
      expectError(await anonymous.invoke(name, { userId: fresh.adminUserId }), 'UNAUTHENTICATED');
    });
    if (!permission) {
      it(`${name} (authenticated) passes the gate for every role`, async () => {
        for (const role of roles)
          expectError(await connectionFor([role]).invoke(name, JUNK), 'VALIDATION_FAILED');
      });
      continue;
    }
    const lacking = rolesLacking(permission);
    it(`${name} (${permission}) → FORBIDDEN for every role lacking it, alone and together`, async () => {
      const firstLacking = lacking[0]!;
      const refused = expectError(await connectionFor([firstLacking]).invoke(name, {}), 'FORBIDDEN');
      expect(refused.details).toEqual({ permission });
      expectError(await connectionFor([firstLacking]).invoke(name, JUNK), 'FORBIDDEN');
      for (const role of lacking) expectError(await connectionFor([role]).invoke(name, {}), 'FORBIDDEN');
      // All the lacking roles together still lack it.
      expectError(await connectionFor(lacking).invoke(name, {}), 'FORBIDDEN');
    });
    it(`${name} (${permission}) passes the gate for exactly the roles the table grants it to`, async () => {
      const granting = roles.filter((role) => rolesGrant([role], permission));
      expect(granting.length).toBeGreaterThan(0);
      for (const role of granting)
        expectError(await connectionFor([role]).invoke(name, JUNK), 'VALIDATION_FAILED');
    });
  }
});

describe('session states (generated)', () => {
  /** Channels that answer in a state: the public ones and those whose `allowedIn` names it. */
  const answersIn = (state: 'locked' | 'password-change-required') =>
    channelNames.filter(
      (name) => channels[name].permission === 'public' || (channels[name].allowedIn ?? []).includes(state),
    );
  const gated = (state: 'locked' | 'password-change-required') =>
    channelNames.filter((name) => !answersIn(state).includes(name));

  async function expectStateGate(
    connection: Connection,
    state: 'locked' | 'password-change-required',
    code: 'SESSION_LOCKED' | 'PASSWORD_CHANGE_REQUIRED',
  ) {
    const results: [ChannelName, Result<unknown>][] = [];
    for (const name of channelNames) results.push([name, await connection.invoke(name, JUNK)]);
    for (const [name, result] of results) {
      // JUNK never passes validation: VALIDATION_FAILED proves the gate let the call through.
      expectError(result, answersIn(state).includes(name) ? 'VALIDATION_FAILED' : code);
    }
    for (const name of gated(state)) expectError(await connection.invoke(name, {}), code);
    // The session is untouched by all of this.
    expect(value<SessionView>(await connection.invoke('auth.session', {})).state).toBe(state);
  }

  it('the non-public channels that answer in each state are exactly the documented ones', () => {
    const nonPublic = (state: 'locked' | 'password-change-required') =>
      answersIn(state).filter((name) => channels[name].permission !== 'public');
    expect(nonPublic('locked')).toEqual(['auth.unlock']);
    expect(nonPublic('password-change-required')).toEqual(['auth.changePassword']);
    for (const name of ['auth.logout', 'auth.session'] as const)
      expect(channels[name].permission).toBe('public');
  });

  it('a locked session gets SESSION_LOCKED everywhere except auth.unlock, auth.logout, auth.session and public channels', async () => {
    // An administrator, so that no refusal below can be a missing permission.
    const { connection } = await signIn(fresh.app, 'admin', ADMIN_PASSWORD);
    expect(value<SessionView>(await connection.invoke('auth.lock', {})).state).toBe('locked');
    await expectStateGate(connection, 'locked', 'SESSION_LOCKED');
    const view = value<SessionView>(await connection.invoke('auth.unlock', { password: ADMIN_PASSWORD }));
    expect(view.state).toBe('active');
    expect(value<unknown[]>(await connection.invoke('users.list', {})).length).toBeGreaterThan(0);
    value(await connection.invoke('auth.logout', {}));
  });

  it('a password-change-required session gets PASSWORD_CHANGE_REQUIRED everywhere except auth.changePassword, auth.logout and public channels', async () => {
    await createUser(admin, 'new.admin', [...roles]);
    const { connection, session } = await signIn(fresh.app, 'new.admin', TEMPORARY_PASSWORD);
    expect(session).toMatchObject({
      state: 'password-change-required',
      passwordChangeReason: 'first-sign-in',
    });
    await expectStateGate(connection, 'password-change-required', 'PASSWORD_CHANGE_REQUIRED');
    // Locking is not a way around the change either.
    expectError(await connection.invoke('auth.lock', {}), 'PASSWORD_CHANGE_REQUIRED');
    const view = value<SessionView>(
      await connection.invoke('auth.changePassword', {
        currentPassword: TEMPORARY_PASSWORD,
        newPassword: 'Brand-New-Secret-5',
      }),
    );
    expect(view.state).toBe('active');
    expect(value<unknown[]>(await connection.invoke('users.list', {})).length).toBeGreaterThan(0);
  });
});
