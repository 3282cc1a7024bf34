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

/**
 * The batch record PDF in one click: the core renders it from the record as it is now and the
 * file is offered for saving at once; the link stays to save it again.
 */
export function BatchRecordPdfButton({ batchId }: { batchId: string }) {
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
    const file = await run(() => call('records.batchPdf', { batchId }));
    if (file) setGenerated({ file, url: recordFileUrl(file) });
  };

  return (
    <div className="record-pdf" data-testid="record-pdf">
      <button
        type="button"
        className="button button--large"
        onClick={() => void generate()}
        disabled={pending}
        data-testid="record-pdf-open"
      >
        {pending ? 'Making the PDF…' : 'Batch record PDF'}
      </button>
      {generated ? (
        <p className="record-pdf__result">
          <a
            ref={link}
            className="record-pdf__link"
            href={generated.url}
            download={generated.file.fileName}
            data-testid="record-pdf-link"
          >
            Save {generated.file.fileName}
          </a>
          <span className="record-pdf__facts">
            {generated.file.pageCount ?? '?'} pages · SHA-256{' '}
            <code title={generated.file.sha256}>{generated.file.sha256.slice(0, 12)}…</code>
          </span>
        </p>
      ) : null}
      <FormError error={error?.toData() ?? null} testId="record-pdf-error" />
    </div>
  );
}
