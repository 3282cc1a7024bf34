/**
 * The part every simulated instrument shares: bytes in from the host are cut into commands,
 * replies go out through a sink with optional fault injection. Subclasses answer commands.
 *
 * Faults: persistent `oneByteChunks`; one-shot faults (`inject`) applied to the next reply.
 */

export type Fault =
  /** The next reply is sent without its terminator (it glues onto the one after). */
  | { kind: 'missing-terminator' }
  /** The next reply ends with its terminator twice. */
  | { kind: 'doubled-terminator' }
  /** Unterminated garbage bytes just before the next reply (they corrupt it). */
  | { kind: 'garbage'; bytes?: Buffer }
  /** A whole line of garbage bytes, terminated, before the next reply. */
  | { kind: 'garbage-line'; bytes?: Buffer }
  /** A line of `length` printable bytes before the next reply. */
  | { kind: 'overlong'; length: number }
  /** The next reply is replaced by this line (ES, ET, EL, EC,E01, Err 54…). */
  | { kind: 'replace'; line: string }
  /** The next reply is never sent. */
  | { kind: 'silence' }
  /** Half of the next reply is sent, then the cable is pulled. */
  | { kind: 'unplug-mid-reply' };

/** Bytes that may not appear in garbage: CR, LF (they would end the line) and XON/XOFF (flow control). */
export const defaultGarbage = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x1b, 0x9c, 0x07]);

export interface SimulatorLink {
  send(bytes: Buffer): void;
  /** Pull the cable: the attachment makes the port disappear. */
  unplug(): void;
}

export abstract class InstrumentSimulator {
  /** Every command received, in order, for assertions. */
  readonly commands: string[] = [];
  /** Send every byte in its own write, spaced out, so the host sees 1-byte chunks. */
  oneByteChunks = false;
  protected terminator = '\r\n';
  private link: SimulatorLink | undefined;
  private readonly faults: Fault[] = [];
  private inbox = Buffer.alloc(0);
  private outbox: { bytes: Buffer; then?: () => void }[] = [];
  private sending = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  attach(link: SimulatorLink): void {
    this.link = link;
  }

  detach(): void {
    this.link = undefined;
    this.outbox = [];
    this.inbox = Buffer.alloc(0);
    this.clearTimers();
    this.onDetach();
  }

  inject(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  /** Bytes from the host. */
  receive(bytes: Buffer): void {
    this.inbox = Buffer.concat([this.inbox, bytes]);
    const { commands, rest } = this.splitCommands(this.inbox);
    this.inbox = Buffer.from(rest);
    for (const command of commands) {
      this.commands.push(command);
      this.handle(command);
    }
  }

  /** Stops timers (streams, delayed replies). */
  stop(): void {
    this.clearTimers();
    this.onDetach();
  }

  protected abstract handle(command: string): void;

  /** Streams and pending replies end when the host goes away. */
  protected onDetach(): void {}

  /** Commands end with LF (CR stripped); Sartorius overrides for ESC sequences. */
  protected splitCommands(buffer: Buffer): { commands: string[]; rest: Buffer } {
    const commands: string[] = [];
    let start = 0;
    for (let index = 0; index < buffer.length; index++) {
      if (buffer[index] !== 0x0a) continue;
      const line = buffer.subarray(start, index).toString('latin1').replace(/\r$/, '');
      if (line !== '') commands.push(line);
      start = index + 1;
    }
    return { commands, rest: buffer.subarray(start) };
  }

  protected later(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }

  protected every(ms: number, action: () => void): NodeJS.Timeout {
    const timer = setInterval(action, ms);
    this.timers.add(timer);
    return timer;
  }

  protected cancel(timer: NodeJS.Timeout | undefined): void {
    if (!timer) return;
    clearInterval(timer);
    this.timers.delete(timer);
  }

  /** Sends one reply line, applying the next injected fault. */
  protected reply(line: string): void {
    const fault = this.faults.shift();
    let text = Buffer.from(line, 'latin1');
    const terminator = Buffer.from(this.terminator, 'latin1');
    switch (fault?.kind) {
      case undefined:
        this.transmit(Buffer.concat([text, terminator]));
        return;
      case 'missing-terminator':
        this.transmit(text);
        return;
      case 'doubled-terminator':
        this.transmit(Buffer.concat([text, terminator, terminator]));
        return;
      case 'garbage':
        this.transmit(Buffer.concat([fault.bytes ?? defaultGarbage, text, terminator]));
        return;
      case 'garbage-line':
        this.transmit(Buffer.concat([fault.bytes ?? defaultGarbage, terminator, text, terminator]));
        return;
      case 'overlong':
        this.transmit(Buffer.concat([Buffer.alloc(fault.length, 'X'), terminator, text, terminator]));
        return;
      case 'replace':
        text = Buffer.from(fault.line, 'latin1');
        this.transmit(Buffer.concat([text, terminator]));
        return;
      case 'silence':
        return;
      case 'unplug-mid-reply':
        this.transmit(text.subarray(0, Math.ceil(text.length / 2)), () => this.link?.unplug());
        return;
    }
  }

  /** Raw bytes to the host, in order, honouring `oneByteChunks`; `then` runs once they are out. */
  protected transmit(bytes: Buffer, then?: () => void): void {
    if (this.oneByteChunks) for (const byte of bytes) this.outbox.push({ bytes: Buffer.of(byte) });
    else this.outbox.push({ bytes });
    if (then) this.outbox.push({ bytes: Buffer.alloc(0), then });
    this.flush();
  }

  private flush(): void {
    if (this.sending) return;
    const next = this.outbox.shift();
    if (!next) return;
    if (next.bytes.length > 0) this.link?.send(next.bytes);
    // Let the bytes reach the host before the cable goes.
    if (next.then) this.later(30, next.then);
    if (this.outbox.length === 0) return;
    this.sending = true;
    this.later(this.oneByteChunks ? 1 : 0, () => {
      this.sending = false;
      this.flush();
    });
  }

  private clearTimers(): void {
    for (const timer of this.timers) {
      clearTimeout(timer);
      clearInterval(timer);
    }
    this.timers.clear();
    this.sending = false;
  }
}
