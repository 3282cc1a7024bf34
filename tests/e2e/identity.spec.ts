import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createApp } from '../../electron/core/app';
import { verifyAuditTrail } from '../../electron/core/audit/verifier';
import { manualClock } from '../../electron/core/clock';
import { recoveryKeyProvider } from '../../electron/core/keys/recovery-key';
import { openWorkstationPage } from '../harness/bridge';
import { temporaryFolder, TEST_START_MS } from '../helpers/fresh-app';
import { memoryKeyProvider } from '../helpers/memory-key-provider';
import { collectPageErrors, cspViolations, recordCspViolations, saveScreenshot } from './support';

const ADMIN = {
  username: 'ada.admin',
  fullName: 'Ada Administrator',
  password: 'Correct-Horse-9',
  newPassword: 'Batch-Record-2026!',
};
const OPERATOR = {
  username: 'olga.op',
  fullName: 'Olga Operator',
  temporaryPassword: 'Temp-Granule-4821',
  newPassword: 'Weigh-Station-77',
  reason: 'New starter on the granulation line (training record TR-2231)',
};
const SUPERVISOR = {
  username: 'sam.super',
  fullName: 'Sam Supervisor',
  temporaryPassword: 'Temp-Shift-7314',
  reason: 'Shift supervisor for granulation, replaces J. Doe',
};
const TERMINAL = { name: 'WS-GRAN-01', location: 'Granulation suite, room 2.14' };
const UNLOCK_REASON = 'Identity confirmed in person; the failed attempts were her own typing';
const ACKNOWLEDGEMENT = 'Spoke to Olga Operator: she mistyped after the shift change. No intrusion.';
const MIN_LENGTH = 12;
const SETTINGS_REASON = 'Minimum length raised to 12 per IT security standard SOP-IT-014 rev. 3';
const REVOKE_REASON = 'Terminal moved to the warehouse; out of GMP use until requalified';
const REGISTER_REASON = 'Requalified after the move (IQ/OQ report QR-0457); fingerprint compared on site';
const LOCK_AFTER_MS = 5 * 60_000; // the default lock timeout (sessionLockMinutes 5)

async function signIn(page: Page, username: string, password: string): Promise<void> {
  const form = page.getByTestId('login-screen');
  await form.getByTestId('login-username').fill(username);
  await form.getByTestId('login-password').fill(password);
  await form.getByTestId('login-submit').click();
  // Answered: either the sign-in screen is gone, or it emptied the password and shows why.
  await page.waitForFunction(() => {
    const screen = document.querySelector('[data-testid="login-screen"]');
    const password = screen?.querySelector<HTMLInputElement>('[data-testid="login-password"]');
    const submit = screen?.querySelector<HTMLButtonElement>('[data-testid="login-submit"]');
    return !screen || (password?.value === '' && submit?.disabled === false);
  });
}

async function changePassword(page: Page, current: string, next: string): Promise<void> {
  const screen = page.getByTestId('password-change-screen');
  await screen.getByTestId('current-password').fill(current);
  await screen.getByTestId('new-password').fill(next);
  await screen.getByTestId('repeat-password').fill(next);
  await expect(screen.locator('[data-met="false"]')).toHaveCount(0);
}

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out-button').click();
  await expect(page.getByTestId('login-screen')).toBeVisible();
}

async function openNav(page: Page, label: string): Promise<void> {
  await page.getByTestId('navigation').getByRole('link', { name: label }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(label);
}

async function createUser(
  page: Page,
  user: { username: string; fullName: string; temporaryPassword: string; reason: string },
  role: string,
  screenshot?: () => Promise<void>,
): Promise<void> {
  await page.getByTestId('create-user').click();
  const dialog = page.getByTestId('create-user-dialog');
  await dialog.getByTestId('new-username').fill(user.username);
  await dialog.getByTestId('new-full-name').fill(user.fullName);
  await dialog.getByTestId(`role-${role}`).check();
  await dialog.getByTestId('temporary-password').fill(user.temporaryPassword);
  await dialog.getByTestId('reason').fill(user.reason);
  await expect(dialog.locator('[data-met="false"]')).toHaveCount(0);
  if (screenshot) await screenshot();
  await dialog.getByTestId('dialog-submit').click();
  await expect(page.getByTestId('flash')).toHaveText(`✓User ${user.username} created.`);
  await expect(dialog).toHaveCount(0);
}

test('identity end to end: first-run setup, sign-in, forced change, users, lockout with alert, unlock, inactivity lock, audited', async ({
  context,
}) => {
  test.setTimeout(180_000);
  const root = temporaryFolder('ebr-e2e-identity-');
  const dataDir = path.join(root, 'data');
  const clock = manualClock(TEST_START_MS);
  let app = await createApp({ dataDir, keyProvider: memoryKeyProvider(), clock, sessionCheckIntervalMs: 0 });
  try {
    expect(app.status).toBe('setup-required');
    await recordCspViolations(context);
    const { page, close } = await openWorkstationPage(context, { app });
    const errors = collectPageErrors(page);
    let shots = 0;
    const shot = (name: string, options?: { fullPage: boolean }) =>
      saveScreenshot(page, `identity-${String((shots += 1)).padStart(2, '0')}-${name}`, options);

    // ---- First-run setup, step 1: the first administrator, with live policy feedback ----------------
    const wizard = page.getByTestId('setup-wizard');
    await expect(wizard).toHaveAttribute('data-step', '1');
    await wizard.getByTestId('setup-username').fill(ADMIN.username);
    await wizard.getByTestId('setup-full-name').fill(ADMIN.fullName);
    await wizard.getByTestId('setup-password').fill('ada.admin');
    // Too short, too few kinds, contains the username: each rule says so while typing.
    await expect(wizard.getByTestId('policy-hints').locator('[data-met="false"]')).toHaveCount(4);
    await wizard.getByTestId('setup-next').click();
    await expect(wizard).toHaveAttribute('data-step', '1');
    await expect(wizard.getByText('The password does not meet every rule below.')).toBeVisible();
    await wizard.getByTestId('setup-password').fill(ADMIN.password);
    await wizard.getByTestId('setup-repeat').fill(ADMIN.password);
    await expect(wizard.getByTestId('policy-hints').locator('[data-met="false"]')).toHaveCount(0);
    await shot('setup-administrator');
    await wizard.getByTestId('setup-next').click();

    // ---- Step 2: this terminal ----------------------------------------------------------------------
    await expect(wizard).toHaveAttribute('data-step', '2');
    await wizard.getByTestId('setup-terminal-name').fill(TERMINAL.name);
    await wizard.getByTestId('setup-terminal-location').fill(TERMINAL.location);
    await shot('setup-terminal');
    await wizard.getByTestId('setup-create').click();

    // ---- Step 3: the recovery key, shown once; Finish only once it is stored -------------------------
    await expect(wizard).toHaveAttribute('data-step', '3', { timeout: 15_000 });
    const groups = await wizard.getByTestId('recovery-key-group').allTextContents();
    expect(groups).toHaveLength(16);
    for (const group of groups) expect(group).toMatch(/^[0-9A-F]{4}$/);
    const shownKey = groups.join('-');
    await expect(wizard.getByTestId('setup-finish')).toBeDisabled();
    const download = page.waitForEvent('download');
    await wizard.getByTestId('save-recovery-key').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('ebr-recovery-key.txt');
    const savedText = readFileSync(await saved.path(), 'utf8');
    expect(savedText).toContain(shownKey);
    expect(savedText).toContain(TERMINAL.name);
    await shot('setup-recovery-key');
    await wizard.getByTestId('recovery-key-stored').check();
    await wizard.getByTestId('setup-finish').click();

    // ---- Sign-in screen: terminal name and registration visible ------------------------------------
    const login = page.getByTestId('login-screen');
    await expect(login).toBeVisible();
    await expect(page.getByTestId('gate-terminal-name')).toHaveText(TERMINAL.name);
    await expect(page.getByTestId('gate-terminal-status')).toHaveText(/Registered/);
    await expect(login).toContainText(TERMINAL.location);
    await shot('sign-in');

    // ---- The administrator signs in and must change the password first -----------------------------
    await signIn(page, ADMIN.username, ADMIN.password);
    const change = page.getByTestId('password-change-screen');
    await expect(change).toBeVisible();
    await expect(page.getByTestId('password-change-reason')).toContainText('first sign-in');
    await expect(page.getByTestId('navigation')).toHaveCount(0);
    await changePassword(page, ADMIN.password, ADMIN.newPassword);
    await shot('forced-password-change');
    await change.getByTestId('change-password-submit').click();
    await expect(page.getByTestId('signed-in-user')).toContainText(ADMIN.fullName);
    await expect(page.getByTestId('signed-in-roles')).toHaveText('Administrator');
    await expect(page.getByTestId('navigation').getByRole('link')).toHaveText([
      'Home',
      'System',
      'Training',
      'Users',
      'Terminals',
      'Security settings',
      'Security alerts',
      'Backup',
      'Audit trail',
      'Audit reviews',
    ]);
    await expect(page.getByTestId('alert-banner')).toHaveCount(0);

    // ---- Users: create an operator and a supervisor --------------------------------------------------
    await openNav(page, 'Users');
    await createUser(page, OPERATOR, 'operator', () => shot('create-user', { fullPage: false }));
    await createUser(page, SUPERVISOR, 'supervisor');
    const rows = page.getByTestId('user-row');
    await expect(rows).toHaveCount(3);
    const operatorRow = rows.and(page.locator(`[data-key="${OPERATOR.username}"]`));
    await expect(operatorRow).toContainText(OPERATOR.fullName);
    await expect(operatorRow).toContainText('Operator');
    await expect(operatorRow.getByTestId('user-status')).toHaveText(/Active/);
    await expect(operatorRow.getByTestId('user-must-change')).toBeVisible();
    await expect(operatorRow).toContainText('Never');
    await shot('users');

    // ---- Terminals and security settings, as the administrator sees them -----------------------------
    await openNav(page, 'Terminals');
    const terminalRow = page.getByTestId('terminal-row');
    await expect(terminalRow).toHaveCount(1);
    await expect(terminalRow.getByTestId('this-terminal')).toBeVisible();
    await expect(terminalRow.getByTestId('terminal-status')).toHaveText(/Registered/);
    await expect(terminalRow.getByTestId('fingerprint')).toHaveText(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    await shot('terminals');
    await terminalRow.getByTestId('row-revoke').click();
    const revoke = page.getByTestId('revoke-terminal-dialog');
    await expect(revoke).toContainText('Afterwards only administrators can sign in there');
    await revoke.getByTestId('dialog-submit').click();
    await expect(revoke.getByText('Tick the box to confirm.')).toBeVisible();
    await shot('revoke-terminal', { fullPage: false });
    await revoke.getByRole('button', { name: 'Cancel' }).click();
    await expect(revoke).toHaveCount(0);
    await expect(terminalRow.getByTestId('terminal-status')).toHaveText(/Registered/);

    await openNav(page, 'Security settings');
    await expect(page.getByTestId('setting-lockout')).toHaveValue('5');
    await expect(page.getByTestId('setting-lock-minutes')).toHaveValue('5');
    await expect(page.getByTestId('setting-min-length')).toHaveValue('10');
    await page.getByTestId('setting-min-length').fill(String(MIN_LENGTH));
    await page.getByTestId('settings-save').click();
    await expect(page.getByText('Give a reason (at least 3 characters).')).toBeVisible();
    await page.getByTestId('reason').fill(SETTINGS_REASON);
    await shot('security-settings');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('flash')).toHaveText('✓Security settings saved.');
    await expect(page.getByTestId('setting-min-length')).toHaveValue(String(MIN_LENGTH));
    await signOut(page);

    // ---- The operator signs in with the temporary password and must change it ----------------------
    await signIn(page, OPERATOR.username, OPERATOR.temporaryPassword);
    await expect(page.getByTestId('password-change-screen')).toBeVisible();
    // The session carries the policy just configured: the hints ask for 12 characters while typing,
    // and the form refuses a shorter password before asking the core.
    const changeScreen = page.getByTestId('password-change-screen');
    await changeScreen.getByTestId('current-password').fill(OPERATOR.temporaryPassword);
    await changeScreen.getByTestId('new-password').fill('Weigh-Stn-7');
    await changeScreen.getByTestId('repeat-password').fill('Weigh-Stn-7');
    const unmet = changeScreen.getByTestId('policy-hints').locator('[data-met="false"]');
    await expect(unmet).toHaveCount(1);
    await expect(unmet).toContainText(`Use at least ${MIN_LENGTH} characters.`);
    await page.getByTestId('change-password-submit').click();
    await expect(changeScreen.getByText('The new password does not meet every rule below.')).toBeVisible();
    await expect(page.getByTestId('password-change-screen')).toBeVisible();
    await shot('password-policy-refused');
    await changePassword(page, OPERATOR.temporaryPassword, OPERATOR.newPassword);
    await page.getByTestId('change-password-submit').click();
    await expect(page.getByTestId('signed-in-user')).toContainText(OPERATOR.fullName);
    await expect(page.getByTestId('navigation').getByRole('link')).toHaveText([
      'Home',
      'System',
      'Recipes',
      'Batches',
      'Materials',
      'Equipment',
      'Instruments',
    ]);
    // A screen the roles do not grant stays closed even when typed into the address.
    await page.evaluate(() => {
      window.location.hash = '#/users';
    });
    await expect(page.getByTestId('not-permitted')).toBeVisible();
    await signOut(page);

    // ---- Five wrong passwords lock the account; then even the right one is refused -------------------
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await signIn(page, OPERATOR.username, `Wrong-Guess-${attempt}`);
      await expect(page.getByTestId('sign-in-error')).toBeVisible();
    }
    await signIn(page, OPERATOR.username, OPERATOR.newPassword);
    const refusal = page.getByTestId('sign-in-error');
    await expect(refusal).toHaveAttribute('data-code', 'ACCOUNT_LOCKED');
    await expect(refusal).toContainText('Your account is locked after');
    await expect(refusal).toContainText('Ask an administrator to unlock it.');
    await expect(page.getByTestId('navigation')).toHaveCount(0);
    await shot('account-locked');

    // ---- The administrator signs in and sees the alert banner; a live alert adds to it -------------
    await signIn(page, ADMIN.username, ADMIN.newPassword);
    const banner = page.getByTestId('alert-banner');
    await expect(banner).toBeVisible();
    await expect(page.getByTestId('alert-banner-count')).toHaveText('1 security alert needs acknowledgement');
    const elsewhere = app.connect(); // another window: someone tries the supervisor's account
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await elsewhere.invoke('auth.login', { username: SUPERVISOR.username, password: `Nope-${attempt}` });
    }
    elsewhere.close();
    await expect(page.getByTestId('alert-banner-count')).toHaveText('2 security alerts need acknowledgement');
    await expect(banner).toContainText(`Account ${SUPERVISOR.username} (${SUPERVISOR.fullName}) was locked`);
    await shot('admin-alert-banner');

    // ---- Acknowledge the operator's alert with a comment ---------------------------------------------
    await page.getByTestId('alert-banner-open').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Security alerts');
    const cards = page.getByTestId('alert-card');
    await expect(cards).toHaveCount(2);
    const operatorAlert = cards.filter({ hasText: `Account ${OPERATOR.username}` });
    await operatorAlert.getByTestId('acknowledge').click();
    const acknowledge = page.getByTestId('acknowledge-dialog');
    await acknowledge.getByTestId('dialog-submit').click();
    await expect(acknowledge.getByText('Give a reason (at least 3 characters).')).toBeVisible();
    await acknowledge.getByTestId('reason').fill(ACKNOWLEDGEMENT);
    await acknowledge.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('flash')).toHaveText('✓Alert acknowledged.');
    await expect(operatorAlert).toHaveAttribute('data-open', 'false');
    await expect(operatorAlert.getByTestId('alert-ack')).toContainText(ACKNOWLEDGEMENT);
    await expect(operatorAlert.getByTestId('alert-ack')).toContainText(ADMIN.fullName);
    // Unacknowledged first.
    await expect(cards.first()).toHaveAttribute('data-open', 'true');
    await expect(page.getByTestId('alert-banner-count')).toHaveText('1 security alert needs acknowledgement');
    await shot('security-alerts');

    // ---- Unlock the operator, with a reason ----------------------------------------------------------
    await openNav(page, 'Users');
    const lockedRow = page.getByTestId('user-row').and(page.locator(`[data-key="${OPERATOR.username}"]`));
    await expect(lockedRow.getByTestId('user-locked')).toBeVisible();
    await lockedRow.getByTestId('row-unlock').click();
    const unlock = page.getByTestId('unlock-user-dialog');
    await expect(unlock).toContainText('make sure the attempts were made by the user');
    await unlock.getByTestId('reason').fill(UNLOCK_REASON);
    await shot('unlock-user', { fullPage: false });
    await unlock.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('flash')).toHaveText(`✓User ${OPERATOR.username} unlocked.`);
    await expect(lockedRow.getByTestId('user-locked')).toHaveCount(0);
    await signOut(page);

    // ---- The operator can sign in again --------------------------------------------------------------
    await signIn(page, OPERATOR.username, OPERATOR.newPassword);
    await expect(page.getByTestId('signed-in-user')).toContainText(OPERATOR.fullName);
    await expect(page.getByTestId('alert-banner')).toHaveCount(0); // alerts go to administrators only

    // ---- Inactivity: past the lock timeout the core locks the session; the lock screen shows who ---
    clock.advance(LOCK_AFTER_MS - 1_000);
    app.checkSessions();
    await expect(page.getByTestId('signed-in-user')).toBeVisible();
    clock.advance(2_000);
    app.checkSessions();
    const lock = page.getByTestId('lock-screen');
    await expect(lock).toBeVisible();
    await expect(page.getByTestId('locked-user-name')).toHaveText(OPERATOR.fullName);
    // Nothing of the working shell stays in the page behind the lock screen.
    await expect(page.getByTestId('navigation')).toHaveCount(0);
    await expect(page.getByTestId('signed-in-user')).toHaveCount(0);
    await lock.getByTestId('unlock-password').fill('Not-Her-Password-1');
    await lock.getByTestId('unlock-submit').click();
    await expect(lock.getByTestId('sign-in-error')).toHaveAttribute('data-code', 'INVALID_CREDENTIALS');
    await shot('lock-screen');
    await lock.getByTestId('unlock-password').fill(OPERATOR.newPassword);
    await lock.getByTestId('unlock-submit').click();
    await expect(page.getByTestId('signed-in-user')).toContainText(OPERATOR.fullName);

    // ---- Lock by hand, then switch user from the lock screen -----------------------------------------
    await page.getByTestId('lock-button').click();
    await expect(lock).toBeVisible();
    await lock.getByTestId('switch-user').click();
    await expect(page.getByTestId('login-screen')).toBeVisible();

    // ---- A revoked terminal admits administrators only; registering it again lets the operator in -
    await signIn(page, ADMIN.username, ADMIN.newPassword);
    await openNav(page, 'Terminals');
    await page.getByTestId('terminal-row').getByTestId('row-revoke').click();
    const revokeNow = page.getByTestId('revoke-terminal-dialog');
    await revokeNow.getByTestId('terminal-confirm').check();
    await revokeNow.getByTestId('reason').fill(REVOKE_REASON);
    await revokeNow.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('flash')).toHaveText(`✓Terminal ${TERMINAL.name} revoked.`);
    await expect(page.getByTestId('terminal-row').getByTestId('terminal-status')).toHaveText(/Revoked/);
    await signOut(page);
    await expect(page.getByTestId('gate-terminal-status')).toHaveText(/Revoked/);
    await signIn(page, OPERATOR.username, OPERATOR.newPassword);
    await expect(page.getByTestId('sign-in-error')).toHaveAttribute('data-code', 'TERMINAL_NOT_REGISTERED');
    await expect(page.getByTestId('sign-in-error')).toContainText('This terminal is not registered.');
    await shot('terminal-not-registered');
    await signIn(page, ADMIN.username, ADMIN.newPassword);
    await openNav(page, 'Terminals');
    await page.getByTestId('terminal-row').getByTestId('row-register').click();
    const register = page.getByTestId('register-terminal-dialog');
    await expect(register.getByTestId('register-fingerprint')).toHaveText(
      (await page.getByTestId('terminal-row').getByTestId('fingerprint').textContent()) ?? '(none)',
    );
    await register.getByTestId('terminal-confirm').check();
    await register.getByTestId('reason').fill(REGISTER_REASON);
    await register.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('terminal-row').getByTestId('terminal-status')).toHaveText(/Registered/);
    await signOut(page);
    await expect(page.getByTestId('gate-terminal-status')).toHaveText(/Registered/);
    await signIn(page, OPERATOR.username, OPERATOR.newPassword);
    await expect(page.getByTestId('signed-in-user')).toContainText(OPERATOR.fullName);
    await signOut(page);

    expect(await cspViolations(page), 'CSP violations').toEqual([]);
    expect(errors, 'page errors').toEqual([]);
    await close();

    // ---- The audit trail: intact, and every action with who, where and why -------------------------
    const runtime = app.runtime!;
    const report = verifyAuditTrail({
      sqlite: runtime.store.sqlite,
      trustedPublicKeys: runtime.trustedPublicKeys(),
      headMirror: runtime.headMirror(),
    });
    expect(report).toMatchObject({ intact: true, firstBreak: null });

    const sqlite = runtime.store.sqlite;
    const terminalId = sqlite.prepare('SELECT id FROM terminals').pluck().get() as string;
    const userId = (username: string) =>
      sqlite.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as string;
    const operatorId = userId(OPERATOR.username);
    const adminId = userId(ADMIN.username);
    interface AuditRow {
      action: string;
      user_id: string | null;
      user_name: string | null;
      terminal_id: string;
      entity_id: string;
      reason: string | null;
    }
    const rowsOf = (action: string): AuditRow[] =>
      sqlite
        .prepare(
          'SELECT action, user_id, user_name, terminal_id, entity_id, reason FROM audit_trail WHERE action = ? ORDER BY seq',
        )
        .all(action) as AuditRow[];

    const actions = [
      'user.created',
      'auth.login-failed',
      'user.locked',
      'user.unlocked',
      'auth.password-changed',
      'session.locked',
      'session.unlocked',
      'alert.acknowledged',
    ];
    // A failed attempt is made by whoever typed, not (provably) by the account's owner, and the
    // lock follows from it: the core names no actor there; the account is the row's entity.
    const unauthenticated = new Set(['auth.login-failed', 'user.locked']);
    for (const action of actions) {
      const found = rowsOf(action);
      expect(found.length, `audit rows for ${action}`).toBeGreaterThan(0);
      for (const row of found) {
        expect(row.terminal_id, `${action} terminal_id`).toBe(terminalId);
        if (unauthenticated.has(action)) continue;
        expect(row.user_id, `${action} user_id`).toEqual(expect.any(String));
        expect(row.user_name, `${action} user_name`).toEqual(expect.any(String));
      }
    }
    const created = rowsOf('user.created');
    expect(created.find((row) => row.entity_id === operatorId)).toMatchObject({
      user_id: adminId,
      user_name: ADMIN.fullName,
      reason: OPERATOR.reason,
    });
    expect(created.find((row) => row.entity_id === userId(SUPERVISOR.username))).toMatchObject({
      user_id: adminId,
      reason: SUPERVISOR.reason,
    });
    expect(
      rowsOf('auth.login-failed').filter((row) => row.entity_id === operatorId).length,
    ).toBeGreaterThanOrEqual(5);
    expect(rowsOf('user.locked').map((row) => row.entity_id)).toEqual(
      expect.arrayContaining([operatorId, userId(SUPERVISOR.username)]),
    );
    expect(rowsOf('user.unlocked')).toEqual([
      expect.objectContaining({
        entity_id: operatorId,
        user_id: adminId,
        user_name: ADMIN.fullName,
        reason: UNLOCK_REASON,
      }),
    ]);
    expect(rowsOf('alert.acknowledged')).toEqual([
      expect.objectContaining({ user_id: adminId, user_name: ADMIN.fullName, reason: ACKNOWLEDGEMENT }),
    ]);
    expect(rowsOf('auth.password-changed').map((row) => row.user_id)).toEqual(
      expect.arrayContaining([adminId, operatorId]),
    );
    expect(rowsOf('session.locked')).toEqual([
      expect.objectContaining({ user_id: operatorId, user_name: OPERATOR.fullName }),
      expect.objectContaining({ user_id: operatorId, reason: 'locked by the user' }),
    ]);
    expect(rowsOf('terminal.revoked')).toEqual([
      expect.objectContaining({ entity_id: terminalId, user_id: adminId, reason: REVOKE_REASON }),
    ]);
    expect(rowsOf('terminal.registered').at(-1)).toMatchObject({
      entity_id: terminalId,
      user_id: adminId,
      reason: REGISTER_REASON,
    });
    expect(rowsOf('settings.changed')).toEqual([
      expect.objectContaining({ user_id: adminId, user_name: ADMIN.fullName, reason: SETTINGS_REASON }),
    ]);
    expect(rowsOf('session.unlocked')).toEqual([
      expect.objectContaining({ user_id: operatorId, user_name: OPERATOR.fullName }),
    ]);

    // ---- The recovery key shown once really opens the store -----------------------------------------
    await app.close();
    app = await createApp({ dataDir, keyProvider: recoveryKeyProvider(shownKey), sessionCheckIntervalMs: 0 });
    expect(app.status).toBe('ready');
  } finally {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  }
});
