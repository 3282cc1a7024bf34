import type { EquipmentDetailView } from '../../../shared/contract/materials';
import { utcText, zonedText } from '../records/record-facts';
import { FONT, MARGIN, newReportDocument, ReportFlow } from '../records/report-frame';

export interface LogbookPdfInput {
  item: EquipmentDetailView;
  generatedAtUtc: string;
  generatedBy: string;
  terminalName: string;
  timeZone: string;
  applicationVersion: string;
}

/**
 * An equipment item's or room's logbook (R211-182) as PDF: every use with its batch and product,
 * every cleaning (procedure, start, end, who cleaned, who verified), maintenance and status change,
 * in order — derived from the records, never typed twice. Same input, same bytes.
 */
export function renderLogbookPdf(input: LogbookPdfInput): Buffer {
  const { item } = input;
  const doc = newReportDocument({
    title: `Equipment logbook ${item.code}`,
    subject: `${item.description}, ${item.room}`,
    author: input.generatedBy,
    creator: `EBR Workstation ${input.applicationVersion}`,
    generatedAtUtc: input.generatedAtUtc,
    contentKey: `${item.code}\n${item.logbook.map((entry) => entry.id).join('\n')}`,
  });
  const flow = new ReportFlow(doc);
  flow.heading(`${item.kind === 'room' ? 'Room' : 'Equipment'} ${item.code} — ${item.description}`);
  flow.paragraph(
    `Room ${item.room} · clean hold ${item.cleanHoldHours} h · dirty hold ${item.dirtyHoldHours} h · campaign ${item.campaignBatches} batch${item.campaignBatches === 1 ? '' : 'es'} of the same product before cleaning`,
  );
  flow.paragraph(`Status when printed: ${item.statusText}`, { style: 'bold' });
  flow.table({
    head: [
      [
        '#',
        'When (UTC)',
        'Event',
        'Batch · product',
        'Procedure · period (UTC)',
        'By · verified by',
        'Reason',
      ],
    ],
    body: item.logbook.map((entry, index) => [
      String(index + 1),
      utcText(entry.recordedAtUtc),
      entry.kind,
      entry.batchNumber ? `${entry.batchNumber}\n${entry.productCode ?? ''} ${entry.productName ?? ''}` : '',
      entry.procedure
        ? `${entry.procedure}\n${entry.startedAtUtc ? utcText(entry.startedAtUtc) : ''} – ${entry.endedAtUtc ? utcText(entry.endedAtUtc) : ''}`
        : '',
      entry.verifiedByName
        ? `${entry.performedByName}\nverified by ${entry.verifiedByName}`
        : entry.performedByName,
      entry.reason,
    ]),
    columnStyles: {
      0: { cellWidth: 7 },
      1: { cellWidth: 22 },
      2: { cellWidth: 22 },
      3: { cellWidth: 34 },
      4: { cellWidth: 34 },
      5: { cellWidth: 30 },
    },
  });
  const pages = doc.getNumberOfPages();
  const footer = `Derived from the batch records and signed cleaning and maintenance records · printed by ${input.generatedBy} on ${input.terminalName} · ${utcText(input.generatedAtUtc)} · ${zonedText(input.generatedAtUtc, input.timeZone)} · EBR Workstation ${input.applicationVersion}`;
  for (let page = 1; page <= pages; page++) {
    doc.setPage(page);
    const width = doc.internal.pageSize.getWidth();
    const height = doc.internal.pageSize.getHeight();
    doc.setFont(FONT, 'bold');
    doc.setFontSize(9.5);
    doc.text(`EQUIPMENT LOGBOOK · ${item.code}`, MARGIN, 11);
    doc.text(`Page ${page} of ${pages}`, width - MARGIN, 11, { align: 'right' });
    doc.setFont(FONT, 'normal');
    doc.setFontSize(6.3);
    doc.text(doc.splitTextToSize(footer, width - 2 * MARGIN) as string[], MARGIN, height - 11.5);
  }
  return Buffer.from(doc.output('arraybuffer'));
}
