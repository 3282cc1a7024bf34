/**
 * TEST SEAM, for the kill tests only (tests/integration/backup-kill.test.ts): with
 * EBR_TEST_PAUSE_AT set, every phase a backup or an export passes is announced on stderr as
 * `EBR_TEST_PHASE <phase>`, and at the phase it names the process prints `EBR_TEST_PAUSED <phase>`
 * and waits for ever — so that the test can look at the files and SIGKILL it exactly there.
 * Without the variable (the application, the CLI in use) this does nothing.
 */
export async function pauseAtPhaseForTests(phase: string): Promise<void> {
  const pauseAt = process.env.EBR_TEST_PAUSE_AT;
  if (!pauseAt) return;
  process.stderr.write(`EBR_TEST_PHASE ${phase}\n`);
  if (pauseAt !== phase) return;
  process.stderr.write(`EBR_TEST_PAUSED ${phase}\n`);
  // A timer keeps the process alive; only the test's SIGKILL ends it.
  await new Promise<never>(() => setInterval(() => undefined, 60_000));
}
