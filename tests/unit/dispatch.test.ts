/**
 * The IPC gate: a known channel, a session and its permission (from the session the main process
 * holds), then the input schema. Nothing malformed or unauthorised reaches a service, and errors
 * cross as plain `{code, message, details?}` objects from the closed set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, channels } from '../../shared/contract/channels';
import type { Session } from '../../shared/contract/session';
import { errorCodes, type EbrErrorData, type Result } from '../../shared/errors';
import type { Role } from '../../shared/permissions';
import { freshApp, type FreshApp } from '../helpers/fresh-app';

let fresh: FreshApp;
let progressEvents = 0;

beforeAll(async () => {
  fresh = await freshApp();
  fresh.app.events.on('audit.verify-progress', () => {
    progressEvents += 1;
  });
});

afterAll(async () => {
  await fresh.cleanup();
});

const sessionWith = (roles: readonly Role[]): Session => ({
  userId: 'u-test',
  username: 'tester',
  fullName: 'Terry Tester',
  roles,
});

function expectPlainError(result: Result<unknown>, code: EbrErrorData['code']): EbrErrorData {
  expect(result.ok).toBe(false);
  const error = (result as { ok: false; error: EbrErrorData }).error;
  expect(error.code).toBe(code);
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

describe('dispatch', () => {
  it('an unknown channel → UNKNOWN_CHANNEL', async () => {
    expectPlainError(await fresh.app.invoke('system.reboot', {}, fresh.adminSession), 'UNKNOWN_CHANNEL');
    expectPlainError(await fresh.app.invoke('__proto__', {}, fresh.adminSession), 'UNKNOWN_CHANNEL');
    expectPlainError(await fresh.app.invoke('toString', {}, fresh.adminSession), 'UNKNOWN_CHANNEL');
    expectPlainError(
      await fresh.app.invoke(42 as unknown as string, {}, fresh.adminSession),
      'UNKNOWN_CHANNEL',
    );
  });

  it('audit.verify without a session → UNAUTHENTICATED', async () => {
    expectPlainError(await fresh.app.invoke('audit.verify', {}, null), 'UNAUTHENTICATED');
  });

  it('audit.verify with roles that lack the permission → FORBIDDEN', async () => {
    const error = expectPlainError(
      await fresh.app.invoke('audit.verify', {}, sessionWith(['operator'])),
      'FORBIDDEN',
    );
    expect(error.details).toEqual({ permission: 'audit.verify' });
    expectPlainError(
      await fresh.app.invoke('audit.verify', {}, sessionWith(['operator', 'supervisor', 'technician'])),
      'FORBIDDEN',
    );
  });

  it('a session with a role the permission table does not know → FORBIDDEN, not a thrown error', async () => {
    const result = await fresh.app.invoke('audit.verify', {}, sessionWith(['superuser' as Role]));
    expectPlainError(result, 'FORBIDDEN');
    expectPlainError(
      await fresh.app.invoke('audit.verify', {}, sessionWith(['constructor' as Role])),
      'FORBIDDEN',
    );
  });

  it('malformed input → VALIDATION_FAILED, and the handler never ran', async () => {
    progressEvents = 0;
    for (const input of [{ x: 1 }, null, 'audit', undefined, [], 7]) {
      const error = expectPlainError(
        await fresh.app.invoke('audit.verify', input, fresh.adminSession),
        'VALIDATION_FAILED',
      );
      expect(Array.isArray(error.details?.issues)).toBe(true);
    }
    expect(progressEvents).toBe(0);
    // The spy works: a valid call does run the handler.
    const ok = await fresh.app.invoke('audit.verify', {}, fresh.adminSession);
    expect(ok).toMatchObject({ ok: true, value: { intact: true, rowsChecked: 3 } });
    expect(progressEvents).toBeGreaterThan(0);
  });

  it('malformed input to a public channel → VALIDATION_FAILED too', async () => {
    expectPlainError(await fresh.app.invoke('system.info', { extra: true }, null), 'VALIDATION_FAILED');
    expectPlainError(await fresh.app.invoke('system.health', 'now', null), 'VALIDATION_FAILED');
  });

  it('a permission failure is reported before the input is looked at', async () => {
    expectPlainError(await fresh.app.invoke('audit.verify', { x: 1 }, null), 'UNAUTHENTICATED');
    expectPlainError(await fresh.app.invoke('audit.verify', 'junk', sessionWith(['operator'])), 'FORBIDDEN');
  });
});

describe('every channel in the contract (generated)', () => {
  it('the contract has channels of both kinds', () => {
    expect(channelNames.length).toBeGreaterThanOrEqual(3);
    expect(channelNames.some((name) => channels[name].permission === 'public')).toBe(true);
    expect(channelNames.some((name) => channels[name].permission !== 'public')).toBe(true);
  });

  for (const name of channelNames) {
    const definition = channels[name];
    if (definition.permission === 'public') {
      it(`${name} (public) answers {} without a session`, async () => {
        const result = await fresh.app.invoke(name, {}, null);
        expect(result).toMatchObject({ ok: true });
      });
    } else {
      it(`${name} (${definition.permission}) → UNAUTHENTICATED without a session, FORBIDDEN with no roles`, async () => {
        expectPlainError(await fresh.app.invoke(name, {}, null), 'UNAUTHENTICATED');
        expectPlainError(await fresh.app.invoke(name, {}, sessionWith([])), 'FORBIDDEN');
      });
    }
  }
});
