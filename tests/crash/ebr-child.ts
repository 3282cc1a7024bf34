/**
 * The bundled `ebr` command (cli-entry.ts, bundled by runner-process.ts) as a child process that
 * the kill test stops with SIGKILL: at a phase where the test seam (electron/core/test-seam.ts)
 * pauses it, or a given time after it announces a first phase.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
/** A child that neither pauses nor ends in this time is killed and the run fails. */
const CHILD_TIMEOUT_MS = 90_000;

export interface EbrChildRun {
  exitCode: number | null;
  killed: boolean;
  /** The phases the child announced, in order (EBR_TEST_PHASE lines). */
  phases: string[];
  stdout: string;
  stderr: string;
  /** What `atPause` threw (a failed expectation), rethrown by the test. */
  pauseError?: unknown;
}

export interface EbrChildOptions {
  /** Pause there, call `atPause` (files can be looked at), then SIGKILL. */
  pauseAt?: string;
  atPause?: () => Promise<void> | void;
  /** SIGKILL this long after the child announces `armAt` (a random point). */
  killAfter?: { armAt: string; ms: number };
  env?: Record<string, string>;
}

/** A seeded uniform generator in [0, 1) (mulberry32): the same seed, the same kill points. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function runEbrChild(
  bundle: string,
  args: string[],
  options: EbrChildOptions = {},
): Promise<EbrChildRun> {
  const child = spawn(process.execPath, [bundle, ...args], {
    env: {
      ...process.env,
      ...options.env,
      NODE_PATH: join(ROOT, 'node_modules'),
      // Announce every phase; pause only at the one named ('none' names none).
      EBR_TEST_PAUSE_AT: options.pauseAt ?? 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: EbrChildRun = { exitCode: null, killed: false, phases: [], stdout: '', stderr: '' };
  const kill = () => {
    if (!run.killed && child.exitCode === null) run.killed = child.kill('SIGKILL');
  };
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (run.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    run.stderr += chunk;
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      const [marker, phase] = line.split(' ');
      if (marker === 'EBR_TEST_PHASE' && phase) {
        run.phases.push(phase);
        if (options.killAfter?.armAt === phase) setTimeout(kill, options.killAfter.ms);
      }
      if (marker === 'EBR_TEST_PAUSED' && phase === options.pauseAt) {
        void Promise.resolve()
          .then(() => options.atPause?.())
          .catch((error: unknown) => (run.pauseError = error))
          .finally(kill);
      }
    }
  });
  const timeout = setTimeout(() => {
    run.stderr += `\n(test: no pause and no exit after ${CHILD_TIMEOUT_MS} ms)`;
    kill();
  }, CHILD_TIMEOUT_MS);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timeout);
      run.exitCode = code;
      resolve(run);
    }),
  );
}
