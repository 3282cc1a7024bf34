/** The bytes an instrument sent, readable: printable ASCII as is, CR and LF as \r \n, others as <GS> or \xNN. */
export function readableRaw(hex: string): string {
  let text = '';
  for (let at = 0; at + 1 < hex.length; at += 2) {
    const byte = Number.parseInt(hex.slice(at, at + 2), 16);
    if (Number.isNaN(byte)) return hex;
    if (byte === 0x0d) text += '\\r';
    else if (byte === 0x0a) text += '\\n';
    else if (byte === 0x1d) text += '<GS>';
    else if (byte >= 0x20 && byte <= 0x7e) text += String.fromCharCode(byte);
    else text += `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return text;
}
