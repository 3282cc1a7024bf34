/**
 * `ebr demo`: a demonstration terminal built through the same channels people use — accounts,
 * recipes approved by signature, simulated instruments and batches in every interesting state —
 * so its audit trail and every signature verify. The store is marked DEMO at setup, for good.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RecipeVersionView } from '../../../shared/contract/recipes';
import { EbrError } from '../../../shared/errors';
import { createApp } from '../app';
import { manualClock, toUtcIso } from '../clock';
import { recoveryKeyProvider } from '../keys/recovery-key';
import { initializeDataDir } from '../setup/initialize';
import { DEMO_ADMIN, DEMO_LOCKED_OUT, DEMO_SETUP_PASSWORD, DEMO_TERMINAL } from './demo-cast';
import { buildDemoBatches, type DemoBatch } from './demo-batches';
import { call, DemoFloor, signInWindow } from './demo-floor';
import { registerDemoInstruments } from './demo-instruments';
import { registerDemoWorld } from './demo-world';

const RECIPES = fileURLToPath(new URL('../../../resources/recipes/', import.meta.url));
/** The demo's story starts this long before it is built, and ends before "now". */
const STORY_HOURS = 8;
const MINUTE = 60_000;

export interface DemoResult {
  recoveryKey: string;
  terminalFingerprint: string;
  batches: DemoBatch[];
  /** Electronic signatures applied (each an Argon2 password check). */
  signatures: number;
}

interface RecipeText {
  header: { versionLabel: string; description?: string };
  procedure: { operations: { steps: { id: string; maxMinutes?: number }[] }[] };
}

function recipeFile(
  fileName: string,
  revise?: (recipe: RecipeText) => void,
): { fileName: string; base64: string } {
  const recipe = JSON.parse(readFileSync(`${RECIPES}${fileName}`, 'utf8')) as RecipeText;
  revise?.(recipe);
  return { fileName, base64: Buffer.from(JSON.stringify(recipe, null, 2)).toString('base64') };
}

/** Version 1.1 of the demo blend: a longer blending window for a new blender (what its reviewer compares). */
function widenBlendTime(recipe: RecipeText): void {
  recipe.header.versionLabel = '1.1';
  recipe.header.description = `${recipe.header.description ?? ''} Version 1.1: blend time up to 14 min for the new blender.`;
  const blendTime = recipe.procedure.operations
    .flatMap((operation) => operation.steps)
    .find((step) => step.id === 'blend_time');
  if (!blendTime) throw new EbrError('INTERNAL', 'The demo blend recipe has no blend_time step to revise.');
  blendTime.maxMinutes = 14;
}

/** Sven authors, Quinn approves by signature and makes effective. */
async function effectiveRecipe(floor: DemoFloor, fileName: string): Promise<RecipeVersionView> {
  const author = floor.window('sven').connection;
  const qa = floor.window('quinn').connection;
  const imported = await call<RecipeVersionView>(author, 'recipes.import', recipeFile(fileName));
  await call(author, 'recipes.submit', { versionId: imported.id, reason: 'Ready for review' });
  await floor.pass(20);
  await call(qa, 'recipes.approve', {
    versionId: imported.id,
    comment: 'Reviewed against the master formula',
    credentials: floor.self('quinn'),
  });
  return call<RecipeVersionView>(qa, 'recipes.makeEffective', {
    versionId: imported.id,
    reason: 'Approved for production',
  });
}

export async function buildDemo(options: { dataDir: string; nowMs?: number }): Promise<DemoResult> {
  const storyEndMs = options.nowMs ?? Date.now();
  const clock = manualClock(storyEndMs - STORY_HOURS * 60 * MINUTE);
  const setup = await initializeDataDir({
    dataDir: options.dataDir,
    keyProvider: recoveryKeyProvider('00'.repeat(32)),
    admin: { username: DEMO_ADMIN.username, fullName: DEMO_ADMIN.fullName, password: DEMO_SETUP_PASSWORD },
    terminal: DEMO_TERMINAL,
    clock,
    demo: true,
  });
  const app = await createApp({
    dataDir: options.dataDir,
    keyProvider: recoveryKeyProvider(setup.recoveryKey),
    clock,
    sessionCheckIntervalMs: 0,
    backupCheckIntervalMs: 0,
    connectInstruments: false,
  });
  if (app.status !== 'ready') {
    throw new EbrError(
      'STORE_UNAVAILABLE',
      `The demo store did not open: ${app.refusal?.message ?? app.status}`,
    );
  }
  try {
    const floor = new DemoFloor(app, clock);
    floor.windows.set('admin', await signInWindow(app, DEMO_ADMIN, DEMO_SETUP_PASSWORD));
    for (const name of ['olga', 'oscar', 'sven', 'quinn', 'tina', 'mia', 'morgan'] as const) {
      await floor.hire(name, 'Demonstration staff');
    }
    const recipes = {
      blend: await effectiveRecipe(floor, 'demo-tablet-blend.json'),
      granulation: await effectiveRecipe(floor, 'wet-granulation-blend.json'),
    };
    const revision = await call<RecipeVersionView>(
      floor.window('sven').connection,
      'recipes.import',
      recipeFile('demo-tablet-blend.json', widenBlendTime),
    );
    await call(floor.window('sven').connection, 'recipes.submit', {
      versionId: revision.id,
      reason: 'Blending time widened for the new blender',
    });
    await registerDemoInstruments(floor);
    await registerDemoWorld(floor);
    const batches = await buildDemoBatches(floor, recipes);
    await lockOut(floor, DEMO_LOCKED_OUT);
    if (clock.now() > storyEndMs) {
      throw new EbrError('INTERNAL', `The demo story ran past now (${toUtcIso(clock.now())}).`);
    }
    for (const { connection } of floor.windows.values()) connection.close();
    const signatures = app
      .runtime!.store.sqlite.prepare('SELECT count(*) FROM signatures')
      .pluck()
      .get() as number;
    return {
      recoveryKey: setup.recoveryKey,
      terminalFingerprint: setup.terminalFingerprint,
      batches,
      signatures,
    };
  } finally {
    await app.close();
  }
}

/** Someone mistypes a password until the account locks: a security alert for the administrator. */
async function lockOut(floor: DemoFloor, username: string): Promise<void> {
  const window = floor.app.connect();
  for (let attempt = 0; attempt < 10; attempt++) {
    const result = await window.invoke('auth.login', { username, password: 'Wrong-Password-1' });
    if (!result.ok && result.error.code === 'ACCOUNT_LOCKED') break;
  }
  window.close();
}
