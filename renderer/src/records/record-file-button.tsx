import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { RecordFile } from '../../../shared/contract/records';
import { useSubmit } from '../forms/use-submit';
import { FormError } from '../ui/form-error';
import { recordFileUrl } from './record-file-url';

interface Generated {
  file: RecordFile;
  url: string;
}

/**
 * A record the core renders on demand (the batch record PDF, the paper continuation record): one
 * click makes it from the store as it is now and offers it for saving; the link saves it again.
 */
export function RecordFileButton({
  label,
  pendingLabel,
  produce,
  testId,
  hint,
}: {
  label: string;
  pendingLabel: string;
  produce: () => Promise<RecordFile>;
  testId: string;
  /** When to use it, under the button. */
  hint?: ReactNode;
}) {
  const [generated, setGenerated] = useState<Generated | null>(null);
  const { pending, error, run } = useSubmit();
  const link = useRef<HTMLAnchorElement>(null);

  // Offered for saving once made; the Blob URL lives until replaced or until the screen closes.
  useEffect(() => {
    if (!generated) return;
    link.current?.click();
    return () => URL.revokeObjectURL(generated.url);
  }, [generated]);

  const generate = async () => {
    const file = await run(produce);
    if (file) setGenerated({ file, url: recordFileUrl(file) });
  };

  return (
    <div className="record-file" data-testid={testId}>
      <button
        type="button"
        className="button"
        onClick={() => void generate()}
        disabled={pending}
        data-testid={`${testId}-open`}
      >
        {pending ? pendingLabel : label}
      </button>
      {hint}
      {generated ? (
        <p className="record-file__result" data-testid={`${testId}-result`}>
          <a
            ref={link}
            className="record-file__link"
            href={generated.url}
            download={generated.file.fileName}
            data-testid={`${testId}-link`}
          >
            Save {generated.file.fileName}
          </a>
          <span className="record-file__facts">
            {generated.file.pageCount === null
              ? null
              : `${generated.file.pageCount} ${generated.file.pageCount === 1 ? 'page' : 'pages'} · `}
            SHA-256 <code title={generated.file.sha256}>{generated.file.sha256.slice(0, 12)}…</code>
          </span>
        </p>
      ) : null}
      <FormError error={error?.toData() ?? null} testId={`${testId}-error`} />
    </div>
  );
}
