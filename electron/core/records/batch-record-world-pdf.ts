import type { CellInput, Styles } from 'jspdf-autotable';
import type { BatchRecordData } from './batch-record-data';
import type { BatchWorld, RecordedEquipmentUse } from './batch-record-world';
import { utcText } from './record-facts';
import type { ReportFlow } from './report-frame';

/**
 * The batch record's chapters on the registered world (R211-184, R211-182, R211-67): each lot
 * drawn from, with its status and potency when it was used, the amounts and containers; each
 * equipment item and room with its clean status at use and the cleaning that preceded it.
 * Printed from what was recorded at the time (`batch-record-world.ts`), never the status now.
 */

const RED: [number, number, number] = [170, 0, 0];
const GREY: [number, number, number] = [120, 120, 120];

const cell = (content: string, styles: Partial<Styles> = {}): CellInput => ({ content, styles });

function amount(quantity: number, unit: string): string {
  return `${quantity.toFixed(3)} ${unit}`;
}

function stepTitles(data: BatchRecordData): Map<string, string> {
  return new Map(data.view.steps.map((step) => [step.id, `${step.position + 1}. ${step.definition.title}`]));
}

/** The totals per lot, in the order the lots were first drawn from. */
function totalsPerLot(world: BatchWorld): { lotNumber: string; text: string; containers: string }[] {
  const lots = new Map<
    string,
    { quantities: Map<string, number>; containers: Set<number>; portions: number }
  >();
  for (const portion of world.portions) {
    const lot = lots.get(portion.lotNumber) ?? { quantities: new Map(), containers: new Set(), portions: 0 };
    lot.quantities.set(portion.unit, (lot.quantities.get(portion.unit) ?? 0) + portion.quantity);
    if (portion.container !== null) lot.containers.add(portion.container);
    lot.portions += 1;
    lots.set(portion.lotNumber, lot);
  }
  return [...lots].map(([lotNumber, lot]) => ({
    lotNumber,
    text: `${[...lot.quantities].map(([unit, quantity]) => amount(quantity, unit)).join(' + ')} in ${lot.portions} portion${lot.portions === 1 ? '' : 's'}`,
    containers:
      lot.containers.size === 0
        ? 'not named'
        : [...lot.containers]
            .sort((a, b) => a - b)
            .map(String)
            .join(', '),
  }));
}

export function lotsAtUseChapter(flow: ReportFlow, data: BatchRecordData, world: BatchWorld): void {
  flow.heading('Lots dispensed (register at the time of use)', 2);
  if (world.portions.length === 0) {
    flow.paragraph(
      'No portion was drawn from a registered lot in this batch (its materials are not in the material master, ' +
        'or nothing has been dispensed yet).',
      { size: 7.5, color: GREY },
    );
    return;
  }
  const titles = stepTitles(data);
  flow.table({
    head: [
      [
        'Lot',
        'Material',
        'Status at use',
        'Potency at use',
        'Amount',
        'Container',
        'Step',
        'Dispensed by, at',
      ],
    ],
    body: world.portions.map((portion) => [
      cell(`${portion.lotNumber}\nSupplier lot ${portion.supplierLot}\nExpiry ${portion.expiryDate}`, {
        fontStyle: 'bold',
      }),
      `${portion.materialCode}\n${portion.materialName}`,
      portion.statusAtUse === 'released'
        ? cell('Released')
        : cell(portion.statusAtUse.toUpperCase(), { textColor: RED, fontStyle: 'bold' }),
      portion.potencyAtUse === null ? '—' : `${portion.potencyAtUse} %`,
      cell(amount(portion.quantity, portion.unit), { halign: 'right' }),
      `${portion.container ?? 'not named'}${portion.containerEmptied ? '\nemptied' : ''}`,
      titles.get(portion.stepId) ?? portion.stepId,
      `${portion.dispensedByName}\n${utcText(portion.dispensedAtUtc)}`,
    ]),
    columnStyles: {
      0: { cellWidth: 30 },
      1: { cellWidth: 30 },
      2: { cellWidth: 18 },
      3: { cellWidth: 16 },
      4: { cellWidth: 18 },
      5: { cellWidth: 16 },
      6: { cellWidth: 27 },
      7: { cellWidth: 31 },
    },
    styles: { fontSize: 6.8 },
    gap: 1.5,
  });
  const totals = totalsPerLot(world);
  flow.paragraph(
    `Per lot: ${totals.map((lot) => `${lot.lotNumber} ${lot.text} (containers ${lot.containers})`).join('; ')}.` +
      (world.outputLotNumber
        ? ` This batch's output is lot ${world.outputLotNumber} (in quarantine until QA releases the batch).`
        : ''),
    { size: 7.2, gap: 3 },
  );
}

function cleaningText(use: RecordedEquipmentUse): string {
  const cleaning = use.lastCleaning;
  if (!cleaning) return 'No cleaning recorded before this use';
  const period =
    cleaning.startedAtUtc && cleaning.endedAtUtc
      ? `${utcText(cleaning.startedAtUtc)} to ${utcText(cleaning.endedAtUtc)}`
      : '';
  return [
    cleaning.procedure ?? 'Procedure not named',
    period,
    `performed by ${cleaning.performedByName}`,
    cleaning.verifiedByName ? `verified by ${cleaning.verifiedByName}` : 'not verified',
  ]
    .filter(Boolean)
    .join('\n');
}

export function equipmentAtUseChapter(flow: ReportFlow, data: BatchRecordData, world: BatchWorld): void {
  flow.heading('Equipment and rooms (register at the time of use)', 2);
  if (world.equipment.length === 0) {
    flow.paragraph('No registered equipment item or room was used by this batch.', {
      size: 7.5,
      color: GREY,
    });
    return;
  }
  const titles = stepTitles(data);
  flow.table({
    head: [['Item', 'Room', 'Clean status at use', 'Last cleaning before use', 'Put in use', 'Left dirty']],
    body: world.equipment.map((use) => [
      cell(`${use.code}\n${use.description}${use.kind === 'room' ? '\n(room)' : ''}`, { fontStyle: 'bold' }),
      use.room,
      cell(use.cleanStatusAtUse),
      cell(cleaningText(use), use.lastCleaning ? {} : { textColor: GREY }),
      `${use.stepId ? (titles.get(use.stepId) ?? use.stepId) : '—'}\n${use.usedByName}\n${utcText(use.usedAtUtc)}`,
      use.leftDirtyAtUtc ? utcText(use.leftDirtyAtUtc) : 'Still in use',
    ]),
    columnStyles: {
      0: { cellWidth: 32 },
      1: { cellWidth: 20 },
      2: { cellWidth: 32 },
      3: { cellWidth: 44 },
      4: { cellWidth: 36 },
      5: { cellWidth: 22 },
    },
    styles: { fontSize: 6.8 },
  });
}
