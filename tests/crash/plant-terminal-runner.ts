/**
 * The plant soak test's terminal: a child process that opens a real encrypted data folder enrolled
 * with the plant server, executes demo batches one after the other (the crash test's script, one
 * action at a time, resuming whatever batch it finds unfinished) and ships its log in the
 * background as the running app does. The parent kills it with SIGKILL and starts it again.
 * Configuration: EBR_PLANT_TERMINAL (JSON, below). Commands on stdin: `stop` (finish the action under
 * way and execute no more), `exit` (close the app and end).
 *
 * One line per event on stdout, written synchronously so the parent sees everything before a kill:
 *   ready <headSeq>                     store open, operator signed in
 *   done <headSeq>                      an action of the script committed
 *   batch <batchNumber> <headSeq>       a batch reached Execution complete
 *   ack <seq>                           the plant server acknowledged entries up to seq
 *   problem <reason>                    shipping was refused or the server could not be reached
 *   idle <headSeq>                      stopped: nothing more will be written
 */
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { readHeadMirror } from '../../electron/core/audit/head-mirror';
import { createApp, type Connection } from '../../electron/core/app';
import { manualClock } from '../../electron/core/clock';
import { dataFolderPath } from '../../electron/core/data-folder';
import { recoveryKeyProvider } from '../../electron/core/keys/recovery-key';
import { actionLabel, nextActionIndex, SCRIPT } from './demo-batch-script';
import { findBatch, performAction, resultValue, type ScriptDriverDeps } from './script-driver';

export interface PlantTerminalConfig {
  dataDir: string;
  recoveryKey: string;
  recipeVersionId: string;
  operator: { username: string; password: string };
  supervisor: { username: string; password: string };
  /** Batches are numbered PREFIX-001, PREFIX-002, … */
  batchPrefix: string;
  /** Where the clock starts when the store has no audit row to go by. */
  startMs: number;
  shippingIntervalMs: number;
}

const SECOND = 1000;

function say(line: string): void {
  writeSync(1, `${line}\n`);
}

async function main(): Promise<void> {
  const config = JSON.parse(process.env.EBR_PLANT_TERMINAL ?? '') as PlantTerminalConfig;
  let stopping = false;
  let exitRequested: () => void = () => {};
  const exit = new Promise<void>((resolve) => (exitRequested = resolve));
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line === 'stop') stopping = true;
    if (line === 'exit') exitRequested();
  });

  // The script's clock never runs behind what the store already records.
  const mirror = readHeadMirror(dataFolderPath(config.dataDir, 'auditHead'));
  const clock = manualClock(Math.max(config.startMs, mirror ? Date.parse(mirror.atUtc) + SECOND : 0));
  const app = await createApp({
    dataDir: config.dataDir,
    keyProvider: recoveryKeyProvider(config.recoveryKey),
    clock,
    sessionCheckIntervalMs: 0,
    backupCheckIntervalMs: 0,
    connectInstruments: false,
    plantShippingIntervalMs: config.shippingIntervalMs,
  });
  if (app.status !== 'ready') throw new Error(`store not ready: ${JSON.stringify(app.refusal)}`);
  const audit = app.runtime!.audit;
  const headSeq = () => audit.head()?.seq ?? 0;
  const head = audit.head();
  if (head) clock.set(Math.max(clock.now(), Date.parse(head.atUtc) + SECOND));

  let acknowledged = -1;
  let problem = '';
  const watch = setInterval(() => {
    const shipping = app.plantShipping();
    if (!shipping) return;
    if (shipping.ackSeq > acknowledged) say(`ack ${(acknowledged = shipping.ackSeq)}`);
    const reason = shipping.lastProblem?.reason ?? '';
    if (reason !== problem && reason !== '') say(`problem ${reason}`);
    problem = reason;
  }, 50);

  const signIn = async (user: { username: string; password: string }): Promise<Connection> => {
    const connection = app.connect();
    resultValue(await connection.invoke('auth.login', user), `sign-in of ${user.username}`);
    return connection;
  };
  const deps: ScriptDriverDeps = {
    clock,
    operator: await signIn(config.operator),
    signInSupervisor: () => signIn(config.supervisor),
    operatorPassword: config.operator.password,
    supervisor: config.supervisor,
    recipeVersionId: config.recipeVersionId,
    batchNumber: '',
  };
  say(`ready ${headSeq()}`);
  for (let number = 1; !stopping; number++) {
    deps.batchNumber = `${config.batchPrefix}-${String(number).padStart(3, '0')}`;
    let batch = await findBatch(deps);
    while (!stopping && nextActionIndex(batch) < SCRIPT.length) {
      const action = SCRIPT[nextActionIndex(batch)]!;
      clock.advance(5 * SECOND);
      resultValue(await performAction(deps, action, batch), actionLabel(action));
      say(`done ${headSeq()}`);
      batch = await findBatch(deps);
    }
    if (nextActionIndex(batch) >= SCRIPT.length) say(`batch ${deps.batchNumber} ${headSeq()}`);
  }
  say(`idle ${headSeq()}`);
  await exit;
  clearInterval(watch);
  await app.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`plant terminal failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
