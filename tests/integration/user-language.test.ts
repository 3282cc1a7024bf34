/**
 * A language per user (issue 16, item 4): chosen on the sign-in screen, stored with the user (the
 * change audited with the sign-in), kept for later sign-ins, carried by the session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../../electron/core/audit/verifier';
import type { SessionView } from '../../shared/contract/identity';
import { freshApp, type FreshApp } from '../helpers/fresh-app';
import {
  activeUser,
  auditRowsAfter,
  expectError,
  json,
  lastAuditSeq,
  USER_PASSWORD,
  value,
} from '../helpers/identity';

let fresh: FreshApp;

beforeAll(async () => {
  fresh = await freshApp();
  await activeUser(fresh.app, await fresh.admin(), 'olga', ['operator']);
}, 60_000);
afterAll(() => fresh.cleanup());

const login = async (language?: string) => {
  const connection = fresh.app.connect();
  const result = await connection.invoke('auth.login', {
    username: 'olga',
    password: USER_PASSWORD,
    ...(language === undefined ? {} : { language }),
  });
  return { connection, result };
};

const storedLanguage = () =>
  fresh.app.runtime!.store.sqlite.prepare("SELECT language FROM users WHERE username = 'olga'").pluck().get();

describe('the language a person works in', () => {
  it('is the terminal’s (none stored) until the person chooses one', async () => {
    const { result } = await login();
    expect(value<SessionView>(result).user.language).toBeNull();
    expect(storedLanguage()).toBeNull();
  });

  it('is stored with the user when chosen at sign-in, the change audited with the sign-in', async () => {
    const before = lastAuditSeq(fresh.app);
    const { connection, result } = await login('de');
    expect(value<SessionView>(result).user.language).toBe('de');
    expect(storedLanguage()).toBe('de');
    const row = auditRowsAfter(fresh.app, before).find((r) => r.action === 'auth.login')!;
    expect(json(row.old_value)).toEqual({ language: null });
    expect(json(row.new_value)).toMatchObject({ language: 'de' });
    // The session carries it: asking again answers the same.
    expect(value<SessionView>(await connection.invoke('auth.session', {})).user.language).toBe('de');
  });

  it('stays for later sign-ins that choose nothing, and records no change when the same is chosen', async () => {
    expect(value<SessionView>((await login()).result).user.language).toBe('de');
    const before = lastAuditSeq(fresh.app);
    expect(value<SessionView>((await login('de')).result).user.language).toBe('de');
    const row = auditRowsAfter(fresh.app, before).find((r) => r.action === 'auth.login')!;
    expect(row.old_value).toBeNull();
    expect(json(row.new_value)).not.toHaveProperty('language');
  });

  it('refuses a language the workstation does not speak, and keeps the stored one', async () => {
    const error = expectError((await login('fr')).result, 'VALIDATION_FAILED');
    expect(JSON.stringify(error)).toContain('language');
    expect(storedLanguage()).toBe('de');
    expect(value<SessionView>((await login('en')).result).user.language).toBe('en');
    const runtime = fresh.app.runtime!;
    const report = verifyAuditTrail({
      sqlite: runtime.store.sqlite,
      trustedPublicKeys: runtime.trustedPublicKeys(),
      headMirror: runtime.headMirror(),
    });
    expect(report).toMatchObject({ intact: true, firstBreak: null });
  });
});
