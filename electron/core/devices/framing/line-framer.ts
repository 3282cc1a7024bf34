/**
 * Cuts the byte stream from an instrument into lines, whatever the chunking (one byte at a time
 * or many lines per chunk). A line longer than the cap becomes one `overlong` frame and the rest
 * of it is skipped up to the next terminator, so a noisy or misconfigured line can never grow
 * memory. Every frame keeps the exact bytes received, terminator included (ALCOA+ "original").
 */

/**
 * - `crlf` / `lf`: a line ends at LF; one CR just before it is part of the terminator.
 * - `cr`: a line ends at CR; an LF right after a CR is swallowed, so CR LF senders work too.
 */
export type Terminator = 'crlf' | 'cr' | 'lf';

export interface FramerOptions {
  terminator: Terminator;
  /** Longest line content accepted, in bytes (terminator excluded). */
  maxLength: number;
  /** Bytes that form a frame on their own at the start of a line (A&D's ACK, 0x06). */
  standaloneBytes?: readonly number[];
}

export type Frame =
  /** `content` is the line without its terminator; `raw` is every byte received for it. */
  | { kind: 'line'; content: Buffer; raw: Buffer }
  /** `raw` holds the first bytes of the line, up to the cap; `length` counts what was seen so far. */
  | { kind: 'overlong'; raw: Buffer; length: number };

const CR = 0x0d;
const LF = 0x0a;

export class LineFramer {
  private readonly buffer: Buffer;
  private filled = 0;
  /** After an overlong line: skipping until its terminator. */
  private skipping = false;
  /** In `cr` mode, the previous byte ended a line, so a following LF belongs to it. */
  private afterCr = false;

  constructor(private readonly options: FramerOptions) {
    if (!Number.isInteger(options.maxLength) || options.maxLength < 1) {
      throw new RangeError(`maxLength must be a positive integer, got ${options.maxLength}`);
    }
    // Room for the content and the CR of a CR LF pair.
    this.buffer = Buffer.alloc(options.maxLength + 1);
  }

  /** Bytes of an unterminated line waiting for the rest of it. */
  get pendingLength(): number {
    return this.filled;
  }

  /** Drops an unfinished line (after a timeout or a disconnect, its rest will never belong to it). */
  discardPartial(): Buffer | undefined {
    const partial = this.filled > 0 ? Buffer.from(this.buffer.subarray(0, this.filled)) : undefined;
    this.filled = 0;
    this.skipping = false;
    this.afterCr = false;
    return partial;
  }

  push(chunk: Uint8Array): Frame[] {
    const frames: Frame[] = [];
    for (const byte of chunk) {
      const frame = this.accept(byte);
      if (frame) frames.push(frame);
    }
    return frames;
  }

  private accept(byte: number): Frame | undefined {
    const { terminator } = this.options;
    if (terminator === 'cr') {
      const swallow = this.afterCr && byte === LF;
      this.afterCr = byte === CR;
      if (swallow) return undefined;
    }
    const endsLine = terminator === 'cr' ? byte === CR : byte === LF;
    if (this.skipping) {
      if (endsLine) {
        this.skipping = false;
        this.filled = 0;
      }
      return undefined;
    }
    if (endsLine) return this.finishLine(byte);
    if (this.filled === 0 && this.options.standaloneBytes?.includes(byte)) {
      return { kind: 'line', content: Buffer.from([byte]), raw: Buffer.from([byte]) };
    }
    // Past the cap, only the CR of a CR LF terminator may still come.
    const terminatorHalf =
      byte === CR && this.options.terminator !== 'cr' && this.filled === this.options.maxLength;
    if (this.filled >= this.options.maxLength && !terminatorHalf) {
      const frame: Frame = {
        kind: 'overlong',
        raw: Buffer.from(this.buffer.subarray(0, this.options.maxLength)),
        length: this.filled + 1,
      };
      this.filled = 0;
      this.skipping = true;
      return frame;
    }
    this.buffer[this.filled++] = byte;
    return undefined;
  }

  private finishLine(terminatorByte: number): Frame | undefined {
    const received = this.filled;
    this.filled = 0;
    let contentLength = received;
    if (this.options.terminator !== 'cr' && received > 0 && this.buffer[received - 1] === CR) contentLength--;
    // Doubled terminators leave empty lines: nothing was said, so nothing is reported.
    if (contentLength === 0) return undefined;
    const raw = Buffer.alloc(received + 1);
    this.buffer.copy(raw, 0, 0, received);
    raw[received] = terminatorByte;
    if (contentLength > this.options.maxLength) {
      return { kind: 'overlong', raw: raw.subarray(0, this.options.maxLength), length: contentLength };
    }
    return { kind: 'line', content: raw.subarray(0, contentLength), raw };
  }
}
