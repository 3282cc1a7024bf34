/**
 * Lots as a B2MML message (issue 24 item 3): the sample lot file written as a MaterialInformation
 * message is valid B2MML (xmllint, shipped schema) and reads to exactly the lots the CSV gives;
 * bad values are refused with the lot's line and the value's XML path, through the CSV's checks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseLotFile } from '../../electron/core/materials/lot-import';
import { parseLotMessage } from '../../electron/core/materials/lot-message';
import { MATERIAL_XSD, xmllintSchema } from '../helpers/xml-schema';

const csv = readFileSync(join(import.meta.dirname, '../../resources/lots/sample-lots.csv'), 'utf8');
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The CSV's lots as the B2MML message an ERP would send (MESA's element names). */
function messageOf(text: string): string {
  const [header, ...rows] = parseCsv(text).records;
  const lots = rows.map(({ cells }) => {
    const value = (column: string) => cells[header!.cells.indexOf(column)]!;
    const properties = header!.cells
      .filter((column) => !['lot_number', 'material_code', 'received_quantity'].includes(column))
      .filter((column) => value(column) !== '')
      .map(
        (column) =>
          `    <MaterialLotProperty><ID>${column}</ID><Value><ValueString>${escapeXml(value(column))}</ValueString></Value></MaterialLotProperty>`,
      );
    return [
      '  <MaterialLot>',
      `    <ID>${value('lot_number')}</ID>`,
      `    <MaterialDefinitionID>${value('material_code')}</MaterialDefinitionID>`,
      ...properties,
      `    <Quantity><QuantityString>${value('received_quantity')}</QuantityString><UnitOfMeasure>kg</UnitOfMeasure></Quantity>`,
      '  </MaterialLot>',
    ].join('\n');
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<MaterialInformation xmlns="http://www.mesa.org/xml/B2MML">\n${lots.join('\n')}\n</MaterialInformation>\n`;
}

const message = messageOf(csv);

describe('B2MML lot message', () => {
  it('is valid B2MML and reads to the same lots as the CSV file', () => {
    const verdict = xmllintSchema(Buffer.from(message), MATERIAL_XSD);
    expect(verdict.output).toContain('validates');
    const fromXml = parseLotMessage(message);
    const fromCsv = parseLotFile(csv);
    expect(fromXml.problems).toEqual([]);
    expect(fromCsv.lots.length).toBeGreaterThan(2);
    expect(fromXml.lots.map(({ line: _line, ...lot }) => lot)).toEqual(
      fromCsv.lots.map(({ line: _line, ...lot }) => lot),
    );
    expect(fromXml.lots[1]!.line).toBe(
      message.split('\n').findIndex((text, index) => index > 3 && text === '  <MaterialLot>') + 1,
    );
  });

  it('refuses bad values with the lot’s line and the XML path, as the CSV checks do', () => {
    const first = parseLotFile(csv).lots[0]!;
    const bad = message
      .replace(
        `<ID>expiry_date</ID><Value><ValueString>${first.expiryDate}`,
        '<ID>expiry_date</ID><Value><ValueString>2026-02-30',
      )
      .replace(/<QuantityString>[^<]*<\/QuantityString>/, '<QuantityString>five</QuantityString>')
      .replace('<ID>supplier_lot</ID>', '<ID>supplier_batch</ID>');
    const { lots, problems } = parseLotMessage(bad);
    expect(lots.length).toBeLessThan(parseLotFile(csv).lots.length);
    expect(problems).toContainEqual({
      line: 3,
      column: '/MaterialInformation/MaterialLot[1]/Quantity/QuantityString',
      message: '"five" is not a number (use a dot for decimals).',
    });
    expect(
      problems.some((problem) => problem.message.startsWith('Unknown lot property "supplier_batch"')),
    ).toBe(true);
    expect(problems.some((problem) => /supplier_lot is required/.test(problem.message))).toBe(true);
  });

  it('refuses an XXE message and a message that is not MaterialInformation', () => {
    const xxe = parseLotMessage(
      message.replace(
        '<MaterialInformation',
        '<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<MaterialInformation',
      ),
    );
    expect(xxe.lots).toEqual([]);
    expect(xxe.problems[0]!.message).toContain('<!DOCTYPE declaration (line 2)');
    const other = parseLotMessage('<BatchInformation/>');
    expect(other.problems[0]!.message).toContain(
      'root element <MaterialInformation>, not <BatchInformation>',
    );
  });
});
