import type { BatchView } from '../../../shared/contract/batches';
import { call } from '../ipc/client';
import { RecordFileButton } from './record-file-button';
import { paperContinuableStatuses } from './record-statuses';
import '../styles/records.css';

/**
 * The batch's records from its screen: the batch record PDF and its BatchML form at any time and, while the
 * batch is still being executed, the paper continuation record for when this terminal breaks down.
 */
export function BatchRecordActions({ batch }: { batch: BatchView }) {
  const continuable = paperContinuableStatuses.includes(batch.status);
  return (
    <div className="record-actions" data-testid="batch-record-actions">
      <RecordFileButton
        label="Batch record PDF"
        pendingLabel="Making the PDF…"
        produce={() => call('records.batchPdf', { batchId: batch.id })}
        testId="batch-record-pdf"
      />
      <RecordFileButton
        label="BatchML (XML)"
        pendingLabel="Making the BatchML…"
        produce={() => call('records.batchml', { batchId: batch.id })}
        testId="batch-record-batchml"
        hint={
          <p className="record-actions__hint">
            The same record as a BatchML batch production record, for ERP, LIMS and other MES.
          </p>
        }
      />
      {continuable ? (
        <RecordFileButton
          label="Paper continuation record"
          pendingLabel="Making the paper record…"
          produce={() => call('records.paperContinuation', { batchId: batch.id })}
          testId="paper-continuation"
          hint={
            <p className="record-actions__hint" data-testid="paper-continuation-hint">
              Only if this terminal breaks down mid-batch: the remaining steps as a form to carry on by hand
              (EU GMP Annex 11 §16). Printing it is recorded in the audit trail.
            </p>
          }
        />
      ) : null}
    </div>
  );
}
