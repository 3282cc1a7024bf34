import type { ExportVerificationReportView } from '../../../shared/contract/records';

/** What the inspector reads for each file: the verdict in capitals, and why. */
export type FileVerdict = 'OK' | 'CHANGED' | 'MISSING' | 'UNEXPECTED' | 'INVALID';

export interface PackageFileLine {
  name: string;
  role: string;
  verdict: FileVerdict;
  detail: string;
  /** SHA-256 as signed and as found, when known. */
  signedSha256: string | null;
  foundSha256: string | null;
}

const roles: Record<string, string> = {
  'batch-record.pdf': 'Batch record (PDF, to read and print)',
  'batch-record.json': 'Electronic copy of the batch record (JSON)',
  'VERIFY.txt': 'How to check this package by hand',
  SHA256SUMS: 'Checksums, for sha256sum -c',
  'manifest.json': 'Signed list of the files, with the batch and the exporter',
  'manifest.sig': 'Ed25519 signature of manifest.json',
  'public-key.pem': 'Public key of the terminal that signed',
};

/** The three files that make the signature; the manifest does not list them. */
const signatureFiles = ['manifest.json', 'manifest.sig', 'public-key.pem'] as const;

const signatureFileOk: Record<(typeof signatureFiles)[number], string> = {
  'manifest.json': 'Unchanged since it was signed',
  'manifest.sig': 'A valid signature of manifest.json by the key beside it',
  'public-key.pem': 'The key the manifest names',
};

function sizeText(bytes: number): string {
  return `${bytes.toLocaleString('en-GB')} bytes`;
}

/**
 * Every file of the package folder with its verdict: the signature files, the files the signed
 * manifest lists (unchanged, changed or missing), then the files nobody signed.
 */
export function packageFileLines(report: ExportVerificationReportView): PackageFileLine[] {
  const lines: PackageFileLine[] = signatureFiles.map((name): PackageFileLine => {
    const problems = report.problems.filter((problem) => problem.file === name);
    const missing = problems.find((problem) => problem.kind.endsWith('-missing'));
    const line = { name, role: roles[name] ?? '', signedSha256: null, foundSha256: null };
    if (problems.length > 0) {
      const detail = problems.map((problem) => problem.message).join(' ');
      return { ...line, verdict: missing ? 'MISSING' : 'INVALID', detail };
    }
    if (name === 'manifest.sig' && !report.signatureValid) {
      return { ...line, verdict: 'INVALID', detail: 'Does not verify manifest.json with the key beside it' };
    }
    return { ...line, verdict: 'OK', detail: signatureFileOk[name] };
  });
  for (const file of report.files) {
    const base = {
      name: file.name,
      role: roles[file.name] ?? 'Listed in the manifest',
      signedSha256: file.expected.sha256,
    };
    if (file.status === 'intact') {
      lines.push({
        ...base,
        verdict: 'OK',
        detail: `Unchanged: ${sizeText(file.expected.size)} and SHA-256 as signed`,
        foundSha256: file.actual?.sha256 ?? null,
      });
    } else if (file.status === 'missing') {
      lines.push({
        ...base,
        verdict: 'MISSING',
        detail: 'Listed in the signed manifest but not in the folder',
        foundSha256: null,
      });
    } else {
      const detail =
        file.actual === null
          ? 'Not a regular file any more'
          : file.actual.size !== file.expected.size
            ? `Changed since it was exported: ${sizeText(file.actual.size)} now, ${sizeText(file.expected.size)} when signed`
            : `Changed since it was exported: same size (${sizeText(file.actual.size)}), different content`;
      lines.push({ ...base, verdict: 'CHANGED', detail, foundSha256: file.actual?.sha256 ?? null });
    }
  }
  for (const name of report.unexpectedFiles) {
    lines.push({
      name,
      role: 'Not part of the package',
      verdict: 'UNEXPECTED',
      detail:
        'In the folder but not in the signed manifest: added after the export (perhaps by an operating system browsing the drive)',
      signedSha256: null,
      foundSha256: null,
    });
  }
  return lines;
}
