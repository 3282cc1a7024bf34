import type { BatchView } from '../../../shared/contract/batches';
import { meaningLabels, type SignatureMeaning } from '../../../shared/signatures';
import type { StepQualificationRow } from '../qualification/step-qualifications';
import type { ReportFlow } from './report-frame';

/**
 * The qualifications each performer and signer held when a step was recorded (A11-2), under the
 * signatures. Printed only for batches whose recipe asks for qualifications.
 */
export function stepQualificationsTable(
  flow: ReportFlow,
  view: BatchView,
  rows: readonly StepQualificationRow[],
): void {
  if (rows.length === 0) return;
  const titles = new Map(
    view.steps.map((step) => [step.id, `${step.position + 1}. ${step.definition.title}`]),
  );
  flow.heading('Qualifications of performers and signers', 2);
  flow.paragraph(
    'Each person’s qualifications the recipe asks for, checked and held when the step was recorded, with the date each was valid until.',
    { size: 7.5, gap: 1.5 },
  );
  flow.table({
    head: [['Step', 'Person', 'As', 'Qualification', 'Valid until (UTC)', 'Checked at (UTC)']],
    body: rows.map((row) => [
      titles.get(row.stepId) ?? row.stepId,
      row.userName,
      row.capacity === 'performed' ? 'Performer' : meaningLabels[row.capacity as SignatureMeaning],
      `${row.qualificationName} (${row.qualificationCode})`,
      row.validUntilUtc.slice(0, 10),
      row.recordedAtUtc.replace('T', ' ').slice(0, 19),
    ]),
  });
}
