import { describe, expect, it } from 'vitest';
import {
  LineFramer,
  type Frame,
  type FramerOptions,
} from '../../../electron/core/devices/framing/line-framer';

const crlf: FramerOptions = { terminator: 'crlf', maxLength: 32 };

const lines = (frames: Frame[]) =>
  frames.map((frame) =>
    frame.kind === 'line' ? frame.content.toString('latin1') : `<overlong ${frame.length}>`,
  );

function pushAll(framer: LineFramer, chunks: (string | Buffer)[]): Frame[] {
  return chunks.flatMap((chunk) =>
    framer.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk),
  );
}

describe('line framer', () => {
  it('cuts CR LF lines and keeps every received byte, terminator included', () => {
    const [frame] = new LineFramer(crlf).push(Buffer.from('S S     100.00 g\r\n'));
    expect(frame).toEqual({
      kind: 'line',
      content: Buffer.from('S S     100.00 g'),
      raw: Buffer.from('S S     100.00 g\r\n'),
    });
  });

  it('gives the same frames whether bytes come one at a time or many lines in one chunk', () => {
    const stream = 'S S     100.00 g\r\nS D     100.01 g\r\nZ A\r\n';
    const oneByOne = pushAll(new LineFramer(crlf), [...stream]);
    const allAtOnce = new LineFramer(crlf).push(Buffer.from(stream));
    expect(lines(oneByOne)).toEqual(['S S     100.00 g', 'S D     100.01 g', 'Z A']);
    expect(oneByOne).toEqual(allAtOnce);
  });

  it('gives the same frames for any chunking (random cuts)', () => {
    const stream = Buffer.from(
      'I4 A "0123456789"\r\nS S      12.34 g\r\n\r\nT S      10.00 g\r\nES\r\n',
      'latin1',
    );
    const expected = new LineFramer(crlf).push(stream);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const framer = new LineFramer(crlf);
      const frames: Frame[] = [];
      for (let start = 0; start < stream.length;) {
        const size = 1 + Math.floor(random() * 8);
        frames.push(...framer.push(stream.subarray(start, start + size)));
        start += size;
      }
      expect(frames).toEqual(expected);
    }
  });

  it('reports nothing for doubled terminators (empty lines)', () => {
    expect(lines(new LineFramer(crlf).push(Buffer.from('\r\n\r\nZ A\r\n\r\n\n')))).toEqual(['Z A']);
  });

  it('accepts a bare LF in CR LF mode and keeps a stray CR inside the line for the decoder to refuse', () => {
    expect(lines(new LineFramer(crlf).push(Buffer.from('Z A\nS S\r    1.00 g\r\n')))).toEqual([
      'Z A',
      'S S\r    1.00 g',
    ]);
  });

  it('caps the line length: one overlong frame, then resynchronises at the next terminator', () => {
    const framer = new LineFramer({ terminator: 'crlf', maxLength: 8 });
    const frames = pushAll(framer, ['12345678\r\n', '123456789ABCDEF', 'GHIJ\r\nZ A\r\n']);
    expect(lines(frames)).toEqual(['12345678', '<overlong 9>', 'Z A']);
    const overlong = frames[1] as Extract<Frame, { kind: 'overlong' }>;
    expect(overlong.raw.toString()).toBe('12345678');
  });

  it('never holds more than the cap, however long the line (no memory growth)', () => {
    const framer = new LineFramer({ terminator: 'crlf', maxLength: 16 });
    const frames = pushAll(
      framer,
      Array.from({ length: 1000 }, () => 'X'.repeat(1000)),
    );
    expect(frames).toHaveLength(1);
    expect(framer.pendingLength).toBe(0);
    expect(lines(framer.push(Buffer.from('\r\nS S 1 g\r\n')))).toEqual(['S S 1 g']);
  });

  it('counts the CR of CR LF as terminator, not content, at the cap', () => {
    const framer = new LineFramer({ terminator: 'crlf', maxLength: 4 });
    expect(lines(framer.push(Buffer.from('ABCD\r\nABCDE\r\n')))).toEqual(['ABCD', '<overlong 5>']);
  });

  it('in CR mode ends lines at CR and swallows the LF of CR LF', () => {
    const framer = new LineFramer({ terminator: 'cr', maxLength: 64 });
    expect(lines(pushAll(framer, ['LOT-1\r', '\nLOT-2\r\n', 'LOT-3\r']))).toEqual([
      'LOT-1',
      'LOT-2',
      'LOT-3',
    ]);
  });

  it('in LF mode ends lines at LF', () => {
    expect(lines(new LineFramer({ terminator: 'lf', maxLength: 64 }).push(Buffer.from('A\nB\r\n')))).toEqual([
      'A',
      'B',
    ]);
  });

  it('frames a standalone byte (A&D ACK) at the start of a line', () => {
    const framer = new LineFramer({ terminator: 'crlf', maxLength: 64, standaloneBytes: [0x06] });
    const frames = framer.push(Buffer.from('\x06ST,+00001.00  g\r\n\x06', 'latin1'));
    expect(frames.map((frame) => frame.raw.toString('latin1'))).toEqual([
      '\x06',
      'ST,+00001.00  g\r\n',
      '\x06',
    ]);
  });

  it('discards an unfinished line on request and hands it back', () => {
    const framer = new LineFramer(crlf);
    framer.push(Buffer.from('S S    '));
    expect(framer.discardPartial()?.toString()).toBe('S S    ');
    expect(lines(framer.push(Buffer.from('Z A\r\n')))).toEqual(['Z A']);
  });

  it('passes garbage bytes through as line content for the decoder to refuse', () => {
    const [frame] = new LineFramer(crlf).push(Buffer.from([0xff, 0x00, 0x41, 0x0d, 0x0a]));
    expect(frame).toMatchObject({ kind: 'line', content: Buffer.from([0xff, 0x00, 0x41]) });
  });
});
