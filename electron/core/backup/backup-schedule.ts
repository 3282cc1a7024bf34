import type { Clock } from '../clock';

export interface BackupScheduleConfig {
  /** null: no daily backup. */
  folder: string | null;
  /** HH:MM, local time of the workstation. */
  timeOfDay: string;
}

export interface BackupScheduleDeps {
  clock: Clock;
  config(): BackupScheduleConfig;
  /** When the last scheduled backup was made (ms UTC) — from the audit trail, so it survives restarts. */
  lastScheduledBackupMs(): number | null;
  runBackup(folder: string): Promise<unknown>;
  /** A failed scheduled backup: someone must be told (e.g. a security alert). */
  onFailure?(error: unknown): void;
  /** How long to wait after a failure before trying again; default 15 minutes. */
  retryAfterMs?: number;
}

export type BackupTickOutcome =
  'not-configured' | 'not-due' | 'already-running' | 'waiting-to-retry' | 'backed-up' | 'failed';

const DEFAULT_RETRY_AFTER_MS = 15 * 60_000;

/** The most recent moment at or before `nowMs` when the daily backup was due (local time). */
export function latestDueMs(nowMs: number, timeOfDay: string): number {
  const [hours, minutes] = timeOfDay.split(':').map(Number) as [number, number];
  const due = new Date(nowMs);
  due.setHours(hours, minutes, 0, 0);
  if (due.getTime() > nowMs) due.setDate(due.getDate() - 1);
  return due.getTime();
}

/**
 * Runs one backup per day at the configured time, or as soon as possible after it (the
 * workstation was off, or a try failed). Time comes from the injected clock: `tick()` is all a
 * test needs; `start()` calls it on a timer in the application.
 */
export class BackupSchedule {
  private running = false;
  private lastFailureMs: number | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly deps: BackupScheduleDeps) {}

  /** When the next scheduled backup is due (ms UTC); null when none is configured. */
  nextDueMs(): number | null {
    const { folder, timeOfDay } = this.deps.config();
    if (folder === null) return null;
    const now = this.deps.clock.now();
    const latest = latestDueMs(now, timeOfDay);
    if ((this.deps.lastScheduledBackupMs() ?? -Infinity) < latest) return latest;
    const next = new Date(latest);
    next.setDate(next.getDate() + 1);
    return next.getTime();
  }

  async tick(): Promise<BackupTickOutcome> {
    const { folder, timeOfDay } = this.deps.config();
    if (folder === null) return 'not-configured';
    if (this.running) return 'already-running';
    const now = this.deps.clock.now();
    if ((this.deps.lastScheduledBackupMs() ?? -Infinity) >= latestDueMs(now, timeOfDay)) return 'not-due';
    const retryAfterMs = this.deps.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
    if (this.lastFailureMs !== null && now - this.lastFailureMs < retryAfterMs) return 'waiting-to-retry';
    this.running = true;
    try {
      await this.deps.runBackup(folder);
      this.lastFailureMs = null;
      return 'backed-up';
    } catch (error) {
      this.lastFailureMs = now;
      this.deps.onFailure?.(error);
      return 'failed';
    } finally {
      this.running = false;
    }
  }

  start(intervalMs = 60_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
