import { lotFieldsSchema, type LotFields } from '../../../shared/contract/material-inputs';
import type { LotImportProblem } from '../../../shared/contract/materials';

/**
 * The lot file an ERP writes (CSV, RFC 4180, UTF-8, comma-separated, header row). Validated like a
 * recipe file: every problem is listed with its line and column, and nothing is imported if there
 * is any. Columns are named in the header, in any order.
 */
export const LOT_COLUMNS = {
  lot_number: 'lotNumber',
  material_code: 'materialCode',
  supplier: 'supplier',
  supplier_lot: 'supplierLot',
  gtin: 'gtin',
  received_date: 'receivedDate',
  received_quantity: 'receivedQuantity',
  container_count: 'containerCount',
  expiry_date: 'expiryDate',
  retest_date: 'retestDate',
  potency_percent: 'potencyPercent',
} as const;
export type Column = keyof typeof LOT_COLUMNS;
export const REQUIRED_LOT_COLUMNS: Column[] = [
  'lot_number',
  'material_code',
  'supplier',
  'supplier_lot',
  'received_date',
  'received_quantity',
  'container_count',
  'expiry_date',
];
const NUMERIC = new Set<Column>(['received_quantity', 'container_count', 'potency_percent']);
export const MAX_LOTS = 5000;

interface CsvRecord {
  line: number;
  cells: string[];
}

/** RFC 4180 records with the line each starts on; a quote left open is a problem, not a guess. */
export function parseCsv(text: string): { records: CsvRecord[]; problems: LotImportProblem[] } {
  const records: CsvRecord[] = [];
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let line = 1;
  let start = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let index = 0;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  while (index < body.length) {
    const char = body[index]!;
    if (quoted) {
      if (char === '"' && body[index + 1] === '"') {
        cell += '"';
        index += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else {
        if (char === '\n') line += 1;
        cell += char;
      }
      index += 1;
      continue;
    }
    if (char === '"' && cell === '') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\r' && body[index + 1] === '\n') {
      index += 1;
      continue;
    } else if (char === '\n') {
      endRecord();
      line += 1;
      start = line;
    } else cell += char;
    index += 1;
  }
  if (quoted)
    return { records, problems: [{ line: start, column: '', message: 'A quoted field is not closed.' }] };
  endRecord();
  return { records, problems: [] };
}

export interface ParsedLotFile {
  lots: (LotFields & { line: number })[];
  problems: LotImportProblem[];
}

/** Checks shape and values; the register adds what needs the store (known material, unused number). */
export function parseLotFile(text: string): ParsedLotFile {
  const { records, problems } = parseCsv(text);
  if (problems.length > 0) return { lots: [], problems };
  const [header, ...rows] = records;
  if (!header)
    return {
      lots: [],
      problems: [{ line: 1, column: '', message: 'The file is empty: a header row is expected.' }],
    };
  const columns = header.cells.map((name) => name.trim().toLowerCase());
  for (const [position, name] of columns.entries()) {
    if (!Object.hasOwn(LOT_COLUMNS, name)) {
      problems.push({
        line: header.line,
        column: name || `#${position + 1}`,
        message: `Unknown column "${name}"; the columns are ${Object.keys(LOT_COLUMNS).join(', ')}.`,
      });
    } else if (columns.indexOf(name) !== position) {
      problems.push({ line: header.line, column: name, message: `Column "${name}" appears twice.` });
    }
  }
  for (const required of REQUIRED_LOT_COLUMNS) {
    if (!columns.includes(required)) {
      problems.push({ line: header.line, column: required, message: `Column "${required}" is missing.` });
    }
  }
  if (problems.length > 0) return { lots: [], problems };
  if (rows.length === 0)
    return { lots: [], problems: [{ line: header.line, column: '', message: 'The file has no lots.' }] };
  if (rows.length > MAX_LOTS) {
    return {
      lots: [],
      problems: [
        { line: 1, column: '', message: `The file has ${rows.length} lots; at most ${MAX_LOTS} per file.` },
      ],
    };
  }
  const lots: ParsedLotFile['lots'] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (row.cells.length !== columns.length) {
      problems.push({
        line: row.line,
        column: '',
        message: `This line has ${row.cells.length} fields; the header has ${columns.length}.`,
      });
      continue;
    }
    const lot = checkLotRow(columns as Column[], row.cells, row.line, problems, (column) => column);
    if (lot) addUnlessRepeated(lot, lots, seen, problems, 'lot_number');
  }
  return { lots, problems };
}

/** A lot number seen earlier in the same file is a problem; otherwise the lot is kept. */
export function addUnlessRepeated(
  lot: LotFields & { line: number },
  lots: ParsedLotFile['lots'],
  seen: Map<string, number>,
  problems: LotImportProblem[],
  where: string,
): void {
  const earlier = seen.get(lot.lotNumber);
  if (earlier !== undefined) {
    problems.push({
      line: lot.line,
      column: where,
      message: `Lot ${lot.lotNumber} is already on line ${earlier} of this file.`,
    });
    return;
  }
  seen.set(lot.lotNumber, lot.line);
  lots.push(lot);
}

/**
 * One lot's values by column name (as text) through the checks of a CSV line: numbers, the lot
 * schema, required columns. `where` names a column in the file's own words (a CSV column name, or
 * an XML path for a B2MML message). Returns the lot, or undefined with its problems added.
 */
export function checkLotRow(
  columns: readonly Column[],
  cells: readonly string[],
  line: number,
  problems: LotImportProblem[],
  where: (column: Column) => string,
): (LotFields & { line: number }) | undefined {
  const candidate: Record<string, unknown> = {};
  /** Columns already reported on this line: the schema's "required" for them would repeat it. */
  const reported = new Set<string>();
  columns.forEach((column, position) => {
    const raw = cells[position]!.trim();
    if (raw === '') return;
    if (NUMERIC.has(column)) {
      if (!/^[+-]?\d+(\.\d+)?$/.test(raw)) {
        problems.push({
          line,
          column: where(column),
          message: `"${raw.slice(0, 40)}" is not a number (use a dot for decimals).`,
        });
        reported.add(column);
        return;
      }
      candidate[LOT_COLUMNS[column]] = Number(raw);
    } else candidate[LOT_COLUMNS[column]] = raw;
  });
  const parsed = lotFieldsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      const column = Object.entries(LOT_COLUMNS).find(([, key]) => key === field)?.[0] as Column | undefined;
      if (column !== undefined && reported.has(column)) continue;
      const missing = candidate[field] === undefined && column !== undefined;
      problems.push({
        line,
        column: column === undefined ? '' : where(column),
        message: missing ? `${column} is required.` : issue.message,
      });
    }
    return undefined;
  }
  if (reported.size > 0) return undefined;
  return { ...parsed.data, line };
}
