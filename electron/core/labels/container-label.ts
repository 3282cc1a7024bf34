// The Node build, by its own subpath: the bundler resolution of the type-check has no "node" condition.
import bwipjs from 'bwip-js/node';
import { jsPDF } from 'jspdf';
import { gs1ElementString } from '../../../shared/materials/gs1';
import type { LotSummary } from '../../../shared/contract/materials';
import { embedReportFont, REPORT_FONT } from '../pdf/report-fonts';

/**
 * Container labels of a lot (GS1 General Specifications §2.1): a GS1 DataMatrix carrying (01) GTIN
 * when the lot has one, (10) lot, (17) expiry and (21) the container number — what a scan at a
 * dispensing step parses — with the same facts in words. As PDF (bwip-js renders the symbol) or
 * as ZPL for a label printer (the printer renders it).
 */
export interface LabelFields {
  ai: string;
  value: string;
}

export function labelFields(
  lot: Pick<LotSummary, 'gtin' | 'lotNumber' | 'expiryDate'>,
  container: number,
): LabelFields[] {
  const [year, month, day] = lot.expiryDate.split('-');
  return [
    ...(lot.gtin ? [{ ai: '01', value: lot.gtin }] : []),
    { ai: '10', value: lot.lotNumber },
    { ai: '17', value: `${year!.slice(2)}${month}${day}` },
    { ai: '21', value: String(container) },
  ];
}

/** The bracketed form bwip-js and people read: (01)…(10)…(17)…(21)…. */
export function bracketed(fields: readonly LabelFields[]): string {
  return fields.map((field) => `(${field.ai})${field.value}`).join('');
}

type Lot = Pick<
  LotSummary,
  'gtin' | 'lotNumber' | 'expiryDate' | 'materialCode' | 'materialName' | 'status' | 'containerCount' | 'unit'
>;

/**
 * ZPL II for one container label (4 × 2 in at 203 dpi): ^BX with quality 200 is a DataMatrix
 * ECC 200 whose escape character is `_`: FNC1 (at the start and after each variable field) is `_1`.
 */
export function containerLabelZpl(lot: Lot, container: number): string {
  const fields = labelFields(lot, container);
  const data = gs1ElementString(fields).replaceAll('\u001d', '_1');
  const text = (value: string) => value.replaceAll(/[\^~_]/g, ' ');
  return [
    '^XA',
    '^CI28',
    '^FO30,30^BXN,6,200,,,,_^FD_1' + data + '^FS',
    `^FO220,30^A0N,32,32^FD${text(lot.materialCode)}^FS`,
    `^FO220,70^A0N,24,24^FD${text(lot.materialName.slice(0, 40))}^FS`,
    `^FO220,105^A0N,28,28^FDLot ${text(lot.lotNumber)}  Container ${container}/${lot.containerCount}^FS`,
    `^FO220,140^A0N,24,24^FDExpiry ${lot.expiryDate}^FS`,
    `^FO30,250^A0N,22,22^FD${text(bracketed(fields))}^FS`,
    '^XZ',
  ].join('\n');
}

/** The symbols a container label can carry: both encode the same GS1 element string. */
export const labelSymbols = ['datamatrix', 'gs1-128'] as const;
export type LabelSymbol = (typeof labelSymbols)[number];

/**
 * One A6 landscape page per container: the DataMatrix beside the facts in words, or (for
 * scanners that read only linear codes) the facts above a GS1-128 across the label's width.
 */
export async function containerLabelsPdf(
  lot: Lot,
  containers: readonly number[],
  symbol: LabelSymbol = 'datamatrix',
): Promise<Buffer> {
  const doc = new jsPDF({ orientation: 'landscape', unit: 'mm', format: 'a6', compress: true });
  embedReportFont(doc);
  for (const [index, container] of containers.entries()) {
    if (index > 0) doc.addPage('a6', 'landscape');
    const fields = labelFields(lot, container);
    const linear = symbol === 'gs1-128';
    const png = linear
      ? await bwipjs.toBuffer({ bcid: 'gs1-128', text: bracketed(fields), scale: 3, height: 14 })
      : await bwipjs.toBuffer({ bcid: 'gs1datamatrix', text: bracketed(fields), scale: 4 });
    const textX = linear ? 8 : 54;
    if (linear) doc.addImage(png.toString('base64'), 'PNG', 8, 50, 132, 30);
    else doc.addImage(png.toString('base64'), 'PNG', 8, 8, 40, 40);
    doc.setFont(REPORT_FONT, 'bold');
    doc.setFontSize(14);
    doc.text(lot.materialCode, textX, 14);
    doc.setFont(REPORT_FONT, 'normal');
    doc.setFontSize(9);
    doc.text(doc.splitTextToSize(lot.materialName, linear ? 132 : 86) as string[], textX, 20);
    doc.setFontSize(11);
    doc.text(`Lot ${lot.lotNumber} · container ${container} of ${lot.containerCount}`, textX, 32);
    doc.text(`Expiry ${lot.expiryDate}`, textX, 38);
    doc.setFontSize(8);
    doc.text(bracketed(fields), 8, linear ? 86 : 56);
  }
  return Buffer.from(doc.output('arraybuffer'));
}
