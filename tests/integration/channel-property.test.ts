/**
 * Every channel of the contract, as every role, with seeded random and adversarial inputs (A11-5,
 * issue 13): wrong types, huge strings, deep nesting, NaN/Infinity/-0, __proto__/constructor keys,
 * ill-formed and exotic Unicode, other users' ids, real usernames and passwords. On a real app in a
 * temporary folder. Afterwards: the audit chain and every signature verify, no call ended in
 * INTERNAL, nothing succeeded without its permission, and every exotic text a write accepted reads
 * back identical from the audit trail.
 *
 * Seeded: the seed is printed; `EBR_PROPERTY_SEED=n` replays it. Bounded: it runs full rounds (each
 * channel × each role once, in a seeded order) until `EBR_PROPERTY_SECONDS` (default 30) have passed.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/app';
import { verifyAuditTrail } from '../../electron/core/audit/verifier';
import { ConnectionHub } from '../../electron/core/connections';
import { SessionRegistry } from '../../electron/core/identity/sessions';
import { createServices, type Services } from '../../electron/core/services';
import type { AuditVerificationReport } from '../../shared/contract/audit';
import { channelNames, channels, type ChannelName } from '../../shared/contract/channels';
import type { SessionView } from '../../shared/contract/identity';
import type { Result } from '../../shared/errors';
import { rolesGrant, type Role } from '../../shared/permissions';
import {
  EXOTIC_TEXT,
  hostileValue,
  inputFor,
  seededRandom,
  type InputPools,
} from '../helpers/channel-inputs';
import { ADMIN_PASSWORD, freshApp, signIn, temporaryFolder, type FreshApp } from '../helpers/fresh-app';
import { createUser, TEMPORARY_PASSWORD, value } from '../helpers/identity';

const SEED = Number(process.env.EBR_PROPERTY_SEED ?? Math.floor(Math.random() * 2 ** 31));
const SECONDS = Number(process.env.EBR_PROPERTY_SECONDS ?? 30);

interface Actor {
  label: Role;
  username: string;
  roles: Role[];
  userId: string;
  password: string;
  connection: Connection;
}

let fresh: FreshApp;
let recovery: Services;
const actors: Actor[] = [];
const scratch = temporaryFolder('ebr-property-');
let healCount = 0;

/** A password every policy the random settings can set accepts (up to 128 characters, 4 classes). */
const strongPassword = () => `Heal-${++healCount}-Aa1!`.padEnd(140, 'x9Y!');
const recoveryActor = { userId: null, userName: 'recovery-key holder (property test)' };

beforeAll(async () => {
  console.log(`channel property test: seed ${SEED} (replay with EBR_PROPERTY_SEED=${SEED})`);
  fresh = await freshApp();
  const admin = await fresh.admin();
  recovery = createServices(fresh.app.runtime!, fresh.clock, new ConnectionHub(), new SessionRegistry());
  actors.push({
    label: 'administrator',
    username: 'admin',
    roles: ['administrator'],
    userId: fresh.adminUserId,
    password: ADMIN_PASSWORD,
    connection: admin,
  });
  // In parallel: each costs three Argon2id hashes (64 MiB), which run on the thread pool.
  const roleActors = await Promise.all(
    (['operator', 'supervisor', 'qa', 'technician'] as const).map(async (role): Promise<Actor> => {
      const username = `${role}.one`;
      const user = await createUser(admin, username, [role]);
      const password = strongPassword();
      const { connection } = await signIn(fresh.app, username, TEMPORARY_PASSWORD, password);
      return { label: role, username, roles: [role], userId: user.id, password, connection };
    }),
  );
  actors.push(...roleActors);
  mkdirSync(join(scratch, 'exports'));
  mkdirSync(join(scratch, 'backups'));
}, 180_000);

afterAll(async () => {
  await fresh?.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

const sqlite = () => fresh.app.runtime!.store.sqlite;
const auditHead = () =>
  (sqlite().prepare('SELECT coalesce(max(seq), 0) AS seq FROM audit_trail').get() as { seq: number }).seq;

/** Brings an actor back to an active session as themselves with their roles, the way an administrator would. */
async function heal(actor: Actor): Promise<void> {
  const row = sqlite()
    .prepare(
      'SELECT full_name AS fullName, roles, status, locked_at_utc AS lockedAtUtc FROM users WHERE id = ?',
    )
    .get(actor.userId) as { fullName: string; roles: string; status: string; lockedAtUtc: string | null };
  const reason = 'Property test: restore the role user';
  // A random call may revoke this terminal (its id is in the pool): only administrators sign in then.
  if (recovery.terminals.status(fresh.terminalId) === 'revoked')
    recovery.terminals.setStatus(recoveryActor, fresh.terminalId, 'registered', reason);
  if (row.lockedAtUtc) recovery.usersAdmin.unlock(recoveryActor, actor.userId, reason);
  if (row.status !== 'active') recovery.usersAdmin.setStatus(recoveryActor, actor.userId, 'active', reason);
  if (JSON.stringify(JSON.parse(row.roles)) !== JSON.stringify(actor.roles)) {
    recovery.usersAdmin.update(recoveryActor, {
      userId: actor.userId,
      fullName: row.fullName,
      roles: actor.roles,
      reason,
    });
  }
  const session = await actor.connection.invoke('auth.session', {});
  const view = session.ok ? (session.value as SessionView | null) : null;
  if (
    view?.state === 'active' &&
    view.user.id === actor.userId &&
    view.user.roles.join() === actor.roles.join()
  )
    return;
  actor.connection.close();
  let signedIn = await signIn(fresh.app, actor.username, actor.password).catch(() => null);
  if (!signedIn) {
    actor.password = strongPassword();
    await recovery.usersAdmin.resetPassword(recoveryActor, actor.userId, actor.password, reason);
    signedIn = await signIn(fresh.app, actor.username, actor.password);
  }
  if (signedIn.session.state === 'password-change-required') {
    const next = strongPassword();
    value(
      await signedIn.connection.invoke('auth.changePassword', {
        currentPassword: actor.password,
        newPassword: next,
      }),
    );
    actor.password = next;
  }
  actor.connection = signedIn.connection;
}

function recipeFile(name: string): string {
  const demo = readFileSync(
    join(import.meta.dirname, '../../resources/recipes/demo-tablet-blend.json'),
    'utf8',
  );
  return Buffer.from(demo.replace('"name": "Demo tablet blend"', `"name": ${JSON.stringify(name)}`)).toString(
    'base64',
  );
}

/** Every id seen in any answer, so later calls name records that exist (and other users'). */
const knownIds = new Set<string>();
function harvestIds(value: unknown, depth = 0): void {
  if (depth > 8 || knownIds.size > 400) return;
  if (
    typeof value === 'string' &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(value)
  )
    knownIds.add(value);
  else if (value && typeof value === 'object')
    for (const inner of Object.values(value)) harvestIds(inner, depth + 1);
}

/** Strings of an input under fields that are stored as written (no trim or case change of these values). */
function storedTexts(input: unknown, into: Set<string>, key = ''): void {
  if (typeof input === 'string') {
    if (EXOTIC_TEXT.includes(input) && /^(reason|comment|text|fullName|deviationComment)$/.test(key))
      into.add(input);
  } else if (input && typeof input === 'object') {
    for (const [field, inner] of Object.entries(input)) storedTexts(inner, into, field);
  }
}

function auditStrings(): Set<string> {
  const strings = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') strings.add(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  const rows = sqlite().prepare('SELECT reason, new_value AS newValue FROM audit_trail').all() as {
    reason: string | null;
    newValue: string | null;
  }[];
  for (const row of rows) {
    if (row.reason !== null) strings.add(row.reason);
    if (row.newValue !== null) collect(JSON.parse(row.newValue));
  }
  return strings;
}

describe('every channel as every role, with random and adversarial inputs', () => {
  it('keeps the chain and the signatures intact, never fails INTERNAL, never exceeds a permission, stores text as given', async () => {
    const random = seededRandom(SEED);
    const pools: InputPools = {
      ids: () => [
        ...knownIds,
        ...actors.map((actor) => actor.userId),
        fresh.terminalId,
        '00000000-0000-4000-8000-000000000000',
      ],
      usernames: ['admin', ...actors.map((actor) => actor.username), 'no.such.user', 'ADMIN '],
      passwords: () => [...actors.map((actor) => actor.password), TEMPORARY_PASSWORD, 'wrong-password', ''],
      paths: [
        join(scratch, 'exports'),
        join(scratch, 'backups'),
        join(scratch, 'missing', 'deeper'),
        'relative/dir',
      ],
      recipeFiles: [recipeFile('Demo 検査 blend 😀'), recipeFile('Demo\uD800 blend'), 'bm90IGpzb24=', ''],
      recoveryKeys: [fresh.recoveryKey, '0'.repeat(64), 'not a key'],
    };
    const pairs = channelNames.flatMap((channel) => actors.map((_, index) => [channel, index] as const));
    const tried = new Set<string>();
    const internal: string[] = [];
    const unauthorized: string[] = [];
    // Each exotic text written, with the channel that took it (named when it does not read back).
    const written = new Map<string, string>();
    let calls = 0;
    let succeeded = 0;
    let round = 0;
    const deadline = Date.now() + SECONDS * 1000;
    const started = Date.now();
    while (round === 0 || Date.now() < deadline) {
      round += 1;
      const order = [...pairs].sort(() => random() - 0.5);
      for (const [channel, index] of order) {
        if (round > 1 && Date.now() >= deadline) break;
        const actor = actors[index]!;
        if (random() < 0.8) await heal(actor);
        const sessionBefore = await actor.connection.invoke('auth.session', {});
        const rolesBefore = sessionBefore.ok
          ? ((sessionBefore.value as SessionView | null)?.user.roles ?? [])
          : [];
        const stateBefore = sessionBefore.ok ? (sessionBefore.value as SessionView | null)?.state : undefined;
        const input =
          random() < 0.15 ? hostileValue(random) : inputFor(channels[channel].input, pools, random);
        const auditHeadBefore = auditHead();
        const result: Result<unknown> = await actor.connection.invoke(channel, input);
        calls += 1;
        tried.add(`${channel} as ${actor.label}`);
        if (!result.ok && result.error.code === 'INTERNAL')
          internal.push(`${channel} as ${actor.label}: ${result.error.message}`);
        if (result.ok) {
          succeeded += 1;
          harvestIds(result.value);
          const permission = channels[channel as ChannelName].permission;
          const allowed =
            permission === 'public' ||
            (permission === 'authenticated'
              ? stateBefore !== undefined
              : rolesGrant(rolesBefore, permission));
          if (!allowed)
            unauthorized.push(`${channel} as ${actor.label} (roles ${rolesBefore.join('+') || 'none'})`);
          // Only a call that wrote audit rows stored its texts (a search text of a read is not written).
          if (auditHead() > auditHeadBefore) {
            const texts = new Set<string>();
            storedTexts(input, texts);
            for (const text of texts) written.set(text, channel);
          }
        }
      }
    }
    console.log(
      `channel property test: seed ${SEED}, ${round} rounds in ${Math.round((Date.now() - started) / 1000)} s, ${calls} calls, ${succeeded} succeeded, ${knownIds.size} ids seen, ${healCount} password heals, ${written.size} exotic texts written and read back`,
    );

    expect(internal).toEqual([]);
    expect(unauthorized).toEqual([]);
    expect(tried.size).toBe(channelNames.length * actors.length);

    const admin = actors[0]!;
    await heal(admin);
    const report = value<AuditVerificationReport>(await admin.connection.invoke('audit.verify', {}));
    expect(report.firstBreak).toBeNull();
    expect(report.intact).toBe(true);
    expect(
      verifyAuditTrail({
        sqlite: sqlite(),
        trustedPublicKeys: fresh.app.runtime!.trustedPublicKeys(),
        headMirror: fresh.app.runtime!.headMirror(),
      }).intact,
    ).toBe(true);
    expect(recovery.signatures.verifyAll().invalid).toEqual([]);

    const stored = auditStrings();
    expect(
      [...written].filter(([text]) => !stored.has(text)).map(([text, channel]) => `${channel}: ${text}`),
    ).toEqual([]);
  }, 300_000);

  it('every exotic text, written as a printed name and a reason, reads back identical', async () => {
    const admin = actors[0]!;
    await heal(admin);
    const operator = actors.find((actor) => actor.label === 'operator')!;
    for (const text of EXOTIC_TEXT) {
      const updated = value<{ fullName: string }>(
        await admin.connection.invoke('users.update', {
          userId: operator.userId,
          fullName: text,
          roles: operator.roles,
          reason: text,
        }),
      );
      expect(updated.fullName).toBe(text);
      const listed = value<{ id: string; fullName: string }[]>(
        await admin.connection.invoke('users.list', {}),
      );
      expect(listed.find((user) => user.id === operator.userId)?.fullName).toBe(text);
      const row = sqlite()
        .prepare(
          "SELECT reason, new_value AS newValue FROM audit_trail WHERE action = 'user.updated' ORDER BY seq DESC",
        )
        .get() as { reason: string; newValue: string };
      expect(row.reason).toBe(text);
      expect(JSON.stringify(JSON.parse(row.newValue))).toContain(JSON.stringify(text).slice(1, -1));
    }
    const report = value<AuditVerificationReport>(await admin.connection.invoke('audit.verify', {}));
    expect(report.intact).toBe(true);
  });
});
