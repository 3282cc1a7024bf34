/** "Verify a package" in words: each file's verdict from the verifier's report, and the export progress share. */
import { describe, expect, it } from 'vitest';
import type { ExportVerificationReportView } from '../../shared/contract/records';
import { packageFileLines } from '../../renderer/src/records/package-files';
import { overallShare } from '../../renderer/src/records/use-export';

const hash = (digit: string) => digit.repeat(64);

function report(overrides: Partial<ExportVerificationReportView> = {}): ExportVerificationReportView {
  return {
    directory: '/media/usb/EBR-B1-20261102T080000Z',
    valid: true,
    signatureValid: true,
    keyFingerprint: hash('f'),
    trustedFingerprint: null,
    keyTrusted: null,
    chainHeadSignatureValid: true,
    manifest: null,
    files: [
      {
        name: 'batch-record.pdf',
        status: 'intact',
        expected: { size: 10, sha256: hash('a') },
        actual: { size: 10, sha256: hash('a') },
      },
    ],
    unexpectedFiles: [],
    problems: [],
    ...overrides,
  };
}

const verdicts = (view: ExportVerificationReportView) =>
  packageFileLines(view).map((line) => [line.name, line.verdict]);

describe('packageFileLines', () => {
  it('lists the signature files first, then the listed files, all OK in an intact package', () => {
    expect(verdicts(report())).toEqual([
      ['manifest.json', 'OK'],
      ['manifest.sig', 'OK'],
      ['public-key.pem', 'OK'],
      ['batch-record.pdf', 'OK'],
    ]);
  });

  it('names a changed, a missing and an unexpected file', () => {
    const lines = packageFileLines(
      report({
        valid: false,
        files: [
          {
            name: 'batch-record.pdf',
            status: 'changed',
            expected: { size: 10, sha256: hash('a') },
            actual: { size: 11, sha256: hash('b') },
          },
          {
            name: 'batch-record.json',
            status: 'missing',
            expected: { size: 5, sha256: hash('c') },
            actual: null,
          },
        ],
        unexpectedFiles: ['.DS_Store'],
      }),
    );
    expect(lines.slice(3).map((line) => [line.name, line.verdict])).toEqual([
      ['batch-record.pdf', 'CHANGED'],
      ['batch-record.json', 'MISSING'],
      ['.DS_Store', 'UNEXPECTED'],
    ]);
    expect(lines[3]).toMatchObject({ signedSha256: hash('a'), foundSha256: hash('b') });
    expect(lines[3]!.detail).toBe('Changed since it was exported: 11 bytes now, 10 bytes when signed');
  });

  it('marks the manifest and its signature INVALID when the signature fails, and a missing key MISSING', () => {
    const signatureBroken = report({
      valid: false,
      signatureValid: false,
      problems: [
        {
          kind: 'signature-invalid',
          file: 'manifest.json',
          message: 'manifest.sig is not a valid signature',
        },
      ],
    });
    expect(verdicts(signatureBroken).slice(0, 3)).toEqual([
      ['manifest.json', 'INVALID'],
      ['manifest.sig', 'INVALID'],
      ['public-key.pem', 'OK'],
    ]);
    const keyGone = report({
      valid: false,
      signatureValid: false,
      keyFingerprint: null,
      problems: [
        { kind: 'public-key-missing', file: 'public-key.pem', message: 'public-key.pem is missing.' },
      ],
    });
    expect(packageFileLines(keyGone)[2]).toMatchObject({
      verdict: 'MISSING',
      detail: 'public-key.pem is missing.',
    });
  });
});

describe('overallShare', () => {
  const event = (batchIndex: number, done: number, total: number) => ({
    batchIndex,
    batchCount: 2,
    batchNumber: 'B1',
    done,
    total,
    label: '',
  });

  it('counts finished batches and the current one’s steps', () => {
    expect(overallShare(null, 2)).toBe(0);
    expect(overallShare(event(1, 5, 10), 2)).toBe(0.25);
    expect(overallShare(event(2, 10, 10), 2)).toBe(1);
  });
});
