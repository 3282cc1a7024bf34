/**
 * One command in flight at a time, the rest queued (bounded). Each command has its own timeout;
 * after a failure (timeout, unreadable or error answer) the channel waits for the line to fall
 * quiet before sending the next command, so a late answer is never taken for the next one's.
 * A command that timed out is cancelled in the instrument where the protocol has a way (A&D `C`).
 *
 * Messages read "<instrument> on <port>: what happened — what to do".
 */
import { DeviceError } from './device-error';
import type { DriverTiming } from './driver-timing';
import type { InstrumentCommand } from './protocols/protocol';
import { rawBytes } from './reading';
import type { InstrumentReply } from './replies';

export interface Answer {
  reply: InstrumentReply;
  /** The answer's line as received, terminator included. */
  raw: Buffer;
  receivedAtMs: number;
}

interface PendingCommand {
  command: InstrumentCommand;
  timeoutMs: number;
  resolve(answer: Answer | undefined): void;
  reject(error: DeviceError): void;
}

interface InFlight {
  pending: PendingCommand;
  timer: NodeJS.Timeout | undefined;
}

export interface CommandChannelOptions {
  write(bytes: Buffer): Promise<void>;
  timing: DriverTiming;
  /** "Balance WS-03 on /dev/ttyUSB0", for messages. */
  describeInstrument(): string;
  /** A command failed: whatever half line is buffered belongs to nothing any more. */
  onFailure(): void;
}

export class CommandChannel {
  private readonly queue: PendingCommand[] = [];
  private current: InFlight | undefined;
  private lastByteAt = Number.NEGATIVE_INFINITY;
  private resyncSince: number | undefined;
  private wakeTimer: NodeJS.Timeout | undefined;
  /** Bytes arrived since the connection opened: a later silence is not a dead cable. */
  private heardSinceOpen = false;

  constructor(private readonly options: CommandChannelOptions) {}

  /** Commands waiting behind the one in flight. */
  get queued(): number {
    return this.queue.length;
  }

  get idle(): boolean {
    return this.current === undefined && this.queue.length === 0;
  }

  /** Sends `command` when its turn comes; resolves with its answer (undefined for commands that answer nothing). */
  run(command: InstrumentCommand, timeoutMs: number): Promise<Answer | undefined> {
    if (this.queue.length >= this.options.timing.maxQueuedCommands) {
      return Promise.reject(
        new DeviceError(
          'busy',
          `${this.options.describeInstrument()}: too many commands waiting — try again`,
        ),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ command, timeoutMs, resolve, reject });
      this.pump();
    });
  }

  /** Bytes arrived: the line is not quiet. */
  heard(): void {
    this.lastByteAt = performance.now();
    this.heardSinceOpen = true;
  }

  /** The command waiting for its answer now, if any (to cancel it in the instrument on close). */
  get inFlight(): InstrumentCommand | undefined {
    return this.current?.pending.command;
  }

  /** A decoded reply; true when it was the answer (or the error answer) to the command in flight. */
  offer(reply: InstrumentReply, raw: Buffer, receivedAtMs: number): boolean {
    const current = this.current;
    const answers = current?.pending.command.answers;
    if (!current || !answers) return false;
    if (reply.kind === 'instrument-error') {
      this.fail(
        new DeviceError(
          'instrument-error',
          `${this.options.describeInstrument()}: answered "${current.pending.command.name}" with ${reply.code}: ${reply.message}`,
          rawBytes(raw),
        ),
      );
      return true;
    }
    if (!answers(reply)) return false;
    this.finish(current);
    current.pending.resolve({ reply, raw, receivedAtMs });
    this.pump();
    return true;
  }

  /** An unreadable line arrived: the answer may have been in it, so the command in flight fails. */
  unreadable(problem: string, raw: Buffer): void {
    const current = this.current;
    if (!current?.pending.command.answers) return;
    this.fail(
      new DeviceError(
        'unreadable-reply',
        `${this.options.describeInstrument()}: sent an unreadable answer to "${current.pending.command.name}" (${problem})`,
        rawBytes(raw),
      ),
    );
  }

  /** Rejects the command in flight and every queued one (connection lost, driver closed). */
  abortAll(error: DeviceError): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    this.resyncSince = undefined;
    this.heardSinceOpen = false;
    const current = this.current;
    if (current) {
      this.finish(current);
      current.pending.reject(error);
    }
    for (const pending of this.queue.splice(0)) pending.reject(error);
  }

  private pump(): void {
    if (this.current || this.queue.length === 0 || this.wakeTimer) return;
    if (this.resyncSince !== undefined) {
      const now = performance.now();
      const quietFor = now - this.lastByteAt;
      const waited = now - this.resyncSince;
      const { resyncQuietMs, resyncMaxMs } = this.options.timing;
      if (quietFor < resyncQuietMs && waited < resyncMaxMs) {
        const wait = Math.min(resyncQuietMs - quietFor, resyncMaxMs - waited);
        this.wakeTimer = setTimeout(
          () => {
            this.wakeTimer = undefined;
            this.pump();
          },
          Math.max(1, Math.ceil(wait)),
        );
        return;
      }
      this.resyncSince = undefined;
    }
    const pending = this.queue.shift()!;
    const current: InFlight = { pending, timer: undefined };
    this.current = current;
    current.timer = setTimeout(() => this.timedOut(current), pending.timeoutMs);
    this.options.write(pending.command.bytes).then(
      () => {
        if (this.current !== current || pending.command.answers) return;
        // Nothing will answer: give the instrument a moment before the next command.
        clearTimeout(current.timer);
        current.timer = setTimeout(() => {
          if (this.current !== current) return;
          this.finish(current);
          pending.resolve(undefined);
          this.pump();
        }, this.options.timing.noReplyPauseMs);
      },
      (error: Error) => {
        if (this.current !== current) return;
        this.fail(
          new DeviceError(
            'disconnected',
            `${this.options.describeInstrument()}: could not send "${pending.command.name}" (${error.message})`,
          ),
        );
      },
    );
  }

  private timedOut(current: InFlight): void {
    if (this.current !== current) return;
    const { command, timeoutMs } = current.pending;
    const seconds = (timeoutMs / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 });
    // The instrument may still be working on it (A&D S waits for stability): stop it, best effort.
    if (command.cancel) this.options.write(command.cancel.bytes).catch(() => undefined);
    const cancelled = command.cancel ? ` (cancelled with "${command.cancel.name}")` : '';
    const advice = !this.heardSinceOpen
      ? 'check that it is switched on, the cable, and the port settings'
      : command.pace === 'settle'
        ? 'it answered before, so the cable and settings work: it is probably still waiting for a stable value — keep the pan still and free of draughts'
        : 'it answered before, so the cable and settings work: it may be busy (a menu, calibration, printing) — check its display';
    this.fail(
      new DeviceError(
        'timeout',
        `${this.options.describeInstrument()}: did not answer "${command.name}" within ${seconds} s${cancelled} — ${advice}`,
      ),
    );
  }

  private fail(error: DeviceError): void {
    const current = this.current;
    if (!current) return;
    this.finish(current);
    this.resyncSince = performance.now();
    this.options.onFailure();
    current.pending.reject(error);
    this.pump();
  }

  private finish(current: InFlight): void {
    if (current.timer) clearTimeout(current.timer);
    current.timer = undefined;
    if (this.current === current) this.current = undefined;
  }
}
