/** AIM symbology identifiers (ISO/IEC 15424) as people name them: `]C0` → Code 128, `]C1` → GS1-128. */
const families: Record<string, string> = {
  A: 'Code 39',
  C: 'Code 128',
  d: 'Data Matrix',
  E: 'EAN/UPC',
  e: 'GS1 DataBar',
  F: 'Codabar',
  G: 'Code 93',
  I: 'Interleaved 2 of 5',
  J: 'DotCode',
  L: 'PDF417',
  Q: 'QR Code',
  z: 'Aztec',
};

const gs1: Record<string, string> = {
  ']C1': 'GS1-128',
  ']d2': 'GS1 DataMatrix',
  ']Q3': 'GS1 QR Code',
  ']J1': 'GS1 DotCode',
};

export function symbologyName(identifier: string): string {
  const family = families[identifier.charAt(1)];
  return gs1[identifier] ?? (family ? `${family} (${identifier})` : identifier);
}
