/**
 * The driver for one instrument on one port: a state machine over a transport.
 *
 *   idle → connecting → ready ⇄ (streaming)          connect(): open, identify, check the serial number
 *              ↑    ↘ refused                         serial number differs from the registry: stays refused
 *              └── disconnected ← (port lost, heartbeat missed, identification failed)
 *                       reconnects with bounded exponential backoff
 *   any → closed                                      close()
 *
 * Bytes go through the protocol's framer (length cap) and pure decoder; commands go one at a
 * time through the command channel. Events: `state`, `reading`, `scan`, `fault`.
 *
 * Every message reads "<instrument> on <port>: what happened — what to do", and speaks of
 * reconnecting only when the driver does reconnect.
 */
import { EventEmitter } from 'node:events';
import { systemClock, type Clock } from '../clock';
import {
  identityText,
  isReadingReply,
  readingFrom,
  refusal,
  tareFrom,
  toReading,
  type AnswerContext,
  type TareResult,
} from './answer-meaning';
import { CommandChannel, type Answer } from './command-channel';
import { DeviceError } from './device-error';
import type { DriverEvents, DriverStatus, LineFault } from './driver-types';
import { defaultDriverTiming, reconnectDelay, type DriverTiming } from './driver-timing';
import { LineFramer, type Frame } from './framing/line-framer';
import { nextEvent } from './next-event';
import type { InstrumentCommand, InstrumentProtocol } from './protocols/protocol';
import { rawBytes, shownLine, type InstrumentIdentity, type Reading, type ScanRead } from './reading';
import type { Transport } from './transport';

export type { DriverEvents, DriverState, DriverStatus, LineFault } from './driver-types';
export type { TareResult } from './answer-meaning';

export interface DriverOptions {
  protocol: InstrumentProtocol;
  transport: Transport;
  /** From the registry: connecting to an instrument that reports another serial number is refused. */
  expectedSerialNumber?: string;
  /** How operators know it: "Balance WS-03". Defaults to the protocol's label. */
  instrumentName?: string;
  timing?: Partial<DriverTiming>;
  clock?: Clock;
  /** Reconnect after a loss (default). Off for one-shot use such as `ebr device probe`. */
  reconnect?: boolean;
}

const isDeviceError = (error: unknown): error is DeviceError => error instanceof DeviceError;

export class InstrumentDriver extends EventEmitter<DriverEvents> {
  readonly protocol: InstrumentProtocol;
  readonly timing: DriverTiming;
  private readonly transport: Transport;
  private readonly clock: Clock;
  private readonly framer: LineFramer;
  private readonly channel: CommandChannel;
  private readonly reconnectEnabled: boolean;
  private current: DriverStatus = { state: 'idle', streaming: false };
  /** Bumped on every open, loss and close: continuations of an older connection see it and stop. */
  private session = 0;
  private transportOpen = false;
  private reconnectAttempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private heartbeatRunning = false;
  private missedHeartbeats = 0;
  private lastHeardAt = 0;
  private wantStreaming = false;
  /** The attempt `connect()` started, while it runs. */
  private attempting: Promise<DriverStatus> | undefined;
  private latest: Reading | undefined;

  constructor(private readonly options: DriverOptions) {
    super();
    this.protocol = options.protocol;
    this.transport = options.transport;
    this.timing = { ...defaultDriverTiming, ...options.timing };
    this.clock = options.clock ?? systemClock;
    this.reconnectEnabled = options.reconnect ?? true;
    this.framer = new LineFramer(this.protocol.framing);
    this.channel = new CommandChannel({
      write: (bytes) => this.transport.write(bytes),
      timing: this.timing,
      describeInstrument: () => this.describe(),
      onFailure: () => this.discardPartialLine(),
    });
  }

  get status(): DriverStatus {
    return { ...this.current };
  }

  get identity(): InstrumentIdentity | undefined {
    return this.current.identity;
  }

  get port(): string {
    return this.transport.path;
  }

  /** What is buffered right now: an unfinished line, commands waiting. Both are bounded. */
  get backlog(): { pendingLineBytes: number; queuedCommands: number } {
    return { pendingLineBytes: this.framer.pendingLength, queuedCommands: this.channel.queued };
  }

  /** The last reading received (answer or stream), for a display that opens late. */
  get latestReading(): Reading | undefined {
    return this.latest;
  }

  /**
   * Opens the port and identifies the instrument. Resolves after the first attempt: `ready`,
   * `refused`, or `disconnected` (then retrying in the background unless reconnect is off).
   */
  connect(): Promise<DriverStatus> {
    const { state } = this.current;
    if (state === 'closed') return Promise.reject(this.closedError());
    if (this.attempting) return this.attempting;
    if (state === 'ready') return Promise.resolve(this.status);
    // idle, refused, or disconnected (then: try now rather than at the next scheduled retry).
    return this.startAttempt();
  }

  /** A stable reading (or overload/underload). While streaming, the next stable one from the stream. */
  async readStable(): Promise<Reading> {
    const session = this.requireReady();
    if (this.current.streaming) {
      return nextEvent(
        this,
        'reading',
        (reading) => reading.status !== 'unstable',
        this.timing.settleTimeoutMs,
        `${this.describe()}: did not become stable within ${this.seconds(this.timing.settleTimeoutMs)} s — ` +
          'keep the pan still and free of draughts, then try again',
        () => this.describe(),
      );
    }
    const { readStable, readImmediate } = this.protocol.commands;
    if (readStable) return readingFrom(this.meaning(), await this.exchange(readStable, session), readStable);
    if (!readImmediate) throw this.unsupported('reading a value');
    // No stable-read command (SBI): ask until the value is stable.
    const deadline = performance.now() + this.timing.settleTimeoutMs;
    for (;;) {
      const reading = readingFrom(this.meaning(), await this.exchange(readImmediate, session), readImmediate);
      if (reading.status !== 'unstable') return reading;
      if (performance.now() + this.timing.stablePollMs > deadline) {
        throw new DeviceError(
          'not-executable',
          `${this.describe()}: did not become stable within ${this.seconds(this.timing.settleTimeoutMs)} s — ` +
            'keep the pan still and free of draughts, then try again',
          reading.raw,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, this.timing.stablePollMs));
      this.requireReady(session);
    }
  }

  /** The current reading, stable or not. */
  async readImmediate(): Promise<Reading> {
    const session = this.requireReady();
    const command = this.protocol.commands.readImmediate;
    if (!command) throw this.unsupported('reading a value');
    return readingFrom(this.meaning(), await this.exchange(command, session), command);
  }

  /** Tares; returns the stored tare where the protocol reports it (MT-SICS). */
  async tare(): Promise<TareResult> {
    const session = this.requireReady();
    const command = this.protocol.commands.tare;
    if (!command) throw this.unsupported('taring');
    return tareFrom(this.meaning(), await this.exchange(command, session), command, 'Tare');
  }

  /** The tare the balance holds now (MT-SICS TA). */
  async readTare(): Promise<TareResult> {
    const session = this.requireReady();
    const command = this.protocol.commands.readTare;
    if (!command) throw this.unsupported('reading the tare');
    return tareFrom(this.meaning(), await this.exchange(command, session), command, 'Reading the tare');
  }

  async zero(): Promise<void> {
    const session = this.requireReady();
    const command = this.protocol.commands.zero;
    if (!command) throw this.unsupported('zeroing');
    const answer = await this.exchange(command, session);
    if (!answer || answer.reply.kind === 'done') return;
    throw refusal(this.meaning(), answer, command, 'Zero', 'zero-setting range — empty the pan');
  }

  /** Continuous readings (MT-SICS SIR, A&D SIR, ph-mt MIR); kept on across reconnects until stopped. */
  async startStreaming(): Promise<void> {
    const session = this.requireReady();
    if (!this.protocol.commands.startStream) throw this.unsupported('continuous readings');
    this.wantStreaming = true;
    await this.beginStream(session);
  }

  async stopStreaming(): Promise<void> {
    this.wantStreaming = false;
    const command = this.protocol.commands.stopStream;
    if (!this.current.streaming || !command) return;
    const session = this.requireReady();
    const answer = await this.exchange(command, session);
    this.setStatus({ streaming: false });
    if (answer) this.checkReportedSerial(identityText(answer.reply, 'serialNumber'));
  }

  /** The next scan (barcode scanners), or a timeout error. */
  nextScan(timeoutMs: number): Promise<ScanRead> {
    this.requireReady();
    const message = `${this.describe()}: no barcode was scanned within ${this.seconds(timeoutMs)} s — scan a label`;
    return nextEvent(
      this,
      'scan',
      () => true,
      timeoutMs,
      message,
      () => this.describe(),
    );
  }

  async close(): Promise<void> {
    if (this.current.state === 'closed') return;
    this.clearTimers();
    const stop = this.protocol.commands.stopStream;
    const cancel = this.channel.inFlight?.cancel;
    if (this.current.streaming && this.transportOpen && stop) {
      // Leave the instrument quiet for whoever opens the port next; best effort.
      await this.channel.run(stop, this.timing.commandTimeoutMs).catch(() => undefined);
    } else if (cancel && this.transportOpen) {
      // A command still under way inside the instrument (A&D S) would answer whoever comes next.
      await this.transport.write(cancel.bytes).catch(() => undefined);
    }
    this.session++;
    this.channel.abortAll(this.closedError());
    this.framer.discardPartial();
    const wasOpen = this.transportOpen;
    this.transportOpen = false;
    if (wasOpen) await this.transport.close();
    this.setStatus({ state: 'closed', message: undefined, streaming: false, retryInMs: undefined });
  }

  // ---- connection lifecycle ----------------------------------------------------------------------

  /** One attempt at a time: `connect()` during a background reconnect joins it. */
  private startAttempt(): Promise<DriverStatus> {
    const attempt = this.attempt().then(
      () => this.status,
      (error: unknown) => {
        // attempt() handles its own failures; anything else is a bug worth seeing, not a crash.
        this.reportFault(
          'instrument-error',
          `connection attempt failed: ${(error as Error).message}`,
          Buffer.alloc(0),
        );
        return this.status;
      },
    );
    this.attempting = attempt;
    const done = () => {
      if (this.attempting === attempt) this.attempting = undefined;
    };
    attempt.then(done, done);
    return attempt;
  }

  private async attempt(): Promise<void> {
    this.clearTimers();
    const session = ++this.session;
    this.setStatus({ state: 'connecting', message: undefined, retryInMs: undefined, streaming: false });
    try {
      await this.transport.open({
        data: (chunk) => this.onData(session, chunk),
        lost: (reason) => this.onLost(session, reason),
      });
    } catch (error) {
      if (session === this.session) this.scheduleReconnect(`${this.describe()}: ${(error as Error).message}`);
      return;
    }
    if (session !== this.session) {
      await this.transport.close();
      return;
    }
    this.transportOpen = true;
    this.lastHeardAt = performance.now();
    let identity: InstrumentIdentity;
    try {
      identity = await this.identify(session);
    } catch (error) {
      if (session !== this.session) return;
      await this.dropConnection();
      this.scheduleReconnect(`${this.describe()}: did not identify itself: ${this.reason(error)}`);
      return;
    }
    if (session !== this.session) return;
    const refusal = this.serialRefusal(identity.serialNumber);
    if (refusal) {
      await this.refuse(refusal, identity);
      return;
    }
    this.reconnectAttempt = 0;
    this.missedHeartbeats = 0;
    this.setStatus({ state: 'ready', identity, message: undefined });
    this.startHeartbeat(session);
    if (this.wantStreaming) {
      this.beginStream(session).catch((error: unknown) => {
        if (session === this.session)
          this.reportFault('instrument-error', (error as Error).message, Buffer.alloc(0));
      });
    }
  }

  private async identify(session: number): Promise<InstrumentIdentity> {
    const { reset, serialNumber, model } = this.protocol.commands;
    if (reset) await this.exchange(reset, session);
    const identity: InstrumentIdentity = {};
    if (serialNumber) {
      const answer = await this.exchange(serialNumber, session);
      const serial = answer && identityText(answer.reply, 'serialNumber');
      if (serial === undefined) {
        throw new DeviceError(
          'not-executable',
          `${this.describe()}: it answered "${answer ? shownLine(answer.raw) : ''}" instead of its serial number`,
        );
      }
      identity.serialNumber = serial;
      if (answer?.reply.kind === 'identity' && answer.reply.answer !== undefined)
        identity.serialNumberAnswer = answer.reply.answer;
    }
    if (model) {
      try {
        const answer = await this.exchange(model, session);
        const text = answer && identityText(answer.reply, 'model');
        if (text !== undefined) identity.model = text;
        if (answer?.reply.kind === 'identity' && answer.reply.capacity)
          identity.capacity = answer.reply.capacity;
      } catch (error) {
        // The model is for the record only; a balance that will not say it is still usable.
        if (!isDeviceError(error) || error.code === 'disconnected' || session !== this.session) throw error;
      }
    }
    return identity;
  }

  private serialRefusal(reported: string | undefined): string | undefined {
    const expected = this.options.expectedSerialNumber?.trim();
    if (expected === undefined || expected === '' || !this.protocol.commands.serialNumber) return undefined;
    if (reported?.trim() === expected) return undefined;
    return (
      `${this.describe()}: reports serial number "${reported ?? ''}", but "${expected}" is registered — ` +
      'connect the registered instrument, or have a technician update the instrument registry'
    );
  }

  private async refuse(message: string, identity: InstrumentIdentity): Promise<void> {
    await this.dropConnection(new DeviceError('not-connected', message));
    this.setStatus({ state: 'refused', message, identity, streaming: false });
  }

  private onLost(session: number, reason: string): void {
    if (session !== this.session) return;
    this.session++;
    this.transportOpen = false;
    const message = `${this.describe()}: was disconnected (${reason}) — check the cable`;
    this.abandonConnection(new DeviceError('disconnected', message));
    this.scheduleReconnect(message);
  }

  /** Closes the port on our side (heartbeat lost, identification failed, refused). */
  private async dropConnection(
    error = new DeviceError('disconnected', `${this.describe()}: stopped answering`),
  ): Promise<void> {
    this.session++;
    this.abandonConnection(error);
    const wasOpen = this.transportOpen;
    this.transportOpen = false;
    if (wasOpen) await this.transport.close();
  }

  private abandonConnection(error: DeviceError): void {
    this.stopHeartbeat();
    this.channel.abortAll(error);
    this.framer.discardPartial();
    if (this.current.streaming) this.setStatus({ streaming: false });
  }

  /** Disconnected for `message`; "reconnecting" is added only when the driver will. */
  private scheduleReconnect(message: string): void {
    if (this.current.state === 'closed') return;
    if (!this.reconnectEnabled) {
      this.setStatus({ state: 'disconnected', message, streaming: false, retryInMs: undefined });
      return;
    }
    const delay = reconnectDelay(this.reconnectAttempt++, this.timing);
    this.setStatus({
      state: 'disconnected',
      message: `${message}; reconnecting`,
      streaming: false,
      retryInMs: delay,
    });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.startAttempt();
    }, delay);
  }

  // ---- heartbeat ---------------------------------------------------------------------------------

  private startHeartbeat(session: number): void {
    this.stopHeartbeat();
    if (this.timing.heartbeatIntervalMs <= 0) return;
    this.heartbeatTimer = setInterval(() => this.heartbeat(session), this.timing.heartbeatIntervalMs);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private heartbeat(session: number): void {
    if (session !== this.session || this.current.state !== 'ready' || this.heartbeatRunning) return;
    const silentFor = performance.now() - this.lastHeardAt;
    if (this.current.streaming) {
      // A stream is its own heartbeat.
      if (silentFor > this.timing.heartbeatIntervalMs) this.missedHeartbeat(session, 'readings stopped');
      else this.missedHeartbeats = 0;
      return;
    }
    const command = this.protocol.commands.serialNumber;
    if (!command || silentFor < this.timing.heartbeatIntervalMs || !this.channel.idle) return;
    this.heartbeatRunning = true;
    this.exchange(command, session)
      .then((answer) => {
        if (answer) this.checkReportedSerial(identityText(answer.reply, 'serialNumber'));
      })
      .catch(() => undefined)
      .finally(() => {
        this.heartbeatRunning = false;
      });
  }

  private missedHeartbeat(session: number, reason: string): void {
    if (++this.missedHeartbeats < this.timing.heartbeatMisses || session !== this.session) return;
    void this.dropConnection().then(() =>
      this.scheduleReconnect(`${this.describe()}: stopped answering (${this.reason(reason)})`),
    );
  }

  /** An instrument that now reports another serial number was swapped (or restarted as another). */
  private checkReportedSerial(serial: string | undefined): void {
    const known = this.current.identity?.serialNumber;
    if (serial === undefined || known === undefined || serial.trim() === known.trim()) return;
    const refusal =
      this.serialRefusal(serial) ??
      `${this.describe()}: now reports serial number "${serial}" instead of "${known}" — the instrument was swapped`;
    void this.refuse(refusal, { ...this.current.identity, serialNumber: serial });
  }

  // ---- bytes in ----------------------------------------------------------------------------------

  private onData(session: number, chunk: Buffer): void {
    if (session !== this.session) return;
    this.lastHeardAt = performance.now();
    this.channel.heard();
    const receivedAtMs = this.clock.now();
    for (const frame of this.framer.push(chunk)) this.onFrame(frame, receivedAtMs);
  }

  private onFrame(frame: Frame, receivedAtMs: number): void {
    if (frame.kind === 'overlong') {
      const problem = `a line of ${frame.length} bytes, longer than the ${this.protocol.framing.maxLength}-byte limit, was skipped`;
      this.reportFault('overlong', problem, frame.raw, receivedAtMs);
      this.channel.unreadable(problem, frame.raw);
      return;
    }
    const result = this.protocol.decode(frame.content);
    if (!result.ok) {
      this.reportFault('unreadable', result.error, frame.raw, receivedAtMs);
      this.channel.unreadable(result.error, frame.raw);
      return;
    }
    const { reply } = result;
    if (reply.kind === 'scan') {
      this.emit('scan', {
        data: reply.data,
        symbology: reply.symbology,
        raw: rawBytes(frame.raw),
        receivedAtMs,
      });
      return;
    }
    const reading = isReadingReply(this.protocol, reply)
      ? toReading(this.protocol, reply, frame.raw, receivedAtMs)
      : undefined;
    if (reading) {
      this.latest = reading;
      this.emit('reading', reading);
    }
    if (this.channel.offer(reply, frame.raw, receivedAtMs)) return;
    if (reply.kind === 'instrument-error') {
      this.reportFault('instrument-error', `${reply.code}: ${reply.message}`, frame.raw, receivedAtMs);
    } else if (this.current.state === 'ready') {
      // MT-SICS balances announce their serial number after a restart.
      if (reply.kind === 'identity' && reply.field === 'serialNumber') this.checkReportedSerial(reply.text);
    }
  }

  private discardPartialLine(): void {
    const partial = this.framer.discardPartial();
    if (partial) {
      this.reportFault(
        'incomplete',
        'an unfinished line was discarded after a failed command',
        partial,
        this.clock.now(),
      );
    }
  }

  private reportFault(
    kind: LineFault['kind'],
    message: string,
    raw: Buffer,
    receivedAtMs = this.clock.now(),
  ): void {
    this.emit('fault', { kind, message, raw: rawBytes(raw), receivedAtMs });
  }

  // ---- commands ----------------------------------------------------------------------------------

  private async exchange(command: InstrumentCommand, session: number): Promise<Answer | undefined> {
    if (session !== this.session || !this.transportOpen) {
      throw new DeviceError('disconnected', `${this.describe()}: is not connected`);
    }
    const timeout = command.pace === 'settle' ? this.timing.settleTimeoutMs : this.timing.commandTimeoutMs;
    try {
      const answer = await this.channel.run(command, timeout);
      this.missedHeartbeats = 0;
      return answer;
    } catch (error) {
      if (isDeviceError(error) && error.code === 'timeout' && this.current.state === 'ready') {
        this.missedHeartbeat(session, error.message);
      }
      throw error;
    }
  }

  private async beginStream(session: number): Promise<void> {
    const command = this.protocol.commands.startStream;
    if (!command || this.current.streaming) return;
    await this.exchange(command, session);
    if (session === this.session) this.setStatus({ streaming: true });
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private requireReady(session?: number): number {
    if (this.current.state !== 'ready' || (session !== undefined && session !== this.session)) {
      const code = this.current.state === 'closed' ? 'closed' : 'not-connected';
      throw new DeviceError(
        code,
        this.current.message ?? `${this.describe()}: is not connected (${this.current.state})`,
      );
    }
    return this.session;
  }

  private unsupported(what: string): DeviceError {
    return new DeviceError(
      'unsupported',
      `${this.describe()}: ${this.protocol.label} has no command for ${what}`,
    );
  }

  private setStatus(change: Partial<DriverStatus>): void {
    // Closed is final: a continuation of an older connection must not revive the driver.
    if (this.current.state === 'closed') return;
    const next: DriverStatus = { ...this.current, ...change };
    for (const key of Object.keys(next) as (keyof DriverStatus)[]) {
      if (next[key] === undefined) delete next[key];
    }
    this.current = next;
    this.emit('state', { ...next });
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.stopHeartbeat();
  }

  private meaning(): AnswerContext {
    return { protocol: this.protocol, instrument: this.describe() };
  }

  private describeName(): string {
    return this.options.instrumentName ?? this.protocol.label;
  }

  private describe(): string {
    return `${this.describeName()} on ${this.transport.path}`;
  }

  /** A message of this driver's without its "<instrument> on <port>: " head, to nest in another. */
  private reason(error: unknown): string {
    const message = typeof error === 'string' ? error : (error as Error).message;
    const head = `${this.describe()}: `;
    return message.startsWith(head) ? message.slice(head.length) : message;
  }

  private closedError(): DeviceError {
    return new DeviceError('closed', `${this.describe()}: was closed`);
  }

  private seconds(ms: number): string {
    return (ms / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 });
  }
}
