import type { ExportProblemKindView, ExportVerificationView } from '../../../shared/contract/records';
import { formatUtcInstant } from '../format/time';
import { formatZoned, zonedTime } from '../format/zoned-time';
import { FactList, type Fact } from '../ui/fact-list';
import { GroupedCode } from '../ui/grouped-code';
import { StatusBadge, type BadgeTone } from '../ui/status-badge';
import { packageFileLines, type FileVerdict } from './package-files';

const problemLabels: Record<ExportProblemKindView, string> = {
  'manifest-missing': 'Manifest missing',
  'manifest-invalid': 'Manifest unreadable',
  'signature-missing': 'Signature missing',
  'signature-invalid': 'Signature invalid',
  'public-key-missing': 'Public key missing',
  'public-key-invalid': 'Public key unreadable',
  'key-not-in-manifest': 'Key mismatch',
  'key-not-trusted': 'Key not trusted',
  'chain-head-invalid': 'Audit chain head invalid',
  'file-changed': 'File changed',
  'file-missing': 'File missing',
  'file-unexpected': 'Unexpected file',
};

const verdictTones: Record<FileVerdict, BadgeTone> = {
  OK: 'ok',
  CHANGED: 'fail',
  MISSING: 'fail',
  INVALID: 'fail',
  UNEXPECTED: 'warn',
};

const rowClasses: Record<FileVerdict, string | undefined> = {
  OK: undefined,
  CHANGED: 'package-files__row--problem',
  MISSING: 'package-files__row--problem',
  INVALID: 'package-files__row--problem',
  UNEXPECTED: 'package-files__row--unexpected',
};

/** The fingerprint in groups of eight, as the terminal register shows it. */
function fingerprintGroups(fingerprint: string): string {
  return fingerprint.match(/.{1,8}/g)?.join(' ') ?? fingerprint;
}

/** File problems in words; the table below gives their sizes and hashes. Others as the verifier says. */
function problemText(problem: ExportVerificationView['problems'][number]): string {
  switch (problem.kind) {
    case 'file-changed':
      return 'Changed since it was exported: its content is not what the terminal signed.';
    case 'file-missing':
      return 'Listed in the signed manifest but missing from the folder.';
    case 'file-unexpected':
      return 'In the folder but not in the signed manifest: added after the export.';
    default:
      return problem.message;
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function exportedWhen(isoUtc: string, timeZone: string): string {
  const zoned = zonedTime(isoUtc, timeZone);
  return zoned ? `${formatZoned(zoned)} · ${formatUtcInstant(isoUtc)}` : formatUtcInstant(isoUtc);
}

function SignerFacts({ report }: { report: ExportVerificationView }) {
  const { registeredTerminal, keyFingerprint } = report;
  return (
    <span className="package-report__signer" data-testid="package-signer">
      {registeredTerminal ? (
        <>
          <strong data-testid="package-signer-terminal">{registeredTerminal.name}</strong>{' '}
          <span className="muted">in this workstation’s terminal register ({registeredTerminal.status})</span>
        </>
      ) : keyFingerprint ? (
        <strong data-testid="package-signer-terminal">
          A terminal not in this workstation’s register: compare the fingerprint with the register of the site
          that exported it
        </strong>
      ) : (
        <strong data-testid="package-signer-terminal">Unknown: the package carries no readable key</strong>
      )}
      {keyFingerprint ? (
        <GroupedCode value={fingerprintGroups(keyFingerprint)} size="small" testId="package-fingerprint" />
      ) : null}
    </span>
  );
}

/**
 * The offline check of an export package, in words an inspector reads aloud: the verdict, who and
 * which terminal signed it, and every file of the folder as OK, CHANGED, MISSING or UNEXPECTED.
 */
export function VerificationReport({
  report,
  timeZone,
}: {
  report: ExportVerificationView;
  timeZone: string;
}) {
  const { manifest } = report;
  const lines = packageFileLines(report);
  const product = manifest
    ? [text(manifest.batch.productCode), text(manifest.batch.productName)].filter(Boolean).join(' ')
    : '';
  const facts: Fact[] = [];
  if (manifest) {
    facts.push(
      {
        label: 'Batch',
        value: product ? `${manifest.batch.batchNumber} · ${product}` : manifest.batch.batchNumber,
        testId: 'package-batch',
      },
      { label: 'Package', value: manifest.packageName, code: true, testId: 'package-name' },
      {
        label: 'Exported',
        value: `${exportedWhen(manifest.exportedAtUtc, timeZone)} by ${manifest.exporter.fullName} (${manifest.exporter.username}), EBR Workstation ${manifest.applicationVersion}`,
        testId: 'package-exported',
      },
    );
  }
  facts.push(
    {
      label: 'Signature',
      value: report.signatureValid
        ? 'Valid: manifest.json is exactly as the terminal signed it'
        : 'NOT VALID: the list of files cannot be trusted',
      testId: 'package-signature',
    },
    { label: 'Signed by', value: <SignerFacts report={report} /> },
    {
      label: 'Trusted fingerprint',
      value:
        report.keyTrusted === null
          ? 'Not given: compare the fingerprint above with the terminal register'
          : report.keyTrusted
            ? 'Matches the fingerprint entered'
            : 'DOES NOT MATCH the fingerprint entered',
      testId: 'package-key-trusted',
    },
  );
  if (manifest) {
    facts.push({
      label: 'Audit trail head',
      value: `Row ${manifest.auditChainHead.auditSeq} (signed checkpoint #${manifest.auditChainHead.checkpointSeq})${
        report.chainHeadSignatureValid === null
          ? ', signed by another key: not checked'
          : report.chainHeadSignatureValid
            ? ', signature valid'
            : ', SIGNATURE NOT VALID'
      }`,
      testId: 'package-chain-head',
    });
  }
  const problemCount = report.problems.length;

  return (
    <section
      className={
        report.valid ? 'package-report package-report--valid' : 'package-report package-report--invalid'
      }
      aria-label="Verification report"
      data-testid="package-report"
      data-valid={String(report.valid)}
    >
      <div className="package-report__verdict" role="status">
        <StatusBadge tone={report.valid ? 'ok' : 'fail'} testId="package-verdict">
          {report.valid ? 'VALID' : 'NOT VALID'}
        </StatusBadge>
        <p className="package-report__headline" data-testid="package-headline">
          {report.valid
            ? 'Complete and unchanged since it was signed: every file is exactly as exported.'
            : `This package is not as it was signed: ${problemCount} ${problemCount === 1 ? 'problem' : 'problems'}.`}
        </p>
        <p className="package-report__folder">
          <code className="inline-code">{report.directory}</code>
        </p>
      </div>
      {problemCount > 0 ? (
        <ol className="package-report__problems" data-testid="package-problems">
          {report.problems.map((problem, index) => (
            <li
              key={index}
              data-testid="package-problem"
              data-kind={problem.kind}
              data-file={problem.file ?? ''}
            >
              <strong>{problemLabels[problem.kind]}</strong>
              {problem.file ? (
                <>
                  {' '}
                  · <code className="inline-code">{problem.file}</code>
                </>
              ) : null}
              <span className="package-report__problem-message">{problemText(problem)}</span>
            </li>
          ))}
        </ol>
      ) : null}
      <FactList facts={facts} />
      <div className="table-frame">
        <table className="table package-files">
          <caption className="visually-hidden">Every file of the package folder</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Result</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr
                key={line.name}
                className={rowClasses[line.verdict]}
                data-testid="package-file"
                data-name={line.name}
                data-verdict={line.verdict}
              >
                <td>
                  <span className="package-files__name">{line.name}</span>
                  <span className="package-files__role">{line.role}</span>
                </td>
                <td>
                  <StatusBadge tone={verdictTones[line.verdict]} compact testId="package-file-verdict">
                    {line.verdict}
                  </StatusBadge>
                </td>
                <td>
                  <div className="package-files__detail">
                    <span data-testid="package-file-detail">{line.detail}</span>
                    {line.verdict === 'CHANGED' && line.signedSha256 ? (
                      <span className="package-files__hashes">
                        <span>
                          <strong>SHA-256 as signed</strong> <code>{line.signedSha256}</code>
                        </span>
                        {line.foundSha256 ? (
                          <span>
                            <strong>SHA-256 now</strong> <code>{line.foundSha256}</code>
                          </span>
                        ) : null}
                      </span>
                    ) : line.signedSha256 ? (
                      <span className="package-files__hashes">
                        <code title="SHA-256">{line.signedSha256}</code>
                      </span>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {manifest === null ? (
        <p className="muted">
          Without a readable, signed manifest the other files of the folder cannot be checked.
        </p>
      ) : null}
    </section>
  );
}
