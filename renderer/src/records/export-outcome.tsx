import { Link } from 'react-router';
import type { ExportedPackageView } from '../../../shared/contract/records';
import { fileSizeText } from '../backup/file-size';
import type { IpcError } from '../ipc/ipc-error';
import { FactList } from '../ui/fact-list';
import { StatusBadge } from '../ui/status-badge';
import { verifyPackagePath } from './verify-link';

function ExportedPackage({ written }: { written: ExportedPackageView }) {
  return (
    <article className="export-package" data-testid="export-package" data-package-name={written.packageName}>
      <header className="export-package__header">
        <StatusBadge tone="ok">Written, read back and checked</StatusBadge>
        <h3 className="export-package__name" data-testid="export-package-name">
          {written.packageName}
        </h3>
      </header>
      <FactList
        facts={[
          { label: 'Batch', value: written.batchNumber, testId: 'export-package-batch' },
          { label: 'Folder', value: written.directory, code: true, testId: 'export-package-folder' },
          {
            label: 'Manifest SHA-256',
            value: written.manifestSha256,
            code: true,
            testId: 'export-package-manifest-sha256',
          },
          { label: 'Electronic copy SHA-256', value: written.electronicCopySha256, code: true },
          {
            label: 'Size',
            value: `${fileSizeText(written.totalBytes)} in ${written.files.length} listed files`,
          },
        ]}
      />
      <div className="table-frame">
        <table className="table export-package__files">
          <caption className="visually-hidden">
            Files listed in the signed manifest of {written.packageName}
          </caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col" className="table__end">
                Size
              </th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {written.files.map((file) => (
              <tr key={file.name} data-testid="export-package-file" data-name={file.name}>
                <td className="table__key">{file.name}</td>
                <td className="table__end export-package__size">{fileSizeText(file.size)}</td>
                <td>
                  <code className="export-package__hash">{file.sha256}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        Beside these files: <code className="inline-code">manifest.json</code> (the signed list),{' '}
        <code className="inline-code">manifest.sig</code> and the terminal’s{' '}
        <code className="inline-code">public-key.pem</code>.
      </p>
      <Link className="button" to={verifyPackagePath(written.directory)} data-testid="export-package-verify">
        Verify this package
      </Link>
    </article>
  );
}

/** The packages just written, each complete and audited. */
export function ExportResult({ packages }: { packages: readonly ExportedPackageView[] }) {
  return (
    <div className="export-result-list" data-testid="export-result">
      {packages.map((written) => (
        <ExportedPackage key={written.packageName} written={written} />
      ))}
      <p className="export-result-list__eject">
        Eject the drive in the operating system before unplugging it, so that everything written reaches it.
      </p>
    </div>
  );
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** A refused or failed export: the cause and what to do, what (if anything) was complete, and a retry. */
export function ExportFailure({
  error,
  onRetry,
  retrying,
}: {
  error: IpcError;
  onRetry: () => void;
  retrying: boolean;
}) {
  const exported = stringList(error.details?.exported);
  return (
    <div className="export-failure" role="alert" data-testid="export-failure" data-code={error.code}>
      <StatusBadge tone="fail">Export failed</StatusBadge>
      <p className="export-failure__message" data-testid="export-failure-message">
        {error.message}
      </p>
      {exported.length > 0 ? (
        <div className="export-failure__partial" data-testid="export-failure-exported">
          <p>Complete and recorded in the audit trail before the failure:</p>
          <ul>
            {exported.map((name) => (
              <li key={name}>
                <code className="inline-code">{name}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : /nothing was exported/i.test(error.message) ? null : (
        <p className="export-failure__nothing">Nothing was exported: no package was written.</p>
      )}
      <p className="form-error__code">{error.code}</p>
      <button
        type="button"
        className="button button--primary"
        onClick={onRetry}
        disabled={retrying}
        data-testid="export-retry"
      >
        Try again
      </button>
    </div>
  );
}
