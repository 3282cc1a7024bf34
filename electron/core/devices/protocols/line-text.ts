/** Helpers the line decoders share: printable-ASCII checks and strict decimal numbers. */

export type TextResult = { ok: true; text: string } | { ok: false; error: string };

const hexByte = (byte: number) => `0x${byte.toString(16).padStart(2, '0').toUpperCase()}`;

/**
 * The line as text when every byte is printable ASCII (0x20–0x7E) or one of `allowed`; otherwise
 * names the first offending byte, so a garbled line is reported rather than half-read.
 */
export function printableAscii(content: Buffer, allowed: readonly number[] = []): TextResult {
  for (let index = 0; index < content.length; index++) {
    const byte = content[index]!;
    if ((byte < 0x20 || byte > 0x7e) && !allowed.includes(byte)) {
      return { ok: false, error: `byte ${hexByte(byte)} at position ${index + 1} is not printable ASCII` };
    }
  }
  return { ok: true, text: content.toString('latin1') };
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** A decimal number as printed by an instrument ("100.00", "-0.5", "+00123.45"), else undefined. */
export function parseDecimal(text: string): { value: number; valueText: string } | undefined {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return undefined;
  // Keep the printed decimals (the displayed resolution); drop a plus sign and zero padding.
  const negative = trimmed.startsWith('-');
  let digits = trimmed.replace(/^[+-]/, '').replace(/^0+(?=\d)/, '');
  if (digits.startsWith('.')) digits = `0${digits}`;
  return { value: Object.is(value, -0) ? 0 : value, valueText: negative ? `-${digits}` : digits };
}

/** Bytes as upper-case hex pairs, the form captured values keep their raw bytes in. */
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase();

/** Bytes as readable text with control and non-ASCII bytes escaped, for messages and logs. */
export function escapeBytes(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    if (byte === 0x0d) text += '\\r';
    else if (byte === 0x0a) text += '\\n';
    else if (byte === 0x5c) text += '\\\\';
    else if (byte >= 0x20 && byte <= 0x7e) text += String.fromCharCode(byte);
    else text += `\\x${byte.toString(16).padStart(2, '0').toUpperCase()}`;
  }
  return text;
}
