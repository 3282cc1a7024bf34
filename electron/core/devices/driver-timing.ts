/** The driver's clocks. Defaults suit a real instrument at 9600 baud; tests shorten them. */
export interface DriverTiming {
  /** Commands answered at once (SI, I4, ?SN, ESC P). */
  commandTimeoutMs: number;
  /** Commands the instrument answers once stable (S, T, Z): longer than the instrument's own stability timeout. */
  settleTimeoutMs: number;
  /** Idle time after which the driver checks the instrument is still there; 0 turns the heartbeat off. */
  heartbeatIntervalMs: number;
  /** Missed heartbeats in a row before the connection counts as lost. */
  heartbeatMisses: number;
  /** Pause after a command that answers nothing (ESC T, A&D T), before the next one. */
  noReplyPauseMs: number;
  /** After a failed command, line silence awaited so a late answer cannot be taken for the next one… */
  resyncQuietMs: number;
  /** …but never waiting longer than this (a streaming instrument is never silent). */
  resyncMaxMs: number;
  /** First reconnect delay; doubled after each failed attempt… */
  reconnectInitialMs: number;
  /** …up to this. */
  reconnectMaxMs: number;
  /** Polling interval for a stable value where the protocol has no stable-read command (SBI). */
  stablePollMs: number;
  /** Commands allowed to wait behind the one in flight; more are refused as busy. */
  maxQueuedCommands: number;
}

export const defaultDriverTiming: DriverTiming = {
  commandTimeoutMs: 2_000,
  settleTimeoutMs: 15_000,
  heartbeatIntervalMs: 5_000,
  heartbeatMisses: 2,
  noReplyPauseMs: 150,
  resyncQuietMs: 200,
  resyncMaxMs: 1_000,
  reconnectInitialMs: 500,
  reconnectMaxMs: 30_000,
  stablePollMs: 250,
  maxQueuedCommands: 16,
};

/** Exponential backoff, bounded: initial, 2×, 4×, … up to max. */
export function reconnectDelay(
  attempt: number,
  timing: Pick<DriverTiming, 'reconnectInitialMs' | 'reconnectMaxMs'>,
): number {
  return Math.min(timing.reconnectMaxMs, timing.reconnectInitialMs * 2 ** Math.max(0, Math.min(attempt, 30)));
}
