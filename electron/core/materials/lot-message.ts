import type { LotImportProblem } from '../../../shared/contract/materials';
import { EbrError } from '../../../shared/errors';
import { childOf, childrenOf, parseXmlSafely, type XmlElement } from '../xml/safe-xml';
import {
  addUnlessRepeated,
  checkLotRow,
  LOT_COLUMNS,
  MAX_LOTS,
  type Column,
  type ParsedLotFile,
} from './lot-import';

/**
 * Lots as a B2MML message (MaterialInformation with MaterialLot elements, MESA V0700), the
 * alternative to the CSV lot file, through the same checks (docs/batchml.md): ID → lot number,
 * MaterialDefinitionID → material code, Quantity/QuantityString → received quantity, and every
 * other CSV column as a MaterialLotProperty whose ID is the column name (supplier, supplier_lot,
 * gtin, received_date, container_count, expiry_date, retest_date, potency_percent) with its
 * Value/ValueString. Problems carry the line of the lot's element and the XML path of the value.
 */
const PROPERTY_COLUMNS = (Object.keys(LOT_COLUMNS) as Column[]).filter(
  (column) => !['lot_number', 'material_code', 'received_quantity'].includes(column),
);

/** The line each MaterialLot element starts on, in document order. */
function lotLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  for (const match of text.matchAll(/<(?:[A-Za-z_][\w.-]*:)?MaterialLot[\s>/]/g)) {
    for (let at = text.indexOf('\n', from); at !== -1 && at < match.index; at = text.indexOf('\n', at + 1)) {
      line += 1;
      from = at + 1;
    }
    lines.push(line);
  }
  return lines;
}

function valueOf(element: XmlElement, inner: string): string | undefined {
  return childOf(element, inner)?.text;
}

export function parseLotMessage(text: string): ParsedLotFile {
  let root: XmlElement;
  try {
    root = parseXmlSafely(Buffer.from(text, 'utf8'), 'The B2MML lot message');
  } catch (error) {
    if (!(error instanceof EbrError)) throw error;
    const line = typeof error.details?.line === 'number' ? error.details.line : 1;
    return { lots: [], problems: [{ line, column: '', message: error.message }] };
  }
  if (root.name !== 'MaterialInformation') {
    return {
      lots: [],
      problems: [
        {
          line: 1,
          column: root.path,
          message: `A B2MML lot message has the root element <MaterialInformation>, not <${root.name}>.`,
        },
      ],
    };
  }
  const elements = childrenOf(root, 'MaterialLot');
  if (elements.length === 0)
    return {
      lots: [],
      problems: [{ line: 1, column: root.path, message: 'The message has no <MaterialLot>.' }],
    };
  if (elements.length > MAX_LOTS) {
    return {
      lots: [],
      problems: [
        {
          line: 1,
          column: root.path,
          message: `The message has ${elements.length} lots; at most ${MAX_LOTS} per file.`,
        },
      ],
    };
  }
  const lines = lotLines(text);
  const problems: LotImportProblem[] = [];
  const lots: ParsedLotFile['lots'] = [];
  const seen = new Map<string, number>();
  elements.forEach((element, index) => {
    const line = lines[index] ?? 1;
    const paths = new Map<Column, string>([
      ['lot_number', `${element.path}/ID`],
      ['material_code', `${element.path}/MaterialDefinitionID`],
      ['received_quantity', `${element.path}/Quantity/QuantityString`],
    ]);
    const values = new Map<Column, string>();
    const set = (column: Column, value: string | undefined) => {
      if (value !== undefined) values.set(column, value);
    };
    set('lot_number', valueOf(element, 'ID'));
    set('material_code', valueOf(element, 'MaterialDefinitionID'));
    const quantity = childOf(element, 'Quantity');
    if (quantity) set('received_quantity', valueOf(quantity, 'QuantityString'));
    for (const property of childrenOf(element, 'MaterialLotProperty')) {
      const id = (valueOf(property, 'ID') ?? '').trim().toLowerCase() as Column;
      const path = `${property.path}[ID=${id}]/Value/ValueString`;
      if (!PROPERTY_COLUMNS.includes(id)) {
        problems.push({
          line,
          column: property.path,
          message: `Unknown lot property "${id}"; the properties are ${PROPERTY_COLUMNS.join(', ')}.`,
        });
        continue;
      }
      if (values.has(id)) {
        problems.push({ line, column: path, message: `Property "${id}" appears twice.` });
        continue;
      }
      paths.set(id, path);
      set(id, valueOf(childOf(property, 'Value') ?? property, 'ValueString') ?? '');
    }
    const columns = [...values.keys()];
    const lot = checkLotRow(
      columns,
      columns.map((column) => values.get(column)!),
      line,
      problems,
      (column) => paths.get(column) ?? `${element.path}/MaterialLotProperty[ID=${column}]`,
    );
    if (lot) addUnlessRepeated(lot, lots, seen, problems, paths.get('lot_number')!);
  });
  return { lots, problems };
}
