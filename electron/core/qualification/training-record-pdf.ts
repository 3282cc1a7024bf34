import type { PersonTrainingView } from '../../../shared/contract/qualifications';
import { roleLabels } from '../../../shared/permissions';
import { utcText, zonedText } from '../records/record-facts';
import { FONT, MARGIN, newReportDocument, ReportFlow } from '../records/report-frame';

export interface TrainingRecordPdfInput {
  person: PersonTrainingView;
  generatedAtUtc: string;
  generatedBy: string;
  terminalName: string;
  timeZone: string;
  applicationVersion: string;
}

const stateWords = {
  qualified: 'qualified',
  expiring: 'qualified, expiring soon',
  expired: 'EXPIRED',
  'sop-revised': 'SOP REVISED — retraining needed',
  missing: 'NOT QUALIFIED',
} as const;

/**
 * A person's training record (P11-10i) as PDF: the standing of every qualification when printed,
 * and every signed read-and-understood and assessment, in order. Same input, same bytes.
 */
export function renderTrainingRecordPdf(input: TrainingRecordPdfInput): { bytes: Buffer; pageCount: number } {
  const { person } = input;
  const doc = newReportDocument({
    title: `Training record ${person.fullName}`,
    subject: `Training and qualification of ${person.fullName} (${person.username})`,
    author: input.generatedBy,
    creator: `EBR Workstation ${input.applicationVersion}`,
    generatedAtUtc: input.generatedAtUtc,
    contentKey: `${person.userId}\n${person.records.map((record) => record.id).join('\n')}`,
  });
  const flow = new ReportFlow(doc);
  flow.heading(`Training record — ${person.fullName}`);
  flow.paragraph(`${person.username} · ${person.roles.map((role) => roleLabels[role]).join(', ')}`);
  flow.heading('Qualifications when printed');
  flow.table({
    head: [['Qualification', 'State', 'Valid until (UTC)', 'Missing or out of date']],
    body: person.standings.map((standing) => [
      `${standing.name}\n${standing.code}`,
      stateWords[standing.state],
      standing.expiresOn ?? '',
      standing.gaps.join('; '),
    ]),
  });
  flow.heading('Signed training records');
  flow.table({
    head: [['#', 'When (UTC)', 'Record', 'Subject', 'Signed by · recorded by', 'Comment']],
    body: person.records.map((record, index) => [
      String(index + 1),
      utcText(record.recordedAtUtc),
      record.kind === 'assessment' ? 'Practical assessment ("assessed")' : 'Read and understood ("trained")',
      record.subject,
      `${record.signerName}\nrecorded by ${record.recordedByName}`,
      record.comment,
    ]),
    columnStyles: { 0: { cellWidth: 7 }, 1: { cellWidth: 24 } },
  });
  const pages = doc.getNumberOfPages();
  const footer = `Derived from the signed training records · printed by ${input.generatedBy} on ${input.terminalName} · ${utcText(input.generatedAtUtc)} · ${zonedText(input.generatedAtUtc, input.timeZone)} · EBR Workstation ${input.applicationVersion}`;
  for (let page = 1; page <= pages; page++) {
    doc.setPage(page);
    const width = doc.internal.pageSize.getWidth();
    const height = doc.internal.pageSize.getHeight();
    doc.setFont(FONT, 'bold');
    doc.setFontSize(9.5);
    doc.text(`TRAINING RECORD · ${person.fullName}`, MARGIN, 11);
    doc.text(`Page ${page} of ${pages}`, width - MARGIN, 11, { align: 'right' });
    doc.setFont(FONT, 'normal');
    doc.setFontSize(6.3);
    doc.text(doc.splitTextToSize(footer, width - 2 * MARGIN) as string[], MARGIN, height - 11.5);
  }
  return { bytes: Buffer.from(doc.output('arraybuffer')), pageCount: pages };
}
