/**
 * `ebr recipe import | list | export` over real encrypted data folders; review, approval and
 * release happen in the application between the runs, as they would at a workstation. An export
 * package is checked the way its "verification" notes say, with node:crypto alone, and imported
 * into a second folder.
 *
 * Each run of the real command (the bundled `ebr`, `ebrCommand`) costs about 0.5 s of CPU for
 * start-up, so the main path runs the real command (import, list, export, import
 * elsewhere) and the refusals call the same `main(argv, io)` in this process (`cli`).
 */
import { execFile } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type EbrApp } from '../../electron/core/app';
import { recoveryKeyProvider } from '../../electron/core/keys/recovery-key';
import { parseRecipeFile } from '../../electron/core/recipes/recipe-file';
import { fingerprintOf, formatFingerprint } from '../../electron/core/terminal/terminal-key';
import { main } from '../../electron/cli/main';
import { writeRecoveryKeyFile } from '../../electron/cli/recovery-key-file';
import type { RecipeExportPackage } from '../../electron/cli/commands/recipe-export';
import { canonicalJson } from '../../shared/canonical-json';
import type { RecipeVersionSummary, RecipeVersionView } from '../../shared/contract/recipes';
import { systemClock } from '../../electron/core/clock';
import {
  ADMIN_PASSWORD,
  ADMIN_SETUP_PASSWORD,
  initializedFolder,
  signIn,
  type InitializedFolder,
} from '../helpers/fresh-app';
import { activeUser, createUser, TEMPORARY_PASSWORD, USER_PASSWORD, value } from '../helpers/identity';
import { openRaw } from '../helpers/tamper';
import { ebrEntry } from '../helpers/ebr-command';

const run = promisify(execFile);
const ebr = ebrEntry();
const samples = join(import.meta.dirname, '../../resources/recipes');
const DEMO = join(samples, 'demo-tablet-blend.json');
const WET = join(samples, 'wet-granulation-blend.json');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function ebrCommand(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [ebr, ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The same command line, through `main` in this process: the refusals, quickly. */
async function cli(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (text) => out.push(text), err: (text) => err.push(text), env });
  const text = (lines: string[]) => lines.map((line) => `${line}\n`).join('');
  return { code, stdout: text(out), stderr: text(err) };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface Folder extends InitializedFolder {
  keyFile: string;
  args: string[];
}

/** An initialized folder on the system clock (the command runs on it too), with a recovery key file. */
async function folder(terminalName: string): Promise<Folder> {
  const initialized = await initializedFolder({ clock: systemClock, terminalName });
  const keyFile = join(initialized.dataDir, '..', 'recovery.key');
  writeRecoveryKeyFile(keyFile, initialized.recoveryKey, terminalName, new Date().toISOString());
  return {
    ...initialized,
    keyFile,
    args: ['--data-dir', initialized.dataDir, '--recovery-key-file', keyFile],
  };
}

/** Opens the folder in the application for `action`, and closes it again before the next command. */
async function inApp<T>(where: Folder, action: (app: EbrApp) => Promise<T>): Promise<T> {
  const app = await createApp({
    dataDir: where.dataDir,
    keyProvider: recoveryKeyProvider(where.recoveryKey),
    sessionCheckIntervalMs: 0,
  });
  expect(app.status).toBe('ready');
  try {
    return await action(app);
  } finally {
    await app.close();
  }
}

/** Users of a folder: the administrator (password changed), and the given people signed in once. */
async function withPeople(
  where: Folder,
  people: [string, ('supervisor' | 'qa' | 'operator')[]][],
  temporaryOnly: [string, 'supervisor'][] = [],
) {
  await inApp(where, async (app) => {
    const { connection: admin } = await signIn(app, 'admin', ADMIN_SETUP_PASSWORD, ADMIN_PASSWORD);
    for (const [username, roles] of people) await activeUser(app, admin, username, roles);
    for (const [username, role] of temporaryOnly) await createUser(admin, username, [role]);
  });
}

function versionRows(
  app: EbrApp,
): { code: string; version_label: string; status: string; content_hash: string }[] {
  return app
    .runtime!.store.sqlite.prepare(
      'SELECT code, version_label, status, content_hash FROM recipe_versions ORDER BY rowid',
    )
    .all() as never;
}

/** The recipe rows and the audit head of a folder, read in the application. */
async function stateOf(where: Folder) {
  return inApp(where, async (app) => ({
    versions: versionRows(app),
    auditHead: app.runtime!.store.sqlite.prepare('SELECT max(seq) FROM audit_trail').pluck().get() as number,
  }));
}

let site: Folder;
let elsewhere: Folder;
let demoId: string;
let wetId: string;
let packageFile: string;

beforeAll(async () => {
  [site, elsewhere] = await Promise.all([folder('WS-RCP-CLI-01'), folder('WS-RCP-CLI-02')]);
  await Promise.all([
    withPeople(
      site,
      [
        ['sup.sam', ['supervisor']],
        ['qa.quinn', ['qa']],
        ['op.otto', ['operator']],
      ],
      [['sup.nina', 'supervisor']],
    ),
    withPeople(elsewhere, [['sup.eve', ['supervisor']]]),
  ]);
  packageFile = join(site.dataDir, '..', 'demo-blend-1.0.export.json');
}, 60_000);

afterAll(() => {
  for (const where of [site, elsewhere])
    if (where) rmSync(join(where.dataDir, '..'), { recursive: true, force: true });
});

describe('ebr recipe import, list and export', () => {
  it('refuses, importing nothing: a wrong password, a user who must change the password first, an operator, an invalid file, no password, no subcommand', async () => {
    const before = await stateOf(site);
    const invalidFile = join(site.dataDir, '..', 'no-name.json');
    const invalid = JSON.parse(readFileSync(DEMO, 'utf8'));
    delete invalid.header.name;
    invalid.procedure.operations[0].steps[0].id = 'Bad Id';
    writeFileSync(invalidFile, JSON.stringify(invalid));
    const notJson = join(site.dataDir, '..', 'notes.json');
    writeFileSync(notJson, 'Weigh 2 kg, then blend.');
    const importAs = (file: string, user: string, password?: string) =>
      cli(
        ['recipe', 'import', file, ...site.args, '--as', user],
        password === undefined ? {} : { EBR_PASSWORD: password },
      );

    const empty = await cli(['recipe', 'list', ...site.args]);
    const wrongPassword = await importAs(DEMO, 'sup.sam', 'Not-The-Password-1');
    const mustChange = await importAs(DEMO, 'sup.nina', TEMPORARY_PASSWORD);
    const operator = await importAs(DEMO, 'op.otto', USER_PASSWORD);
    const schema = await importAs(invalidFile, 'sup.sam', USER_PASSWORD);
    const nonJson = await importAs(notJson, 'sup.sam', USER_PASSWORD);
    const bigFile = join(site.dataDir, '..', 'big.json');
    writeFileSync(bigFile, Buffer.alloc(6 * 1024 * 1024, 0x20));
    const big = await importAs(bigFile, 'sup.sam', USER_PASSWORD);
    const hugeFile = join(site.dataDir, '..', 'huge.json');
    writeFileSync(hugeFile, Buffer.alloc(11 * 1024 * 1024, 0x20));
    const huge = await importAs(hugeFile, 'sup.sam', USER_PASSWORD);
    const noPassword = await importAs(DEMO, 'sup.sam');
    const noSubcommand = await cli(['recipe', ...site.args]);
    const noFile = await cli(['recipe', 'import', ...site.args, '--as', 'sup.sam'], {
      EBR_PASSWORD: USER_PASSWORD,
    });
    expect(empty).toMatchObject({ code: 0, stderr: '' });
    expect(empty.stdout).toContain('No recipe versions yet');

    expect(wrongPassword.code).toBe(2);
    expect(wrongPassword.stderr).toContain('ebr recipe import: INVALID_CREDENTIALS');
    expect(mustChange.code).toBe(2);
    expect(mustChange.stderr).toContain(
      'PASSWORD_CHANGE_REQUIRED: sup.nina must change their password before importing: sign in to the EBR application once and set a new password',
    );
    expect(operator.code).toBe(2);
    expect(operator.stderr).toContain('ebr recipe import: FORBIDDEN');

    expect(schema.code).toBe(1);
    expect(schema.stderr).toContain(
      'no-name.json was not imported: it is not a valid recipe. Nothing was imported.',
    );
    expect(schema.stderr).toMatch(/no-name\.json: header\.name: .+/);
    expect(schema.stderr).toMatch(/no-name\.json: procedure\.operations\[0\]\.steps\[0\]\.id: .+/);
    expect(nonJson.code).toBe(1);
    expect(nonJson.stderr).toMatch(/notes\.json: .*line 1, column 1/);

    expect(big.code).toBe(1);
    expect(big.stderr).toContain('big.json: The file is larger than 5 MB.');
    // Far over the cap, the file is not even read whole.
    expect(huge.code).toBe(2);
    expect(huge.stderr).toContain(
      `is ${11 * 1024 * 1024} bytes; a recipe file may be at most 5242880 bytes (5 MB)`,
    );

    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain('EBR_PASSWORD');
    expect(noSubcommand.code).toBe(2);
    expect(noSubcommand.stderr).toContain('expects one of:');
    expect(noSubcommand.stderr).toContain('ebr recipe import, ebr recipe list, ebr recipe export');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('ebr recipe import: expects FILE');
    for (const outcome of [wrongPassword, mustChange, operator, schema, nonJson, big, huge])
      expect(outcome.stdout).toBe('');

    const after = await stateOf(site);
    expect(after.versions).toEqual([]);
    expect(before.versions).toEqual([]);
    // Sign-ins and refusals are audited; nothing about recipes is.
    const recipeRows = await inApp(site, async (app) =>
      app
        .runtime!.store.sqlite.prepare("SELECT count(*) FROM audit_trail WHERE action LIKE 'recipe.%'")
        .pluck()
        .get(),
    );
    expect(recipeRows).toBe(0);
  }, 30_000);

  it('imports both samples as drafts (printing id, status and hash), lists them, and refuses a duplicate', async () => {
    const demo = await ebrCommand(['recipe', 'import', DEMO, ...site.args, '--as', 'sup.sam'], {
      EBR_PASSWORD: USER_PASSWORD,
    });
    const importAs = (file: string, json = false) =>
      cli(['recipe', 'import', file, ...site.args, '--as', 'sup.sam', ...(json ? ['--json'] : [])], {
        EBR_PASSWORD: USER_PASSWORD,
      });
    const wet = await importAs(WET, true);
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(
      /^Imported DEMO-BLEND version 1\.0 \(Demo tablet blend, \d+ steps\) as Sup\.sam Tester\.$/m,
    );
    demoId = /^Version id: +([0-9a-f-]{36})$/m.exec(demo.stdout)![1]!;
    expect(demo.stdout).toMatch(/^Status: +draft$/m);
    expect(demo.stdout).toMatch(/^Content hash: +[0-9a-f]{64} /m);

    expect(wet.stderr).toBe('');
    expect(wet.code).toBe(0);
    const wetSummary = JSON.parse(wet.stdout) as RecipeVersionSummary;
    expect(wetSummary).toMatchObject({ status: 'draft', authorName: 'Sup.sam Tester' });
    expect(wetSummary.stepCount).toBeGreaterThanOrEqual(30);
    expect(wetSummary).not.toHaveProperty('recipe');
    wetId = wetSummary.id;

    const listed = await ebrCommand(['recipe', 'list', ...site.args]);
    const listedJson = await cli(['recipe', 'list', ...site.args, '--json']);
    const duplicate = await importAs(DEMO);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CODE +VERSION +STATUS +NAME +STEPS$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^DEMO-BLEND +1\.0 +draft +Demo tablet blend +\d+$/),
      expect.stringMatching(
        new RegExp(
          `^${wetSummary.code} +${wetSummary.versionLabel.replace('.', '\\.')} +draft +.+ +${wetSummary.stepCount}$`,
        ),
      ),
    ]);
    const summaries = JSON.parse(listedJson.stdout) as RecipeVersionSummary[];
    expect(summaries.map((summary) => [summary.id, summary.status])).toEqual(
      expect.arrayContaining([
        [demoId, 'draft'],
        [wetId, 'draft'],
      ]),
    );
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toContain('ebr recipe import: CONFLICT: DEMO-BLEND version 1.0 already exists');

    await inApp(site, async (app) => {
      expect(versionRows(app).map((row) => [row.code, row.status])).toEqual([
        ['DEMO-BLEND', 'draft'],
        [wetSummary.code, 'draft'],
      ]);
      // Imported as sam, from this terminal, with the file's name.
      const imported = app
        .runtime!.store.sqlite.prepare(
          "SELECT user_name AS userName, reason, terminal_id AS terminalId FROM audit_trail WHERE action = 'recipe.imported' ORDER BY seq",
        )
        .all();
      expect(imported).toEqual(
        expect.arrayContaining([
          {
            userName: 'Sup.sam Tester',
            reason: 'Imported from demo-tablet-blend.json',
            terminalId: site.terminalId,
          },
          {
            userName: 'Sup.sam Tester',
            reason: 'Imported from wet-granulation-blend.json',
            terminalId: site.terminalId,
          },
        ]),
      );
    });
  }, 30_000);

  it('exports only an approved version, with its approval signature; never over an existing file', async () => {
    // Review and release happen in the application.
    await inApp(site, async (app) => {
      const { connection: sam } = await signIn(app, 'sup.sam', USER_PASSWORD);
      const { connection: quinn } = await signIn(app, 'qa.quinn', USER_PASSWORD);
      value(await sam.invoke('recipes.submit', { versionId: demoId, reason: 'Ready for review' }));
      value(
        await quinn.invoke('recipes.approve', {
          versionId: demoId,
          comment: 'Checked step by step',
          credentials: { kind: 'self', password: USER_PASSWORD },
        }),
      );
      value(
        await quinn.invoke('recipes.makeEffective', { versionId: demoId, reason: 'Training line go-live' }),
      );
    });
    const exportArgs = (code: string, version: string, out: string) => [
      'recipe',
      'export',
      code,
      '--version',
      version,
      '--out',
      out,
      ...site.args,
    ];
    const draftOut = join(site.dataDir, '..', 'draft.json');
    const wetCode = (await stateOf(site)).versions[1]!;
    const exported = await ebrCommand(exportArgs('DEMO-BLEND', '1.0', packageFile));
    const draft = await cli(exportArgs(wetCode.code, wetCode.version_label, draftOut));
    const unknown = await cli(exportArgs('DEMO-BLEND', '9.9', join(site.dataDir, '..', 'unknown.json')));
    const noVersion = await cli(['recipe', 'export', 'DEMO-BLEND', '--out', draftOut, ...site.args]);
    const listed = await cli(['recipe', 'list', ...site.args]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`Exported DEMO-BLEND version 1.0 (effective) to ${packageFile}`);
    expect(exported.stdout).toMatch(
      /Approved by Qa\.quinn Tester \(qa\.quinn\) at .+ on WS-RCP-CLI-01: signature valid/,
    );
    expect(exported.stdout).toContain('How to verify the package');
    expect(exported.stdout).toContain('To use it elsewhere: ebr recipe import');

    expect(draft.code).toBe(2);
    expect(draft.stderr).toContain(
      `CONFLICT: ${wetCode.code} ${wetCode.version_label} is draft and was never approved`,
    );
    expect(existsSync(draftOut)).toBe(false);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('NOT_FOUND: DEMO-BLEND has no version 9.9 (versions: 1.0)');
    expect(noVersion.code).toBe(2);
    expect(noVersion.stderr).toContain('Missing --version');
    expect(listed.stdout).toMatch(/^DEMO-BLEND +1\.0 +effective +Demo tablet blend +\d+$/m);

    // --version names the recipe version wherever it stands on an export's command line; elsewhere, the tool's.
    const optionsFirst = join(site.dataDir, '..', 'options-first.json');
    const reordered = await cli([
      'recipe',
      'export',
      '--version',
      '1.0',
      ...site.args,
      '--out',
      optionsFirst,
      'DEMO-BLEND',
      '--json',
    ]);
    expect(reordered).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(reordered.stdout)).toMatchObject({
      file: optionsFirst,
      versionLabel: '1.0',
      signatures: 1,
    });
    expect(JSON.parse(readFileSync(optionsFirst, 'utf8')).contentHash).toBe(
      JSON.parse(readFileSync(packageFile, 'utf8')).contentHash,
    );
    expect((await cli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+/);

    const written = readFileSync(packageFile);
    const again = await cli(exportArgs('DEMO-BLEND', '1.0', packageFile));
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists; an export never overwrites a file');
    expect(readFileSync(packageFile).equals(written)).toBe(true);
  }, 30_000);

  it('the package verifies with node:crypto alone, following its own "verification" notes', async () => {
    const pkg = JSON.parse(readFileSync(packageFile, 'utf8')) as RecipeExportPackage;
    expect(pkg.format).toBe('ebr-recipe-export/1');
    expect(pkg.exportedAtUtc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(pkg.verification).toHaveLength(4);
    expect(pkg.version).toMatchObject({
      id: demoId,
      code: 'DEMO-BLEND',
      versionLabel: '1.0',
      status: 'effective',
    });

    // 1. The content hash, and the recipe part is a valid recipe file.
    expect(sha256(canonicalJson(pkg.recipe))).toBe(pkg.contentHash);
    const reparsed = parseRecipeFile(Buffer.from(JSON.stringify(pkg.recipe)));
    expect(reparsed.ok).toBe(true);
    expect(sha256(canonicalJson((reparsed as { recipe: unknown }).recipe))).toBe(pkg.contentHash);
    // 2. What the signatures cover.
    expect(pkg.signedRecord).toEqual({
      id: demoId,
      code: pkg.recipe.header.code,
      versionLabel: pkg.recipe.header.versionLabel,
      contentHash: pkg.contentHash,
    });
    // 3 and 4. Each approval signature.
    expect(pkg.signatures).toHaveLength(1);
    expect(pkg.terminalSignatures).toHaveLength(1);
    const [signature] = pkg.signatures;
    expect(signature).toMatchObject({
      meaning: 'approved',
      signerUsername: 'qa.quinn',
      verification: { valid: true, problem: null },
    });
    expect(signature!.contentHash).toBe(sha256(canonicalJson(pkg.signedRecord)));
    const proof = pkg.terminalSignatures.find((entry) => entry.signatureId === signature!.id)!;
    expect(proof).toMatchObject({ algorithm: 'Ed25519', keyId: signature!.keyId });
    const publicKey = createPublicKey(proof.publicKeyPem);
    expect(fingerprintOf(publicKey)).toBe(proof.keyId);
    expect(formatFingerprint(proof.keyId)).toBe(pkg.exportedFrom.keyFingerprint);
    const payload = (fields: typeof signature) =>
      Buffer.from(
        canonicalJson({
          ...(fields!.statementLanguage === null
            ? {}
            : { statement: fields!.statement, statementLanguage: fields!.statementLanguage }),
          id: fields!.id,
          recordType: fields!.record.type,
          recordId: fields!.record.id,
          meaning: fields!.meaning,
          signerUserId: fields!.signerUserId,
          signerUsername: fields!.signerUsername,
          signerName: fields!.signerName,
          signedAtUtc: fields!.signedAtUtc,
          timeZone: fields!.timeZone,
          terminalId: fields!.terminalId,
          contentHash: fields!.contentHash,
          keyId: fields!.keyId,
        }),
      );
    const bytes = Buffer.from(proof.signature, 'base64');
    expect(verify(null, payload(signature), publicKey, bytes)).toBe(true);
    // Any change to what was signed fails.
    expect(verify(null, payload({ ...signature!, signerName: 'Someone Else' }), publicKey, bytes)).toBe(
      false,
    );
    const otherRecord = { ...pkg.signedRecord, contentHash: sha256('{}') };
    expect(sha256(canonicalJson(otherRecord))).not.toBe(signature!.contentHash);
  });

  it('imports the package elsewhere as a draft with the same content hash; a package altered after export is refused', async () => {
    const pkg = JSON.parse(readFileSync(packageFile, 'utf8')) as RecipeExportPackage;
    const altered = structuredClone(pkg);
    const firstWeighing = altered.recipe.procedure.operations
      .flatMap((operation) => operation.steps)
      .find((step) => step.type === 'weighing')!;
    firstWeighing.title = `${firstWeighing.title} (edited)`;
    const alteredFile = join(elsewhere.dataDir, '..', 'altered.json');
    writeFileSync(alteredFile, JSON.stringify(altered, null, 2));
    const importArgs = (file: string) => [
      'recipe',
      'import',
      file,
      ...elsewhere.args,
      '--as',
      'sup.eve',
      '--json',
    ];

    const refused = await cli(importArgs(alteredFile), { EBR_PASSWORD: USER_PASSWORD });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("does not match the package's contentHash");
    expect(refused.stderr).toContain('Nothing was imported.');
    expect((await stateOf(elsewhere)).versions).toEqual([]);

    const reimported = await ebrCommand(importArgs(packageFile), { EBR_PASSWORD: USER_PASSWORD });
    expect(reimported.stderr).toBe('');
    expect(reimported.code).toBe(0);
    const summary = JSON.parse(reimported.stdout) as RecipeVersionSummary;
    expect(summary).toMatchObject({
      code: 'DEMO-BLEND',
      versionLabel: '1.0',
      status: 'draft',
      contentHash: pkg.contentHash,
      authorName: 'Sup.eve Tester',
    });
    expect(summary.id).not.toBe(demoId);
    await inApp(elsewhere, async (app) => {
      const { connection } = await signIn(app, 'sup.eve', USER_PASSWORD);
      const view = value<RecipeVersionView>(
        await connection.invoke('recipes.get', { versionId: summary.id }),
      );
      expect(view.recipe).toEqual(pkg.recipe);
      // Approval does not travel: it is reviewed and approved again here.
      expect(view.signatures).toEqual([]);
    });
  }, 30_000);

  it('refuses to export a version whose stored content no longer matches its approval (exit 1, no file)', async () => {
    const raw = openRaw(site.dataDir, site.recoveryKey);
    try {
      raw.exec('DROP TRIGGER recipe_versions_content_immutable');
      raw
        .prepare(
          "UPDATE recipe_versions SET content = replace(content, 'Demo tablet blend', 'Demo tablet blend!') WHERE id = ?",
        )
        .run(demoId);
    } finally {
      raw.close();
    }
    const out = join(site.dataDir, '..', 'tampered.json');
    const refused = await cli([
      'recipe',
      'export',
      'DEMO-BLEND',
      '--version',
      '1.0',
      '--out',
      out,
      ...site.args,
    ]);
    const verified = await cli(['verify-audit', ...site.args]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'NOT EXPORTED: the stored content of DEMO-BLEND 1.0 no longer matches its approval',
    );
    expect(refused.stderr).toMatch(
      /INVALID SIGNATURE [0-9a-f-]{36} by Qa\.quinn Tester: The record changed after it was signed\./,
    );
    expect(existsSync(out)).toBe(false);
    expect(verified.code).toBe(1);
    expect(verified.stderr).toContain(`on recipe-version ${demoId}: The record changed after it was signed.`);
  }, 30_000);
});
