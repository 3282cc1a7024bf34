import { useEffect, useRef, useState } from 'react';
import type { AuditFilter, ExportedFile } from '../../../shared/contract/audit-trail';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { FormError } from '../ui/form-error';
import { exportedFileUrl } from './exported-file-url';

type Format = 'csv' | 'pdf';

interface Ready {
  file: ExportedFile;
  url: string;
}

function DownloadLink({ format, ready }: { format: Format; ready: Ready }) {
  const { file } = ready;
  return (
    <div className="export-result" data-testid={`export-${format}-result`}>
      <a
        className="button button--primary"
        href={ready.url}
        download={file.fileName}
        data-testid={`export-${format}-link`}
      >
        Download {file.fileName}
      </a>
      <p className="export-result__rows">
        {file.rowCount} {file.rowCount === 1 ? 'row' : 'rows'}
      </p>
      {file.truncated ? (
        <p className="export-result__truncated" role="alert" data-testid={`export-${format}-truncated`}>
          Truncated at {file.rowLimit} rows: narrow the filter to export the rest.
        </p>
      ) : null}
    </div>
  );
}

/** The filtered view as CSV or PDF: the core writes the file; the link saves it. */
export function AuditExports({ filter }: { filter: AuditFilter }) {
  const [files, setFiles] = useState<Partial<Record<Format, Ready>>>({});
  const [working, setWorking] = useState<Format | null>(null);
  const { error, run } = useSubmit();

  // Blob URLs live until revoked: each is dropped when replaced, and all when the screen closes.
  const urls = useRef(new Set<string>());
  useEffect(() => {
    const held = urls.current;
    return () => {
      for (const url of held) URL.revokeObjectURL(url);
      held.clear();
    };
  }, []);

  const exportAs = async (format: Format) => {
    setWorking(format);
    const file = await run(() => call(format === 'csv' ? 'audit.exportCsv' : 'audit.exportPdf', { filter }));
    setWorking(null);
    if (!file) return;
    const url = exportedFileUrl(file);
    urls.current.add(url);
    const replaced = files[format];
    if (replaced) {
      URL.revokeObjectURL(replaced.url);
      urls.current.delete(replaced.url);
    }
    setFiles((current) => ({ ...current, [format]: { file, url } }));
  };

  return (
    <div className="audit-exports" data-testid="audit-exports">
      <div className="form__actions">
        <button
          type="button"
          className="button"
          onClick={() => void exportAs('csv')}
          disabled={working !== null}
          data-testid="export-csv"
        >
          {working === 'csv' ? 'Exporting…' : 'Export CSV'}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void exportAs('pdf')}
          disabled={working !== null}
          data-testid="export-pdf"
        >
          {working === 'pdf' ? 'Exporting…' : 'Export PDF'}
        </button>
      </div>
      {files.csv ? <DownloadLink format="csv" ready={files.csv} /> : null}
      {files.pdf ? <DownloadLink format="pdf" ready={files.pdf} /> : null}
      <FormError error={error?.toData() ?? null} testId="export-error" />
    </div>
  );
}
