/**
 * P11-300b (passwords periodically checked and aged) and P11-10d: every rule of the password
 * policy, first as the pure function shared by the core and the forms, then through the services:
 * history of the last N, expiry after D days, forced change after an administrator's reset and at
 * first sign-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/app';
import type { SessionView, UserSummary } from '../../shared/contract/identity';
import {
  defaultSecuritySettings,
  passwordPolicyViolations,
  type PasswordPolicy,
} from '../../shared/security-settings';
import { ADMIN_PASSWORD, freshApp, signIn, type FreshApp } from '../helpers/fresh-app';
import {
  auditRowsAfter,
  createUser,
  expectError,
  json,
  lastAuditSeq,
  TEMPORARY_PASSWORD,
  updateSettings,
  value,
} from '../helpers/identity';

const policy = (overrides: Partial<PasswordPolicy> = {}): PasswordPolicy => ({
  minLength: 8,
  requiredClasses: 1,
  forbidUsername: false,
  historyCount: 0,
  expiryDays: 0,
  ...overrides,
});

describe('passwordPolicyViolations', () => {
  describe('minimum length, counted in code points', () => {
    it('accepts exactly the minimum and refuses one less', () => {
      expect(passwordPolicyViolations(policy({ minLength: 10 }), 'abcdefghij', 'someone')).toEqual([]);
      expect(passwordPolicyViolations(policy({ minLength: 10 }), 'abcdefghi', 'someone')).toEqual([
        'Use at least 10 characters.',
      ]);
      expect(passwordPolicyViolations(policy({ minLength: 12 }), '', 'someone')).toContain(
        'Use at least 12 characters.',
      );
    });

    it('counts a character outside the BMP once, not as two UTF-16 units', () => {
      const nineEmoji = '😀'.repeat(9); // .length is 18
      expect(nineEmoji.length).toBe(18);
      expect(passwordPolicyViolations(policy({ minLength: 10 }), nineEmoji, 'someone')).toContain(
        'Use at least 10 characters.',
      );
      expect(passwordPolicyViolations(policy({ minLength: 10 }), `${nineEmoji}😀`, 'someone')).not.toContain(
        'Use at least 10 characters.',
      );
      // Accented letters and CJK are one code point each.
      expect(passwordPolicyViolations(policy({ minLength: 8 }), 'ÄÖÜäöüßé', 'someone')).toEqual([]);
      expect(passwordPolicyViolations(policy({ minLength: 8 }), '密码密码密码密', 'someone')).toContain(
        'Use at least 8 characters.',
      );
    });
  });

  describe('required character classes (lowercase, uppercase, digit, symbol)', () => {
    // Each sample uses exactly `classes` of the four classes and is long enough.
    const samples: Record<number, string[]> = {
      1: ['abcdefghijkl', 'ABCDEFGHIJKL', '123456789012', '!@#$%^&*()-_'],
      2: ['abcdefABCDEF', 'abcdef123456', 'ABCDEF!!!!!!', '123456------'],
      3: ['abcDEF123456', 'abcDEF!!!!!!', 'abc123!!!!!!', 'ABC123!!!!!!'],
      4: ['abcDEF123!!!', 'Batch-Record-2026!'],
    };

    for (const required of [1, 2, 3, 4]) {
      it(`requiredClasses ${required}: passwords with fewer classes are refused, with as many or more accepted`, () => {
        for (const [classes, passwords] of Object.entries(samples)) {
          for (const password of passwords) {
            const violations = passwordPolicyViolations(
              policy({ minLength: 8, requiredClasses: required }),
              password,
              'someone',
            );
            if (Number(classes) >= required) expect(violations, password).toEqual([]);
            else
              expect(violations, password).toEqual([
                `Use at least ${required} of: lowercase letters, uppercase letters, digits, symbols.`,
              ]);
          }
        }
      });
    }

    it('classes are Unicode-aware: accented capitals, non-Latin lowercase, other digits, spaces as symbols', () => {
      const four = policy({ minLength: 8, requiredClasses: 4 });
      expect(passwordPolicyViolations(four, 'ÉCOLEécole٣ ', 'someone')).toEqual([]);
      expect(passwordPolicyViolations(policy({ requiredClasses: 2 }), 'ΑΒΓΔαβγδ', 'someone')).toEqual([]);
      // Letters without case (CJK) count as no class at all: such a password needs other classes.
      expect(
        passwordPolicyViolations(policy({ requiredClasses: 1 }), '密码密码密码密码', 'someone'),
      ).toHaveLength(1);
      expect(passwordPolicyViolations(policy({ requiredClasses: 2 }), '密码密码密码12!', 'someone')).toEqual(
        [],
      );
    });
  });

  describe('not containing the username', () => {
    const forbid = policy({ minLength: 8, requiredClasses: 1, forbidUsername: true });

    it('refuses the username anywhere in the password, in any case', () => {
      for (const password of ['jsmith-2026!', 'xxJSmithxx', 'JSMITH12345', 'Summer-jSmItH']) {
        expect(passwordPolicyViolations(forbid, password, 'jsmith'), password).toEqual([
          'Do not include your username.',
        ]);
      }
      // The username given in capitals is compared case-insensitively too.
      expect(passwordPolicyViolations(forbid, 'my-jsmith-pass', 'JSmith')).toEqual([
        'Do not include your username.',
      ]);
    });

    it('accepts a password that only shares part of the username', () => {
      expect(passwordPolicyViolations(forbid, 'jsmit-h-2026', 'jsmith')).toEqual([]);
      expect(passwordPolicyViolations(forbid, 'smith-and-co', 'jsmith')).toEqual([]);
    });

    it('with forbidUsername off, the username may appear', () => {
      expect(passwordPolicyViolations(policy({ forbidUsername: false }), 'jsmith-2026!', 'jsmith')).toEqual(
        [],
      );
    });
  });

  it('reports every broken rule at once, one message each', () => {
    const strict = policy({ minLength: 16, requiredClasses: 4, forbidUsername: true });
    expect(passwordPolicyViolations(strict, 'operator1', 'operator')).toEqual([
      'Use at least 16 characters.',
      'Use at least 4 of: lowercase letters, uppercase letters, digits, symbols.',
      'Do not include your username.',
    ]);
  });

  it('the defaults: 10 characters, 3 classes, no username, 5 remembered, 90 days', () => {
    expect(defaultSecuritySettings.passwordPolicy).toEqual({
      minLength: 10,
      requiredClasses: 3,
      forbidUsername: true,
      historyCount: 5,
      expiryDays: 90,
    });
    const defaults = defaultSecuritySettings.passwordPolicy;
    expect(passwordPolicyViolations(defaults, 'Granary-Scale-7', 'olga')).toEqual([]);
    expect(passwordPolicyViolations(defaults, 'granary-scale', 'olga')).toHaveLength(1);
    expect(passwordPolicyViolations(defaults, 'Olga-Scale-77', 'olga')).toEqual([
      'Do not include your username.',
    ]);
  });
});

describe('the policy through the services', () => {
  let fresh: FreshApp;
  let admin: Connection;
  const DAY = 24 * 60 * 60 * 1000;

  /** The administrator's window; unlocks itself when the clock moved past the lock timeout. */
  async function asAdmin(channel: string, input: unknown) {
    let result = await admin.invoke(channel, input);
    if (!result.ok && result.error.code === 'SESSION_LOCKED') {
      value(await admin.invoke('auth.unlock', { password: ADMIN_PASSWORD }));
      result = await admin.invoke(channel, input);
    }
    return result;
  }

  /** After the clock jumped, the administrator's window is locked like any other: unlock it. */
  async function wakeAdmin() {
    const session = value<SessionView>(await admin.invoke('auth.session', {}));
    if (session.state === 'locked') value(await admin.invoke('auth.unlock', { password: ADMIN_PASSWORD }));
  }

  async function changeOwnPassword(connection: Connection, currentPassword: string, newPassword: string) {
    return connection.invoke('auth.changePassword', { currentPassword, newPassword });
  }

  beforeAll(async () => {
    fresh = await freshApp();
    admin = await fresh.admin();
    // Two remembered passwords; expiry after 30 days.
    await updateSettings(admin, (settings) => ({
      ...settings,
      passwordPolicy: { ...settings.passwordPolicy, historyCount: 2, expiryDays: 30 },
    }));
  });

  afterAll(async () => {
    await fresh.cleanup();
  });

  it('users.create and users.resetPassword apply the policy to the temporary password', async () => {
    const refused = expectError(
      await asAdmin('users.create', {
        username: 'weakling',
        fullName: 'Wes Weakling',
        roles: ['operator'],
        temporaryPassword: 'short',
        reason: 'New starter',
      }),
      'PASSWORD_POLICY',
    );
    expect(refused.details?.violations).toEqual(expect.arrayContaining(['Use at least 10 characters.']));
    expectError(
      await asAdmin('users.create', {
        username: 'weakling',
        fullName: 'Wes Weakling',
        roles: ['operator'],
        temporaryPassword: 'Weakling-Pass-1',
        reason: 'New starter',
      }),
      'PASSWORD_POLICY',
    );
    const list = value<UserSummary[]>(await asAdmin('users.list', {}));
    expect(list.some((user) => user.username === 'weakling')).toBe(false);
  });

  it('first sign-in requires a change (reason first-sign-in), which the policy checks', async () => {
    await createUser(admin, 'fiona', ['operator']);
    const { connection, session } = await signIn(fresh.app, 'fiona', TEMPORARY_PASSWORD);
    expect(session).toMatchObject({
      state: 'password-change-required',
      passwordChangeReason: 'first-sign-in',
    });
    const weak = expectError(
      await changeOwnPassword(connection, TEMPORARY_PASSWORD, 'fiona-pass-2026'),
      'PASSWORD_POLICY',
    );
    expect(weak.details?.violations).toEqual(['Do not include your username.']);
    // The temporary password itself is in the history.
    expectError(
      await changeOwnPassword(connection, TEMPORARY_PASSWORD, TEMPORARY_PASSWORD),
      'PASSWORD_POLICY',
    );
    const changed = value<SessionView>(
      await changeOwnPassword(connection, TEMPORARY_PASSWORD, 'Fresh-Start-2026'),
    );
    expect(changed).toMatchObject({ state: 'active', passwordChangeReason: null });
    // Signed in again: no change required any more.
    const again = await signIn(fresh.app, 'fiona', 'Fresh-Start-2026');
    expect(again.session.state).toBe('active');
  });

  it('history: none of the last N (here 2) may be reused; the (N+1)-th back is accepted after N changes', async () => {
    const first = 'History-Pass-01';
    const second = 'History-Pass-02';
    await createUser(admin, 'hector', ['operator']);
    const { connection } = await signIn(fresh.app, 'hector', TEMPORARY_PASSWORD, first);
    // History now: temporary, first. The current password and the one before are both refused.
    for (const reused of [first, TEMPORARY_PASSWORD]) {
      const error = expectError(await changeOwnPassword(connection, first, reused), 'PASSWORD_POLICY');
      expect(error.details?.violations).toEqual(['Do not reuse any of your last 2 passwords.']);
    }
    value(await changeOwnPassword(connection, first, second));
    // History: temporary, first, second. The last two are refused; the temporary one is third back.
    for (const reused of [second, first])
      expectError(await changeOwnPassword(connection, second, reused), 'PASSWORD_POLICY');
    value(await changeOwnPassword(connection, second, TEMPORARY_PASSWORD));
    // A refused reuse counts as no failure: the account is not locked by it.
    const hector = value<UserSummary[]>(await asAdmin('users.list', {})).find(
      (user) => user.username === 'hector',
    )!;
    expect(hector.locked).toBe(false);
    const rows = auditRowsAfter(fresh.app).filter(
      (row) => row.entity_id === hector.id && row.action === 'auth.password-changed',
    );
    expect(rows).toHaveLength(3);
  });

  it('with historyCount 0 the current password still cannot be "changed" to itself', async () => {
    await updateSettings(admin, (settings) => ({
      ...settings,
      passwordPolicy: { ...settings.passwordPolicy, historyCount: 0 },
    }));
    try {
      await createUser(admin, 'zero', ['operator']);
      const { connection } = await signIn(fresh.app, 'zero', TEMPORARY_PASSWORD, 'Quiet-Harbor-01');
      const error = expectError(
        await changeOwnPassword(connection, 'Quiet-Harbor-01', 'Quiet-Harbor-01'),
        'PASSWORD_POLICY',
      );
      expect(error.details?.violations).toEqual(['Choose a password different from the current one.']);
      // …but the one before may come back at once.
      value(await changeOwnPassword(connection, 'Quiet-Harbor-01', TEMPORARY_PASSWORD));
    } finally {
      await updateSettings(admin, (settings) => ({
        ...settings,
        passwordPolicy: { ...settings.passwordPolicy, historyCount: 2 },
      }));
    }
  });

  it('an administrator reset forces a change at next sign-in (reason reset), audited with the reason', async () => {
    const user = await createUser(admin, 'rita', ['operator']);
    const { connection: old } = await signIn(fresh.app, 'rita', TEMPORARY_PASSWORD, 'Amber-Lantern-1');
    const before = lastAuditSeq(fresh.app);
    const summary = value<UserSummary>(
      await asAdmin('users.resetPassword', {
        userId: user.id,
        temporaryPassword: 'Reset-Temporary-9',
        reason: 'Forgot her password (ticket 4711)',
      }),
    );
    expect(summary.mustChangePassword).toBe(true);
    const [row] = auditRowsAfter(fresh.app, before);
    expect(row).toMatchObject({
      action: 'user.password-reset',
      entity_id: user.id,
      user_id: fresh.adminUserId,
      reason: 'Forgot her password (ticket 4711)',
    });
    expect(json(row!.new_value)).toEqual({ mustChangePassword: true });
    // The old password no longer works; the temporary one needs changing first.
    expectError(
      await old.invoke('auth.login', { username: 'rita', password: 'Amber-Lantern-1' }),
      'INVALID_CREDENTIALS',
    );
    const { connection, session } = await signIn(fresh.app, 'rita', 'Reset-Temporary-9');
    expect(session).toMatchObject({ state: 'password-change-required', passwordChangeReason: 'reset' });
    expectError(await connection.invoke('users.list', {}), 'PASSWORD_CHANGE_REQUIRED');
    expectError(
      await changeOwnPassword(connection, 'Reset-Temporary-9', 'Reset-Temporary-9'),
      'PASSWORD_POLICY',
    );
    expect(
      value<SessionView>(await changeOwnPassword(connection, 'Reset-Temporary-9', 'Amber-Lantern-2')).state,
    ).toBe('active');
    expect(
      value<UserSummary[]>(await asAdmin('users.list', {})).find((candidate) => candidate.id === user.id)
        ?.mustChangePassword,
    ).toBe(false);
  });

  it('expiry: past expiryDays the next sign-in requires a change (reason expired); before it does not', async () => {
    const user = await createUser(admin, 'edgar', ['operator']);
    await signIn(fresh.app, 'edgar', TEMPORARY_PASSWORD, 'Copper-Kettle-1');
    const changedAt = fresh.clock.now();
    const summary = value<UserSummary[]>(await asAdmin('users.list', {})).find(
      (candidate) => candidate.id === user.id,
    )!;
    expect(summary.passwordExpiresAtUtc).toBe(new Date(changedAt + 30 * DAY).toISOString());

    fresh.clock.advance(30 * DAY - 60_000);
    const early = await signIn(fresh.app, 'edgar', 'Copper-Kettle-1');
    expect(early.session).toMatchObject({
      state: 'active',
      passwordExpiresAtUtc: summary.passwordExpiresAtUtc,
    });
    value(await early.connection.invoke('auth.logout', {}));

    fresh.clock.advance(60_000);
    const expired = await signIn(fresh.app, 'edgar', 'Copper-Kettle-1');
    expect(expired.session).toMatchObject({
      state: 'password-change-required',
      passwordChangeReason: 'expired',
    });
    expectError(await expired.connection.invoke('auth.lock', {}), 'PASSWORD_CHANGE_REQUIRED');
    expectError(
      await changeOwnPassword(expired.connection, 'Copper-Kettle-1', 'Copper-Kettle-1'),
      'PASSWORD_POLICY',
    );
    const renewed = value<SessionView>(
      await changeOwnPassword(expired.connection, 'Copper-Kettle-1', 'Copper-Kettle-2'),
    );
    expect(renewed.state).toBe('active');
    expect(renewed.passwordExpiresAtUtc).toBe(new Date(fresh.clock.now() + 30 * DAY).toISOString());
    expect((await signIn(fresh.app, 'edgar', 'Copper-Kettle-2')).session.state).toBe('active');
  });

  it('expiryDays 0: passwords never expire', async () => {
    await wakeAdmin();
    await updateSettings(admin, (settings) => ({
      ...settings,
      passwordPolicy: { ...settings.passwordPolicy, expiryDays: 0 },
    }));
    const user = await createUser(admin, 'nora', ['operator']);
    await signIn(fresh.app, 'nora', TEMPORARY_PASSWORD, 'Silver-Birch-1');
    fresh.clock.advance(400 * DAY);
    const later = await signIn(fresh.app, 'nora', 'Silver-Birch-1');
    expect(later.session).toMatchObject({ state: 'active', passwordExpiresAtUtc: null });
    const summary = value<UserSummary[]>(await asAdmin('users.list', {})).find(
      (candidate) => candidate.id === user.id,
    )!;
    expect(summary.passwordExpiresAtUtc).toBeNull();
  });
});
