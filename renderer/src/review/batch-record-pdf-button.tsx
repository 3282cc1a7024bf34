import { useEffect, useRef, useState } from 'react';
import type { RecordFile } from '../../../shared/contract/records';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { FormError } from '../ui/form-error';
import { recordFileUrl } from './record-file-url';

interface Generated {
  file: RecordFile;
  url: string;
}

interface RecordPdfButtonProps {
  batchId: string;
  channel: 'records.batchPdf' | 'records.reviewSummary';
  label: string;
  /** `record-pdf` → record-pdf-open, record-pdf-link, record-pdf-error. */
  testId: string;
}

/**
 * A record PDF in one click: the core renders it from the record as it is now and the file is
 * offered for saving at once; the link stays to save it again.
 */
function RecordPdfButton({ batchId, channel, label, testId }: RecordPdfButtonProps) {
  const [generated, setGenerated] = useState<Generated | null>(null);
  const { pending, error, run } = useSubmit();
  const link = useRef<HTMLAnchorElement>(null);

  // The Blob URL lives until replaced or until the screen closes.
  useEffect(() => {
    if (!generated) return;
    link.current?.click();
    return () => URL.revokeObjectURL(generated.url);
  }, [generated]);

  const generate = async () => {
    const file = await run(() => call(channel, { batchId }));
    if (file) setGenerated({ file, url: recordFileUrl(file) });
  };

  return (
    <div className="record-pdf" data-testid={testId}>
      <button
        type="button"
        className="button button--large"
        onClick={() => void generate()}
        disabled={pending}
        data-testid={`${testId}-open`}
      >
        {pending ? 'Making the PDF…' : label}
      </button>
      {generated ? (
        <p className="record-pdf__result">
          <a
            ref={link}
            className="record-pdf__link"
            href={generated.url}
            download={generated.file.fileName}
            data-testid={`${testId}-link`}
          >
            Save {generated.file.fileName}
          </a>
          <span className="record-pdf__facts">
            {generated.file.pageCount ?? '?'} {generated.file.pageCount === 1 ? 'page' : 'pages'} · SHA-256{' '}
            <code title={generated.file.sha256}>{generated.file.sha256.slice(0, 12)}…</code>
          </span>
        </p>
      ) : null}
      <FormError error={error?.toData() ?? null} testId={`${testId}-error`} />
    </div>
  );
}

/** The whole batch record, for review and the archive. */
export function BatchRecordPdfButton({ batchId }: { batchId: string }) {
  return (
    <RecordPdfButton
      batchId={batchId}
      channel="records.batchPdf"
      label="Batch record PDF"
      testId="record-pdf"
    />
  );
}

/** The one page a Qualified Person reads first: what was exceptional and how it was dispositioned. */
export function ReviewSummaryPdfButton({ batchId }: { batchId: string }) {
  return (
    <RecordPdfButton
      batchId={batchId}
      channel="records.reviewSummary"
      label="Review summary (PDF)"
      testId="review-summary"
    />
  );
}
