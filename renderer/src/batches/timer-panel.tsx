import type { BatchStepView, BatchView } from '../../../shared/contract/batches';
import { formatUtcInstant } from '../format/time';
import { shortLocalTime } from '../recipes/recipe-time';
import { useSystemInfo } from '../system/system-info-context';

/** `1:05:09` or `12:04`: minutes and seconds, hours when there are any. */
export function formatDuration(ms: number, round: 'down' | 'up' = 'down'): string {
  const total = Math.max(0, (round === 'up' ? Math.ceil : Math.floor)(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}

export interface TimerState {
  /** When the clock started: the completion of the `from` step; null while that is not complete. */
  startedAtMs: number | null;
  elapsedMs: number | null;
  /** Whether the minimum time has passed (true when there is none). */
  minReached: boolean;
  maxExceeded: boolean;
}

export function timerState(batch: BatchView, step: BatchStepView, nowMs: number | null): TimerState {
  const definition = step.definition;
  if (definition.type !== 'timer')
    return { startedAtMs: null, elapsedMs: null, minReached: false, maxExceeded: false };
  const from = batch.steps.find((candidate) => candidate.id === definition.from);
  const startedAtMs = from?.completedAtUtc ? Date.parse(from.completedAtUtc) : null;
  const elapsedMs = startedAtMs !== null && nowMs !== null ? Math.max(0, nowMs - startedAtMs) : null;
  const minMs = (definition.minMinutes ?? 0) * 60_000;
  return {
    startedAtMs,
    elapsedMs,
    minReached: elapsedMs !== null && elapsedMs >= minMs,
    maxExceeded:
      elapsedMs !== null && definition.maxMinutes !== undefined && elapsedMs > definition.maxMinutes * 60_000,
  };
}

/** A running timer: when it started, how long it has run, what is left to the minimum, the maximum. */
export function TimerPanel({
  batch,
  step,
  nowMs,
}: {
  batch: BatchView;
  step: BatchStepView;
  nowMs: number | null;
}) {
  const { info } = useSystemInfo();
  const definition = step.definition;
  if (definition.type !== 'timer') return null;
  const from = batch.steps.find((candidate) => candidate.id === definition.from);
  const state = timerState(batch, step, nowMs);
  if (state.startedAtMs === null) {
    return (
      <p className="timer timer--waiting" data-testid="timer" data-state="waiting">
        The clock starts when “{from?.definition.title ?? definition.from}” is complete.
      </p>
    );
  }
  const startedIso = new Date(state.startedAtMs).toISOString();
  const minMs = definition.minMinutes !== undefined ? definition.minMinutes * 60_000 : null;
  const maxMs = definition.maxMinutes !== undefined ? definition.maxMinutes * 60_000 : null;
  const elapsed = state.elapsedMs;
  const status =
    elapsed === null ? 'syncing' : state.maxExceeded ? 'over' : state.minReached ? 'ready' : 'running';
  return (
    <div className={`timer timer--${status}`} data-testid="timer" data-state={status}>
      <p className="timer__started" data-testid="timer-start">
        Started {shortLocalTime(startedIso, info.timeZone)} ({formatUtcInstant(startedIso)}), when “
        {from?.definition.title}” was completed.
      </p>
      <div className="timer__clocks">
        <div className="timer__clock">
          <span className="timer__caption">Elapsed</span>
          <span className="timer__value" data-testid="timer-elapsed">
            {elapsed === null ? '…' : formatDuration(elapsed)}
          </span>
        </div>
        {minMs !== null ? (
          <div className="timer__clock">
            <span className="timer__caption">To the minimum ({definition.minMinutes} min)</span>
            <span className="timer__value" data-testid="timer-remaining">
              {elapsed === null ? '…' : state.minReached ? 'reached' : formatDuration(minMs - elapsed, 'up')}
            </span>
          </div>
        ) : null}
        {maxMs !== null ? (
          <div className="timer__clock">
            <span className="timer__caption">Maximum</span>
            <span className="timer__value timer__value--small" data-testid="timer-max">
              {definition.maxMinutes} min
              {elapsed !== null && !state.maxExceeded
                ? ` · ${formatDuration(maxMs - elapsed, 'up')} left`
                : ''}
            </span>
          </div>
        ) : null}
      </div>
      {state.maxExceeded ? (
        <p className="timer__over" role="alert" data-testid="timer-over">
          Over the maximum: completing records a time-limit exception, as the recipe says.
        </p>
      ) : null}
      {elapsed !== null && !state.minReached ? (
        <p className="timer__note">Complete becomes possible once the minimum time has passed.</p>
      ) : null}
    </div>
  );
}
