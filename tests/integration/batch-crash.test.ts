/**
 * Crash safety (issue 6, item 7): a child process (tests/crash/batch-runner.ts) executes the demo
 * batch and is killed with SIGKILL at 100 seeded random points spread over the batch — during
 * start-up and sign-in, while signers re-authenticate, inside transactions (the runner pauses there
 * so that kills land before the commit), right after commits and right after it reports an action.
 * After each kill the store must open, the audit chain (with the head file as the kill left it) and
 * every signature must verify, no signature may be partial, the engine's invariants must hold,
 * nothing committed may be lost and the batch may never go backwards (tests/crash/store-checks.ts);
 * then the child starts again and resumes. EBR_CRASH_SEED=n replays another schedule.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHeadMirror } from '../../electron/core/audit/head-mirror';
import { dataFolderPath } from '../../electron/core/data-folder';
import { seededRandom } from '../bench/stats';
import type { CrashRunnerConfig } from '../crash/batch-runner';
import { SCRIPT } from '../crash/demo-batch-script';
import { bundleRunner, RunnerProcess, type KillMode, type KillPlan } from '../crash/runner-process';
import { checkProgress, checkStore, landing, type Landing, type Snapshot } from '../crash/store-checks';
import { batchFloor } from '../helpers/batch-setup';

const KILLS = 100;
const SEED = Number(process.env.EBR_CRASH_SEED ?? 20261102);
/** How long the runner sits inside each transaction, its changes written but not committed. */
const TX_PAUSE_MS = 12;

const killModes: { mode: KillMode; weight: number }[] = [
  { mode: 'start-up', weight: 0.1 },
  { mode: 'during-action', weight: 0.2 },
  { mode: 'in-transaction', weight: 0.45 },
  { mode: 'after-commit', weight: 0.1 },
  { mode: 'after-report', weight: 0.15 },
];

function pickMode(random: () => number): KillMode {
  let roll = random();
  for (const { mode, weight } of killModes) {
    roll -= weight;
    if (roll < 0) return mode;
  }
  return 'in-transaction';
}

/**
 * The next kill, spread evenly over the script: while the batch is ahead of an even spread, a kill
 * that lets nothing commit (start-up, or inside the transaction before its commit).
 */
function planKill(kills: number, snapshot: Snapshot, random: () => number): KillPlan {
  const even = (kills * SCRIPT.length) / KILLS;
  const targetIndex = Math.floor(even);
  const fraction = random();
  if (snapshot.scriptIndex >= SCRIPT.length) return { mode: 'start-up', targetIndex, fraction };
  if (snapshot.scriptIndex > even) {
    return random() < 0.3
      ? { mode: 'start-up', targetIndex, fraction }
      : { mode: 'in-transaction', targetIndex, fraction: fraction * 0.6 * (TX_PAUSE_MS / (TX_PAUSE_MS + 4)) };
  }
  return { mode: pickMode(random), targetIndex, fraction };
}

let bundle: { file: string; dir: string } | undefined;
let dataDir: string;
let config: CrashRunnerConfig;
/** The next runner, loading while the current one runs and its kill is checked. */
let spare: RunnerProcess | undefined;

beforeAll(async () => {
  const [bundled, floor] = await Promise.all([bundleRunner(), batchFloor()]);
  bundle = bundled;
  dataDir = floor.fresh.dataDir;
  config = {
    dataDir,
    recoveryKey: floor.fresh.recoveryKey,
    recipeVersionId: floor.recipes['demo-tablet-blend.json']!.id,
    operator: { username: 'olga', password: floor.olga.password },
    supervisor: { username: 'sven', password: floor.sven.password },
    startMs: floor.fresh.clock.now() + 60_000,
    txPauseMs: TX_PAUSE_MS,
  };
  await floor.fresh.app.close();
}, 90_000);

afterAll(() => {
  spare?.dispose();
  if (dataDir) rmSync(join(dataDir, '..'), { recursive: true, force: true });
  if (bundle) rmSync(bundle.dir, { recursive: true, force: true });
});

const average = (values: number[]) =>
  values.length === 0 ? 0 : Math.round(values.reduce((sum, value) => sum + value, 0) / values.length);

describe('crash safety of batch execution', () => {
  it(`survives ${KILLS} SIGKILLs at random points and completes the batch`, async () => {
    const began = performance.now();
    const random = seededRandom(SEED);
    const headFile = dataFolderPath(dataDir, 'auditHead');
    const modes = new Map<KillMode, number>();
    const landings = new Map<Landing, number>();
    const timings = {
      opened: [] as number[],
      ready: [] as number[],
      killed: [] as number[],
      check: [] as number[],
    };
    const check = async () => {
      const started = performance.now();
      const snapshot = await checkStore(dataDir, config.recoveryKey, readHeadMirror(headFile));
      timings.check.push(performance.now() - started);
      return snapshot;
    };
    const runNext = (plan: KillPlan | null, last = false) => {
      const runner = spare ?? new RunnerProcess(bundle!.file, config);
      spare = last ? undefined : new RunnerProcess(bundle!.file, config);
      return runner.run(plan, average(timings.ready) || 300);
    };

    let snapshot = await check();
    let kills = 0;
    while (kills < KILLS) {
      const plan = planKill(kills, snapshot, random);
      const outcome = await runNext(plan);
      const context = `seed ${SEED}, kill ${kills + 1} (${plan.mode} at action ≥ ${plan.targetIndex}):\n${outcome.lines.join('\n')}\n${outcome.stderr}`;
      expect(outcome.stderr, context).toBe('');
      if (outcome.openedAfterMs !== null) timings.opened.push(outcome.openedAfterMs);
      if (outcome.readyAfterMs !== null) timings.ready.push(outcome.readyAfterMs);
      if (!outcome.killed) {
        // The batch was complete and the runner ended before the start-up kill fell.
        expect(outcome.exitCode, context).toBe(0);
        expect(outcome.lines, context).toContain('complete');
        continue;
      }
      kills += 1;
      timings.killed.push(outcome.lifetimeMs);
      modes.set(plan.mode, (modes.get(plan.mode) ?? 0) + 1);
      let current: Snapshot;
      try {
        current = await check();
        checkProgress(snapshot, current, outcome.lines);
      } catch (error) {
        throw new Error(`${context}\n${(error as Error).message}`, { cause: error });
      }
      const where = landing(outcome.lines, current.auditSeq);
      landings.set(where, (landings.get(where) ?? 0) + 1);
      snapshot = current;
    }

    const final = await runNext(null, true);
    expect(final.stderr).toBe('');
    expect(final.exitCode).toBe(0);
    expect(final.lines).toContain('complete');
    const end = await check();
    expect(end.status).toBe('execution-complete');
    expect(end.scriptIndex).toBe(SCRIPT.length);
    checkProgress(snapshot, end, final.lines);

    const leftovers = readdirSync(dataDir).filter((name) => name.endsWith('.tmp'));
    const counts = (map: Map<string, number>) => [...map].map(([key, count]) => `${key} ${count}`).join(', ');
    console.log(
      [
        `crash test: ${kills} kills in ${((performance.now() - began) / 1000).toFixed(1)} s (seed ${SEED})`,
        `  kill modes: ${counts(modes)}`,
        `  landed: ${counts(landings)}`,
        `  runner after "go" (averages): store open ${average(timings.opened)} ms, operator signed in ${average(timings.ready)} ms, killed ${average(timings.killed)} ms`,
        `  check after each kill: ${average(timings.check)} ms on average`,
        `  head-file temporaries left by kills: ${leftovers.length}`,
      ].join('\n'),
    );
    // About 60 s of CPU in all (100 runner starts, each signing in: Argon2); the timeout leaves
    // room for a machine busy with other work.
  }, 240_000);
});
