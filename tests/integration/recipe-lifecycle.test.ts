/**
 * Master recipe lifecycle over a real encrypted store (P11-10f, P11-70, A11-10): import → Draft →
 * submit → In review → approve (QA signature "approved", never the author) or reject (signature
 * "rejected") → make effective now or from a date (the previous effective version is superseded;
 * a scheduled version becomes effective on the first read after its date, audited by the system)
 * → retire. Every allowed and every refused transition, the role and signer rules, refused imports
 * that leave nothing behind, and the approval signature breaking when the stored content is
 * altered behind the application's back.
 *
 * Everything goes through connections (channels) as the renderer does, except
 * `effectiveVersion(code)`, which no channel exposes yet: it is reached through a second set of
 * services over the same runtime. Argon2 costs ~100 ms per password check: users are shared.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toUtcIso } from '../../electron/core/clock';
import { ConnectionHub } from '../../electron/core/connections';
import { SessionRegistry } from '../../electron/core/identity/sessions';
import { RECIPE_FILE_MAX_BYTES } from '../../electron/core/recipes/recipe-file';
import { readSignedRecipeVersion, RECIPE_VERSION_RECORD } from '../../electron/core/recipes/recipe-versions';
import { createServices, type Services } from '../../electron/core/services';
import { contentHashOf } from '../../electron/core/signatures/signature-verification';
import { writeRecoveryKeyFile } from '../../electron/cli/recovery-key-file';
import { canonicalJson } from '../../shared/canonical-json';
import type { AuditVerificationReport } from '../../shared/contract/audit';
import type { RecipeStatus, RecipeVersionSummary, RecipeVersionView } from '../../shared/contract/recipes';
import type { Role } from '../../shared/permissions';
import { freshApp, type FreshApp } from '../helpers/fresh-app';
import {
  activeUser,
  auditRowsAfter,
  expectError,
  json,
  lastAuditSeq,
  USER_PASSWORD,
  value,
  type AuditRowText,
  type SignedInUser,
} from '../helpers/identity';
import { openRaw } from '../helpers/tamper';
import { ebrEntry } from '../helpers/ebr-command';

const WRONG = 'Not-The-Password-1';
const DAY_MS = 24 * 60 * 60 * 1000;

let fresh: FreshApp;
let direct: Services;
let closed = false;
/** sam: supervisor (author); quinn and rita: QA; otto: operator. */
let sam: SignedInUser;
let quinn: SignedInUser;
let rita: SignedInUser;
let otto: SignedInUser;

const sqlite = () => fresh.app.runtime!.store.sqlite;

/** A small valid recipe: an instruction, a weighing of its one material, a yield calculation. */
function recipe(code: string, versionLabel: string, name = 'Lifecycle test blend') {
  return {
    format: 'ebr-recipe/1',
    header: {
      code,
      name,
      product: { code: 'LT-PROD', name: 'Lifecycle test product' },
      versionLabel,
      nominalBatchSize: { quantity: 10, unit: 'kg' },
      description: `Version ${versionLabel} of a recipe made for the lifecycle tests.`,
    },
    materials: [
      {
        code: 'RM-LACTOSE',
        name: 'Lactose monohydrate',
        quantity: 10,
        unit: 'kg',
        tolerance: { kind: 'percent', value: 1 },
      },
    ],
    equipment: [{ id: 'EQ-BAL-1', class: 'Bench balance' }],
    procedure: {
      operations: [
        {
          id: 'dispensing',
          title: 'Dispensing',
          steps: [
            { id: 'start', type: 'instruction', title: 'Read the instructions' },
            {
              id: 'w_lactose',
              type: 'weighing',
              title: 'Weigh lactose',
              material: 'RM-LACTOSE',
              unit: 'kg',
              decimals: 3,
              equipment: 'EQ-BAL-1',
              critical: true,
              signatures: [{ meaning: 'verified', role: 'supervisor', distinctFromPerformer: true }],
            },
            {
              id: 'yield',
              type: 'calculation',
              title: 'Yield',
              formula: 'w_lactose / 10 * 100',
              unit: '%',
              decimals: 1,
              limits: { min: 98, max: 102 },
            },
          ],
        },
      ],
    },
  };
}

const base64Of = (data: unknown) => Buffer.from(JSON.stringify(data, null, 2), 'utf8').toString('base64');

async function importRecipe(
  who: SignedInUser,
  code: string,
  versionLabel: string,
): Promise<RecipeVersionView> {
  return value<RecipeVersionView>(
    await who.connection.invoke('recipes.import', {
      fileName: `${code}-${versionLabel}.json`,
      base64: base64Of(recipe(code, versionLabel)),
    }),
  );
}

const submit = async (who: SignedInUser, id: string, reason = 'Ready for QA review') =>
  who.connection.invoke('recipes.submit', { versionId: id, reason });
const approve = async (
  who: SignedInUser,
  id: string,
  password = who.password,
  comment = 'Reviewed step by step; approved',
) =>
  who.connection.invoke('recipes.approve', {
    versionId: id,
    comment,
    credentials: { kind: 'self', password },
  });
const reject = async (
  who: SignedInUser,
  id: string,
  password = who.password,
  reason = 'Yield limits too wide',
) =>
  who.connection.invoke('recipes.reject', { versionId: id, reason, credentials: { kind: 'self', password } });
const makeEffective = async (
  who: SignedInUser,
  id: string,
  effectiveFromUtc?: string,
  reason = 'Released for production',
) =>
  who.connection.invoke('recipes.makeEffective', {
    versionId: id,
    reason,
    ...(effectiveFromUtc === undefined ? {} : { effectiveFromUtc }),
  });
const retire = async (who: SignedInUser, id: string, reason = 'Product discontinued') =>
  who.connection.invoke('recipes.retire', { versionId: id, reason });
const get = async (who: SignedInUser, id: string) =>
  value<RecipeVersionView>(await who.connection.invoke('recipes.get', { versionId: id }));

/** Drives a new version of `code` to `status` through the channels, as sam (author) and quinn (QA). */
async function versionIn(
  status: RecipeStatus,
  code: string,
  versionLabel: string,
): Promise<RecipeVersionView> {
  let view = await importRecipe(sam, code, versionLabel);
  if (status === 'draft') return view;
  view = value(await submit(sam, view.id));
  if (status === 'in-review') return view;
  if (status === 'rejected') return value(await reject(quinn, view.id));
  view = value(await approve(quinn, view.id));
  if (status === 'approved') return view;
  if (status === 'retired') return value(await retire(quinn, view.id));
  view = value(await makeEffective(quinn, view.id));
  if (status === 'effective') return view;
  throw new Error(`versionIn does not make ${status} versions`);
}

function storedRow(id: string): Record<string, unknown> {
  return sqlite().prepare('SELECT * FROM recipe_versions WHERE id = ?').get(id) as Record<string, unknown>;
}

const versionCount = () => sqlite().prepare('SELECT count(*) FROM recipe_versions').pluck().get() as number;
const signatureCount = () => sqlite().prepare('SELECT count(*) FROM signatures').pluck().get() as number;

/** Everything a refused transition must leave as it was. */
function snapshot(id: string) {
  return {
    row: storedRow(id),
    auditHead: lastAuditSeq(fresh.app),
    signatures: signatureCount(),
    versions: versionCount(),
  };
}

/** The recipe rows of the audit trail after `seq`, for one version or all. */
function recipeRows(afterSeq: number, entityId?: string): AuditRowText[] {
  return auditRowsAfter(fresh.app, afterSeq).filter(
    (row) =>
      (row.entity_type === 'recipe' || row.entity_type === RECIPE_VERSION_RECORD) &&
      (entityId === undefined || row.entity_id === entityId),
  );
}

/** A CONFLICT that names the status the version is in, and changed nothing. */
async function expectConflict(id: string, attempt: () => Promise<unknown>, status: RecipeStatus) {
  const before = snapshot(id);
  const error = expectError((await attempt()) as never, 'CONFLICT');
  expect(error.message).toContain(`is ${status}`);
  expect(error.details).toEqual({ status });
  expect(snapshot(id)).toEqual(before);
  return error;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Moves the clock. Idle sessions lock at the next call after a jump; everyone unlocks again
 * (audited session rows), so tests measure audit rows only after this.
 */
async function moveClock(to: { by: number } | { at: number }): Promise<void> {
  if ('by' in to) fresh.clock.advance(to.by);
  else fresh.clock.set(to.at);
  for (const who of [sam, quinn, rita, otto]) {
    const unlocked = await who.connection.invoke('auth.unlock', { password: who.password });
    if (!unlocked.ok && unlocked.error.code !== 'CONFLICT')
      throw new Error(`unlock of ${who.user.username}: ${unlocked.error.message}`);
  }
}

async function person(username: string, roles: Role[]): Promise<SignedInUser> {
  return activeUser(fresh.app, await fresh.admin(), username, roles);
}

beforeAll(async () => {
  fresh = await freshApp({ terminalName: 'WS-RECIPE-01' });
  direct = createServices(fresh.app.runtime!, fresh.clock, new ConnectionHub(), new SessionRegistry());
  sam = await person('sup.sam', ['supervisor']);
  quinn = await person('qa.quinn', ['qa']);
  rita = await person('qa.rita', ['qa']);
  otto = await person('op.otto', ['operator']);
}, 60_000);

afterAll(async () => {
  if (!fresh) return;
  if (closed) rmSync(join(fresh.dataDir, '..'), { recursive: true, force: true });
  else await fresh.cleanup();
});

describe('allowed transitions, each audited with reason, user and terminal', () => {
  it('draft → in review → approved (QA signature over the content hash) → effective → superseded by a newer effective version', async () => {
    const startSeq = lastAuditSeq(fresh.app);
    const v1 = await importRecipe(sam, 'LT-MAIN', '1.0');
    expect(v1).toMatchObject({
      code: 'LT-MAIN',
      versionLabel: '1.0',
      status: 'draft',
      authorUserId: sam.user.id,
      authorName: sam.user.fullName,
      stepCount: 3,
      contentIntact: true,
      signatures: [],
      effectiveFromUtc: null,
    });
    // Stored as canonical JSON with its SHA-256; the view shows the recipe as stored (defaults filled in).
    expect(v1.contentHash).toBe(sha256(canonicalJson(v1.recipe)));
    expect(storedRow(v1.id)).toMatchObject({
      content: canonicalJson(v1.recipe),
      content_hash: v1.contentHash,
    });
    expect(v1.recipe.procedure.operations[0]!.steps[0]).toMatchObject({
      requiredRole: 'operator',
      critical: false,
    });
    expect(direct.recipes.effectiveVersion('LT-MAIN')).toBeNull();

    const inReview = value<RecipeVersionView>(await submit(sam, v1.id, 'First version for review'));
    expect(inReview).toMatchObject({ status: 'in-review', submittedAtUtc: toUtcIso(fresh.clock.now()) });
    expect(direct.recipes.effectiveVersion('LT-MAIN')).toBeNull();

    const approved = value<RecipeVersionView>(
      await approve(quinn, v1.id, quinn.password, 'Every step and limit checked'),
    );
    expect(approved.status).toBe('approved');
    expect(approved.approvedAtUtc).toBe(toUtcIso(fresh.clock.now()));
    expect(approved.signatures).toHaveLength(1);
    const signature = approved.signatures[0]!;
    expect(signature).toMatchObject({
      record: { type: RECIPE_VERSION_RECORD, id: v1.id },
      meaning: 'approved',
      signerUserId: quinn.user.id,
      signerName: quinn.user.fullName,
      terminalId: fresh.terminalId,
      terminalName: 'WS-RECIPE-01',
      verification: { valid: true, problem: null },
    });
    // The signature covers the version's identity and the hash of its content.
    const signed = readSignedRecipeVersion(sqlite(), v1.id);
    expect(signed).toEqual({ id: v1.id, code: 'LT-MAIN', versionLabel: '1.0', contentHash: v1.contentHash });
    expect(signature.contentHash).toBe(contentHashOf(signed));
    expect(direct.recipes.effectiveVersion('LT-MAIN')).toBeNull();

    const effective = value<RecipeVersionView>(
      await makeEffective(quinn, v1.id, undefined, 'Go-live of version 1.0'),
    );
    expect(effective).toMatchObject({ status: 'effective', effectiveFromUtc: toUtcIso(fresh.clock.now()) });
    expect(direct.recipes.effectiveVersion('LT-MAIN')?.id).toBe(v1.id);

    fresh.clock.advance(60_000);
    const v2 = await versionIn('approved', 'LT-MAIN', '2.0');
    expect(direct.recipes.effectiveVersion('LT-MAIN')?.id).toBe(v1.id);
    const seqBefore = lastAuditSeq(fresh.app);
    const v2Effective = value<RecipeVersionView>(
      await makeEffective(quinn, v2.id, undefined, 'Go-live of version 2.0'),
    );
    expect(v2Effective.status).toBe('effective');
    expect(await get(quinn, v1.id)).toMatchObject({
      status: 'superseded',
      supersededAtUtc: toUtcIso(fresh.clock.now()),
    });
    expect(direct.recipes.effectiveVersion('LT-MAIN')?.id).toBe(v2.id);
    // Exactly one effective version of a code at a time.
    const list = value<RecipeVersionSummary[]>(await otto.connection.invoke('recipes.list', {}));
    expect(
      list.filter((item) => item.code === 'LT-MAIN').map((item) => [item.versionLabel, item.status]),
    ).toEqual([
      ['2.0', 'effective'],
      ['1.0', 'superseded'],
    ]);
    // One transaction: scheduled now, the old one superseded, the new one effective.
    expect(recipeRows(seqBefore).map((row) => [row.action, row.entity_id, row.reason])).toEqual([
      ['recipe.effective-scheduled', v2.id, 'Go-live of version 2.0'],
      ['recipe.superseded', v1.id, 'Superseded by version 2.0'],
      ['recipe.effective', v2.id, 'Go-live of version 2.0'],
    ]);

    // The whole story of version 1.0, from the audit trail.
    const story = recipeRows(startSeq, v1.id);
    expect(
      story.map((row) => [row.action, row.user_id, row.reason, json(row.old_value), json(row.new_value)]),
    ).toEqual([
      [
        'recipe.imported',
        sam.user.id,
        'Imported from LT-MAIN-1.0.json',
        null,
        expect.objectContaining({ status: 'draft', contentHash: v1.contentHash }),
      ],
      [
        'recipe.in-review',
        sam.user.id,
        'First version for review',
        { status: 'draft' },
        { status: 'in-review' },
      ],
      [
        'recipe.approved',
        quinn.user.id,
        'Every step and limit checked',
        { status: 'in-review' },
        { status: 'approved' },
      ],
      [
        'signature.applied',
        quinn.user.id,
        null,
        null,
        expect.objectContaining({
          meaning: 'approved',
          signatureId: signature.id,
          contentHash: signature.contentHash,
        }),
      ],
      [
        'recipe.effective-scheduled',
        quinn.user.id,
        'Go-live of version 1.0',
        null,
        { effectiveFromUtc: effective.effectiveFromUtc },
      ],
      [
        'recipe.effective',
        quinn.user.id,
        'Go-live of version 1.0',
        { status: 'approved' },
        { status: 'effective' },
      ],
      [
        'recipe.superseded',
        quinn.user.id,
        'Superseded by version 2.0',
        { status: 'effective' },
        { status: 'superseded' },
      ],
    ]);
    for (const row of recipeRows(startSeq)) {
      expect(row.terminal_id).toBe(fresh.terminalId);
      expect(row.user_name).toBeTruthy();
      if (row.action.startsWith('recipe.')) expect(row.reason?.length).toBeGreaterThanOrEqual(3);
    }
    // The approval and its signature are written in one step: adjacent rows, same instant.
    const approvalRows = story.filter(
      (row) => row.action === 'recipe.approved' || row.action === 'signature.applied',
    );
    expect(approvalRows[1]!.seq).toBe(approvalRows[0]!.seq + 1);
    expect(approvalRows[1]!.at_utc).toBe(approvalRows[0]!.at_utc);
  });

  it('approved → retired, and effective → retired: then no version of the code is effective', async () => {
    const approved = await versionIn('approved', 'LT-RETIRE', '1.0');
    const retired = value<RecipeVersionView>(
      await retire(quinn, approved.id, 'Never to be used: formula replaced'),
    );
    expect(retired).toMatchObject({ status: 'retired', retiredAtUtc: toUtcIso(fresh.clock.now()) });

    const effective = await versionIn('effective', 'LT-RETIRE', '2.0');
    expect(direct.recipes.effectiveVersion('LT-RETIRE')?.id).toBe(effective.id);
    const seq = lastAuditSeq(fresh.app);
    expect(value<RecipeVersionView>(await retire(quinn, effective.id, 'Product discontinued')).status).toBe(
      'retired',
    );
    expect(direct.recipes.effectiveVersion('LT-RETIRE')).toBeNull();
    expect(recipeRows(seq).map((row) => [row.action, row.user_id, row.reason, json(row.old_value)])).toEqual([
      ['recipe.retired', quinn.user.id, 'Product discontinued', { status: 'effective' }],
    ]);
  });

  it('in review → rejected by a QA signature "rejected" with the reason', async () => {
    const inReview = await versionIn('in-review', 'LT-REJECT', '1.0');
    const seq = lastAuditSeq(fresh.app);
    const rejected = value<RecipeVersionView>(
      await reject(rita, inReview.id, rita.password, 'Tolerance of the weighing is missing'),
    );
    expect(rejected).toMatchObject({ status: 'rejected', rejectedAtUtc: toUtcIso(fresh.clock.now()) });
    expect(rejected.signatures).toEqual([
      expect.objectContaining({
        meaning: 'rejected',
        signerUserId: rita.user.id,
        verification: { valid: true, problem: null },
      }),
    ]);
    expect(recipeRows(seq).map((row) => [row.action, row.user_id, row.reason])).toEqual([
      ['recipe.rejected', rita.user.id, 'Tolerance of the weighing is missing'],
      ['signature.applied', rita.user.id, null],
    ]);
    expect(direct.recipes.effectiveVersion('LT-REJECT')).toBeNull();
  });

  it('a QA person may author a recipe, and another QA person approves it', async () => {
    const draft = await importRecipe(rita, 'LT-QA-AUTHOR', '1.0');
    value(await submit(rita, draft.id));
    const approved = value<RecipeVersionView>(await approve(quinn, draft.id));
    expect(approved.status).toBe('approved');
    expect(approved.authorUserId).toBe(rita.user.id);
  });
});

describe('refused transitions: CONFLICT naming the status, nothing changed', () => {
  it('refuses every move not allowed from each status', async () => {
    const superseded = await versionIn('effective', 'LT-MATRIX', '1.0');
    const effective = await versionIn('effective', 'LT-MATRIX', '2.0');
    expect((await get(quinn, superseded.id)).status).toBe('superseded');
    const versions: Record<RecipeStatus, RecipeVersionView> = {
      draft: await versionIn('draft', 'LT-MATRIX', '3.0'),
      'in-review': await versionIn('in-review', 'LT-MATRIX', '4.0'),
      approved: await versionIn('approved', 'LT-MATRIX', '5.0'),
      effective,
      superseded,
      retired: await versionIn('retired', 'LT-MATRIX', '6.0'),
      rejected: await versionIn('rejected', 'LT-MATRIX', '7.0'),
    };
    const moves = {
      submit: (id: string) => submit(sam, id),
      approve: (id: string) => approve(quinn, id),
      reject: (id: string) => reject(quinn, id),
      'make effective': (id: string) => makeEffective(quinn, id),
      retire: (id: string) => retire(quinn, id),
    };
    const allowed: Record<RecipeStatus, (keyof typeof moves)[]> = {
      draft: ['submit'],
      'in-review': ['approve', 'reject'],
      approved: ['make effective', 'retire'],
      effective: ['retire'],
      superseded: [],
      retired: [],
      rejected: [],
    };
    let refusals = 0;
    for (const [status, version] of Object.entries(versions) as [RecipeStatus, RecipeVersionView][]) {
      expect((await get(quinn, version.id)).status).toBe(status);
      for (const [move, attempt] of Object.entries(moves) as [
        keyof typeof moves,
        (id: string) => Promise<unknown>,
      ][]) {
        if (allowed[status].includes(move)) continue;
        const error = await expectConflict(version.id, () => attempt(version.id), status);
        expect(error.message).toContain(`"${move}" is allowed only from`);
        refusals += 1;
      }
    }
    // 4 + 3 + 3 + 4 + 5 + 5 + 5 moves refused.
    expect(refusals).toBe(29);
    // The named cases, once more by name.
    await expectConflict(versions.draft.id, () => approve(quinn, versions.draft.id), 'draft');
    await expectConflict(versions.draft.id, () => retire(quinn, versions.draft.id), 'draft');
    await expectConflict(versions['in-review'].id, () => submit(sam, versions['in-review'].id), 'in-review');
    await expectConflict(versions.approved.id, () => reject(quinn, versions.approved.id), 'approved');
    await expectConflict(effective.id, () => makeEffective(quinn, effective.id), 'effective');
    for (const status of ['draft', 'in-review', 'rejected', 'retired', 'superseded'] as const) {
      await expectConflict(versions[status].id, () => makeEffective(quinn, versions[status].id), status);
    }
    expect(direct.recipes.effectiveVersion('LT-MATRIX')?.id).toBe(effective.id);
  });

  it('submitting twice: the second submit is refused', async () => {
    const draft = await importRecipe(sam, 'LT-TWICE', '1.0');
    value(await submit(sam, draft.id));
    await expectConflict(draft.id, () => submit(sam, draft.id), 'in-review');
  });

  it('refuses an unknown version id with NOT_FOUND', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectError(await submit(sam, unknown), 'NOT_FOUND');
    expectError(await approve(quinn, unknown), 'NOT_FOUND');
    expectError(await quinn.connection.invoke('recipes.get', { versionId: unknown }), 'NOT_FOUND');
  });
});

describe('who may approve', () => {
  it('the author may not approve their own recipe (SIGNER_NOT_DISTINCT), even as QA; nothing changes', async () => {
    const draft = await importRecipe(quinn, 'LT-OWN', '1.0');
    value(await submit(quinn, draft.id));
    const before = snapshot(draft.id);
    const error = expectError(await approve(quinn, draft.id), 'SIGNER_NOT_DISTINCT');
    expect(error.message).toContain('author');
    expect(snapshot(draft.id)).toEqual(before);
    // Rejecting one's own recipe is allowed: it stops it, it does not release it.
    expect(
      value<RecipeVersionView>(await reject(quinn, draft.id, quinn.password, 'Withdrawn by its author'))
        .status,
    ).toBe('rejected');
  });

  it('an operator or a supervisor cannot approve, reject, make effective or retire (FORBIDDEN at the channel: recipes.manage)', async () => {
    const inReview = await versionIn('in-review', 'LT-ROLES', '1.0');
    const approved = await versionIn('approved', 'LT-ROLES', '2.0');
    const before = [snapshot(inReview.id), snapshot(approved.id)];
    for (const who of [otto, sam]) {
      for (const attempt of [
        () => approve(who, inReview.id),
        () => reject(who, inReview.id),
        () => makeEffective(who, approved.id),
        () => retire(who, approved.id),
      ]) {
        const error = expectError(await attempt(), 'FORBIDDEN');
        expect(error.message.length).toBeGreaterThan(10);
      }
    }
    // The operator may read, but neither import nor submit (recipes.author).
    expectError(
      await otto.connection.invoke('recipes.import', {
        fileName: 'x.json',
        base64: base64Of(recipe('LT-ROLES', '9.0')),
      }),
      'FORBIDDEN',
    );
    expectError(await submit(otto, inReview.id), 'FORBIDDEN');
    value(await otto.connection.invoke('recipes.get', { versionId: inReview.id }));
    // The administrator administers users, not recipes.
    expectError(await (await fresh.admin()).invoke('recipes.list', {}), 'FORBIDDEN');
    expect([snapshot(inReview.id), snapshot(approved.id)]).toEqual(before);
  });

  it('a wrong password → INVALID_CREDENTIALS; the version, its signatures and the recipe audit rows are unchanged', async () => {
    const inReview = await versionIn('in-review', 'LT-PASSWORD', '1.0');
    const row = storedRow(inReview.id);
    const signatures = signatureCount();
    const seq = lastAuditSeq(fresh.app);
    expectError(await approve(quinn, inReview.id, WRONG), 'INVALID_CREDENTIALS');
    expectError(await reject(quinn, inReview.id, WRONG), 'INVALID_CREDENTIALS');
    expect(storedRow(inReview.id)).toEqual(row);
    expect(signatureCount()).toBe(signatures);
    expect(recipeRows(seq)).toEqual([]);
    // The failed attempts themselves are audited (toward lockout), against the user.
    expect(auditRowsAfter(fresh.app, seq).map((r) => r.entity_id)).toEqual([quinn.user.id, quinn.user.id]);
    // With the right password it goes through.
    expect(value<RecipeVersionView>(await approve(quinn, inReview.id, USER_PASSWORD)).status).toBe(
      'approved',
    );
  });
});

describe('scheduled effective dates', () => {
  it('a future date stays approved until the clock passes it; then the next read makes it effective, superseding the previous one, audited by the system', async () => {
    const current = await versionIn('effective', 'LT-SCHED', '1.0');
    const next = await versionIn('approved', 'LT-SCHED', '2.0');
    const fromUtc = toUtcIso(fresh.clock.now() + 2 * DAY_MS);
    const scheduled = value<RecipeVersionView>(
      await makeEffective(quinn, next.id, fromUtc, 'Effective from the next campaign'),
    );
    expect(scheduled).toMatchObject({ status: 'approved', effectiveFromUtc: fromUtc });
    // Scheduling twice is refused.
    const before = snapshot(next.id);
    const twice = expectError(await makeEffective(quinn, next.id), 'CONFLICT');
    expect(twice.message).toContain(`already scheduled to become effective on ${fromUtc}`);
    expect(twice.details).toEqual({ status: 'approved', effectiveFromUtc: fromUtc });
    expect(snapshot(next.id)).toEqual(before);

    await moveClock({ by: DAY_MS });
    const seqBeforeDue = lastAuditSeq(fresh.app);
    expect(direct.recipes.effectiveVersion('LT-SCHED')?.id).toBe(current.id);
    expect((await get(quinn, next.id)).status).toBe('approved');
    expect(lastAuditSeq(fresh.app)).toBe(seqBeforeDue);

    await moveClock({ by: DAY_MS + 60_000 });
    // Nothing has read since the date passed: the store still says approved.
    expect(storedRow(next.id).status).toBe('approved');
    const seq = lastAuditSeq(fresh.app);
    expect(direct.recipes.effectiveVersion('LT-SCHED')?.id).toBe(next.id);
    const rows = auditRowsAfter(fresh.app, seq);
    expect(
      rows.map((row) => [row.action, row.entity_id, row.user_id, row.user_name, row.reason, row.terminal_id]),
    ).toEqual([
      ['recipe.superseded', current.id, null, null, 'Superseded by version 2.0', fresh.terminalId],
      [
        'recipe.effective',
        next.id,
        null,
        null,
        `Scheduled effective date ${fromUtc} reached`,
        fresh.terminalId,
      ],
    ]);
    expect(await get(quinn, current.id)).toMatchObject({ status: 'superseded' });
    expect(await get(quinn, next.id)).toMatchObject({ status: 'effective', effectiveFromUtc: fromUtc });
    // Activated once: further reads write nothing.
    value(await quinn.connection.invoke('recipes.list', {}));
    expect(lastAuditSeq(fresh.app)).toBe(seq + 2);
  });

  it('any read activates a due version: recipes.list through a channel', async () => {
    await versionIn('effective', 'LT-SCHED-LIST', '1.0');
    const next = await versionIn('approved', 'LT-SCHED-LIST', '2.0');
    value(
      await makeEffective(quinn, next.id, toUtcIso(fresh.clock.now() + 60 * 60_000), 'From the next shift'),
    );
    await moveClock({ by: 2 * 60 * 60_000 });
    const list = value<RecipeVersionSummary[]>(await otto.connection.invoke('recipes.list', {}));
    expect(
      list.filter((item) => item.code === 'LT-SCHED-LIST').map((item) => [item.versionLabel, item.status]),
    ).toEqual([
      ['2.0', 'effective'],
      ['1.0', 'superseded'],
    ]);
  });

  it('a version made effective now after a schedule has come, before anything read, is the one that stands', async () => {
    const first = await versionIn('effective', 'LT-SCHED-ORDER', '1.0');
    const scheduled = await versionIn('approved', 'LT-SCHED-ORDER', '2.0');
    const later = await versionIn('approved', 'LT-SCHED-ORDER', '3.0');
    value(
      await makeEffective(
        quinn,
        scheduled.id,
        toUtcIso(fresh.clock.now() + 60 * 60_000),
        'From the next shift',
      ),
    );
    await moveClock({ by: 2 * 60 * 60_000 });
    const seq = lastAuditSeq(fresh.app);
    // Nothing has read since the schedule came; the next call is a release of 3.0.
    value(await makeEffective(quinn, later.id, undefined, 'Urgent change'));
    expect(direct.recipes.effectiveVersion('LT-SCHED-ORDER')?.id).toBe(later.id);
    expect(recipeRows(seq).map((row) => [row.action, row.entity_id, row.user_id])).toEqual([
      ['recipe.superseded', first.id, null],
      ['recipe.effective', scheduled.id, null],
      ['recipe.effective-scheduled', later.id, quinn.user.id],
      ['recipe.superseded', scheduled.id, quinn.user.id],
      ['recipe.effective', later.id, quinn.user.id],
    ]);
  });

  it('a date given to the second without milliseconds becomes effective at that very instant', async () => {
    const version = await versionIn('approved', 'LT-SCHED-SECOND', '1.0');
    // A whole second some time ahead, written the way people (and zod's datetime) write it.
    const whole = Math.ceil((fresh.clock.now() + 60 * 60_000) / 1000) * 1000;
    const written = new Date(whole).toISOString().replace('.000Z', 'Z');
    const scheduled = value<RecipeVersionView>(
      await makeEffective(quinn, version.id, written, 'From the top of the hour'),
    );
    expect(scheduled.effectiveFromUtc).toBe(toUtcIso(whole));
    fresh.clock.set(whole - 1);
    expect(direct.recipes.effectiveVersion('LT-SCHED-SECOND')).toBeNull();
    await moveClock({ at: whole });
    expect(direct.recipes.effectiveVersion('LT-SCHED-SECOND')?.id).toBe(version.id);
  });

  it('a date in the past makes the version effective now (no back-dating)', async () => {
    const version = await versionIn('approved', 'LT-SCHED-PAST', '1.0');
    const view = value<RecipeVersionView>(
      await makeEffective(quinn, version.id, '2020-01-01T00:00:00.000Z', 'At once'),
    );
    expect(view).toMatchObject({ status: 'effective', effectiveFromUtc: toUtcIso(fresh.clock.now()) });
  });

  it('a scheduled version retired before its date never becomes effective', async () => {
    const current = await versionIn('effective', 'LT-SCHED-RETIRE', '1.0');
    const next = await versionIn('approved', 'LT-SCHED-RETIRE', '2.0');
    value(await makeEffective(quinn, next.id, toUtcIso(fresh.clock.now() + DAY_MS), 'Planned change'));
    expect(value<RecipeVersionView>(await retire(quinn, next.id, 'Change cancelled')).status).toBe('retired');
    await moveClock({ by: 2 * DAY_MS });
    expect(direct.recipes.effectiveVersion('LT-SCHED-RETIRE')?.id).toBe(current.id);
    expect((await get(quinn, next.id)).status).toBe('retired');
  });
});

describe('refused imports leave nothing behind', () => {
  async function expectRefusedImport(
    fileName: string,
    bytes: Buffer | string,
    where: 'problems' | 'issues' = 'problems',
  ) {
    const versions = versionCount();
    const head = lastAuditSeq(fresh.app);
    const base64 = typeof bytes === 'string' ? bytes : bytes.toString('base64');
    const error = expectError(
      await sam.connection.invoke('recipes.import', { fileName, base64 }),
      'VALIDATION_FAILED',
    );
    const list = (error.details as Record<string, { path: string; message: string }[]>)[where]!;
    expect(Array.isArray(list)).toBe(true);
    expect(list.length).toBeGreaterThan(0);
    for (const problem of list) {
      expect(typeof problem.path).toBe('string');
      expect(problem.message.length).toBeGreaterThan(3);
    }
    expect(versionCount()).toBe(versions);
    expect(lastAuditSeq(fresh.app)).toBe(head);
    return { error, list };
  }

  it('refuses non-JSON, non-UTF-8, empty, oversized, deeply nested, schema and rule problems with VALIDATION_FAILED and details', async () => {
    const nonJson = await expectRefusedImport(
      'notes.json',
      Buffer.from('{"format": "ebr-recipe/1", header: }'),
    );
    expect(nonJson.error.message).toContain('notes.json is not a valid recipe');
    expect(nonJson.list[0]!.message).toMatch(/line 1, column/);

    const latin1 = Buffer.from(JSON.stringify(recipe('LT-BAD', '1.0', 'Crème brûlée blend')), 'latin1');
    const nonUtf8 = await expectRefusedImport('latin1.json', latin1);
    expect(nonUtf8.list[0]!.message).toContain('not valid UTF-8');

    expect((await expectRefusedImport('empty.json', Buffer.alloc(0))).list[0]!.message).toContain('empty');

    // Just over 5 MB: through the channel's size limit, refused by the file check.
    const valid = JSON.stringify(recipe('LT-BIG', '1.0'));
    const justOver = Buffer.from(valid + ' '.repeat(RECIPE_FILE_MAX_BYTES + 1 - valid.length));
    expect(justOver.byteLength).toBe(RECIPE_FILE_MAX_BYTES + 1);
    const oversized = await expectRefusedImport('big.json', justOver);
    expect(oversized.list[0]!.message).toContain('at most 5242880 bytes (5 MB)');
    // Far over: refused by the channel before anything is decoded.
    const farOver = await expectRefusedImport('huge.json', Buffer.alloc(6 * 1024 * 1024, 0x20), 'issues');
    expect(farOver.list).toEqual([{ path: 'base64', message: 'The file is larger than 5 MB.' }]);
    await expectRefusedImport('not-base64.json', 'this is not base64!', 'issues');

    const deep = {
      ...recipe('LT-DEEP', '1.0'),
      extra: JSON.parse('['.repeat(100) + ']'.repeat(100)) as unknown,
    };
    expect(
      (await expectRefusedImport('deep.json', Buffer.from(JSON.stringify(deep)))).list[0]!.message,
    ).toMatch(/nest/i);

    const noName = recipe('LT-SCHEMA', '1.0') as { header: Partial<ReturnType<typeof recipe>['header']> };
    delete noName.header.name;
    const schema = await expectRefusedImport('schema.json', Buffer.from(JSON.stringify(noName)));
    expect(schema.list.map((problem) => problem.path)).toContain('header.name');

    const unknownMaterial = recipe('LT-RULE', '1.0');
    (unknownMaterial.procedure.operations[0]!.steps[1] as { material: string }).material = 'RM-MISSING';
    const rule = await expectRefusedImport('rule.json', Buffer.from(JSON.stringify(unknownMaterial)));
    expect(
      rule.list.some(
        (problem) => problem.path.endsWith('steps[1].material') && problem.message.includes('RM-MISSING'),
      ),
    ).toBe(true);
  });

  it('refuses a second file with the same code and version label (CONFLICT), nothing imported', async () => {
    await importRecipe(sam, 'LT-DUP', '1.0');
    const versions = versionCount();
    const head = lastAuditSeq(fresh.app);
    const error = expectError(
      await rita.connection.invoke('recipes.import', {
        fileName: 'copy.json',
        base64: base64Of(recipe('LT-DUP', '1.0', 'Another name')),
      }),
      'CONFLICT',
    );
    expect(error.message).toContain('LT-DUP version 1.0 already exists');
    expect(versionCount()).toBe(versions);
    expect(lastAuditSeq(fresh.app)).toBe(head);
  });
});

describe('approved content is immutable, and a change behind the application breaks the signature', () => {
  it("the triggers refuse changing content or deleting a version through the application's own connection", async () => {
    const version = await versionIn('approved', 'LT-IMMUTABLE', '1.0');
    const before = storedRow(version.id);
    expect(() =>
      sqlite()
        .prepare("UPDATE recipe_versions SET content = replace(content, '102', '110') WHERE id = ?")
        .run(version.id),
    ).toThrow(/recipe content is immutable/);
    expect(() =>
      sqlite().prepare("UPDATE recipe_versions SET content_hash = 'x' WHERE id = ?").run(version.id),
    ).toThrow(/immutable/);
    expect(() =>
      sqlite().prepare("UPDATE recipe_versions SET version_label = '1.1' WHERE id = ?").run(version.id),
    ).toThrow(/immutable/);
    expect(() => sqlite().prepare('DELETE FROM recipe_versions WHERE id = ?').run(version.id)).toThrow(
      /never deleted/,
    );
    expect(storedRow(version.id)).toEqual(before);
  });

  it('content altered through a raw connection: contentIntact false, the approval signature invalid, ebr verify-audit exits 1 naming it; the audit trail itself stays intact', async () => {
    const version = await versionIn('effective', 'LT-TAMPER', '1.0');
    const intactBefore = value<AuditVerificationReport>(await quinn.connection.invoke('audit.verify', {}));
    expect(intactBefore).toMatchObject({ intact: true, firstBreak: null });
    expect(direct.signatures.verifyAll().invalid).toEqual([]);
    const approval = version.signatures.find((signature) => signature.meaning === 'approved')!;

    // Someone with the key widens a limit of the approved recipe.
    const raw = openRaw(fresh.dataDir, fresh.recoveryKey);
    try {
      raw.exec('DROP TRIGGER recipe_versions_content_immutable');
      const changed = raw
        .prepare(
          `UPDATE recipe_versions SET content = replace(content, '"max":102', '"max":120') WHERE id = ?`,
        )
        .run(version.id);
      expect(changed.changes).toBe(1);
    } finally {
      raw.close();
    }

    const after = await get(quinn, version.id);
    expect(after.recipe.procedure.operations[0]!.steps[2]).toMatchObject({ limits: { min: 98, max: 120 } });
    expect(after.contentIntact).toBe(false);
    expect(after.contentHash).toBe(version.contentHash);
    expect(after.signatures).toEqual([
      expect.objectContaining({
        id: approval.id,
        meaning: 'approved',
        verification: { valid: false, problem: 'The record changed after it was signed.' },
      }),
    ]);
    expect(direct.recipes.effectiveVersion('LT-TAMPER')?.contentIntact).toBe(false);
    expect(direct.signatures.verifyAll().invalid).toEqual([
      {
        id: approval.id,
        record: { type: RECIPE_VERSION_RECORD, id: version.id },
        problem: 'The record changed after it was signed.',
      },
    ]);
    // Every other signature of the file still verifies, and so does the whole audit trail.
    expect(direct.signatures.verifyAll().valid).toBe(signatureCount() - 1);
    const trail = value<AuditVerificationReport>(await quinn.connection.invoke('audit.verify', {}));
    expect(trail).toMatchObject({ intact: true, firstBreak: null });
    expect(trail.rowsChecked).toBe(lastAuditSeq(fresh.app));

    await fresh.app.close();
    closed = true;
    const keyFile = join(fresh.dataDir, '..', 'recovery.key');
    writeRecoveryKeyFile(keyFile, fresh.recoveryKey, 'WS-RECIPE-01', new Date().toISOString());
    const result = await promisify(execFile)(process.execPath, [
      ebrEntry(),
      'verify-audit',
      '--data-dir',
      fresh.dataDir,
      '--recovery-key-file',
      keyFile,
    ]).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Audit trail intact: \d+ rows/);
    expect(result.stdout).toMatch(/Signatures: \d+ valid, 1 invalid/);
    expect(result.stderr).toContain(
      `INVALID SIGNATURE ${approval.id} on ${RECIPE_VERSION_RECORD} ${version.id}: The record changed after it was signed.`,
    );
    expect(result.stderr).not.toContain('AUDIT TRAIL BROKEN');
  }, 30_000);
});
