/** Units a recipe may use, by dimension; conversions only within a dimension. */
export const unitDefinitions = {
  mg: { dimension: 'mass', toBase: 1e-6 },
  g: { dimension: 'mass', toBase: 1e-3 },
  kg: { dimension: 'mass', toBase: 1 },
  mL: { dimension: 'volume', toBase: 1e-3 },
  L: { dimension: 'volume', toBase: 1 },
  pH: { dimension: 'pH', toBase: 1 },
  '°C': { dimension: 'temperature', toBase: 1 },
  min: { dimension: 'time', toBase: 1 },
  h: { dimension: 'time', toBase: 60 },
  rpm: { dimension: 'speed', toBase: 1 },
  bar: { dimension: 'pressure', toBase: 1 },
  kW: { dimension: 'power', toBase: 1 },
  '%': { dimension: 'ratio', toBase: 1 },
  'mS/cm': { dimension: 'conductivity', toBase: 1 },
  units: { dimension: 'count', toBase: 1 },
} as const;

export type Unit = keyof typeof unitDefinitions;
export const units = Object.keys(unitDefinitions) as Unit[];

export function sameDimension(a: Unit, b: Unit): boolean {
  return unitDefinitions[a].dimension === unitDefinitions[b].dimension;
}

/** Converts a quantity between units of the same dimension (callers check the dimension first). */
export function convert(value: number, from: Unit, to: Unit): number {
  return (value * unitDefinitions[from].toBase) / unitDefinitions[to].toBase;
}
