import { createPublicKey, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import type {
  ExportFileCheckView,
  ExportProblemKindView,
  ExportProblemView,
  ExportVerificationReportView,
  ManifestSummaryView,
} from '../../../shared/contract/records';
import { EbrError } from '../../../shared/errors';
import { checkpointMessage } from '../audit/chain';
import type { SignedCheckpoint } from '../audit/head-mirror';
import { fingerprintOf, verifyWithPublicKey } from '../terminal/terminal-key';
import { digestFile, nodeExportFs, type ExportFs } from './export-fs';
import {
  EXPORT_PACKAGE_FORMAT,
  MANIFEST_FILE,
  normalizeFingerprint,
  portableNameProblem,
  PUBLIC_KEY_FILE,
  SIGNATURE_FILE,
  UNLISTED_FILES,
  type ExportBatch,
  type ExportExporter,
  type ManifestFile,
} from './package-format';

export type ExportProblemKind = ExportProblemKindView;
export type ExportProblem = ExportProblemView;
export type ExportFileCheck = ExportFileCheckView;
export type ManifestSummary = ManifestSummaryView;
export type ExportVerificationReport = ExportVerificationReportView;

/** Larger than any manifest, signature or key this application writes; keeps a hostile file out of memory. */
const SMALL_FILE_LIMIT = 32 << 20;

/** The bytes of a manifest, signature or key file; a reason instead when they cannot be used. */
async function readSmallFile(fs: ExportFs, path: string): Promise<Buffer | 'missing' | string> {
  const entry = await fs.entry(path);
  if (entry === null) return 'missing';
  if (entry.kind !== 'file') return 'is not a regular file';
  if (entry.size > SMALL_FILE_LIMIT)
    return `is ${entry.size} bytes, larger than any package file of its kind`;
  const handle = await fs.open(path, 'read');
  const chunks: Buffer[] = [];
  try {
    const buffer = Buffer.alloc(1 << 16);
    for (let read = await handle.read(buffer); read > 0; read = await handle.read(buffer)) {
      chunks.push(Buffer.from(buffer.subarray(0, read)));
    }
  } finally {
    await handle.close();
  }
  return Buffer.concat(chunks);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isHex64 = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
const isText = (value: unknown): value is string => typeof value === 'string';

/** The manifest's fields this verifier relies on, or the reasons it cannot rely on them. */
function readManifest(
  bytes: Buffer,
): { summary: ManifestSummary; files: ManifestFile[]; chainHead: SignedCheckpoint } | { problems: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return { problems: [`${MANIFEST_FILE} is not JSON (${(error as Error).message}).`] };
  }
  if (!isRecord(parsed)) return { problems: [`${MANIFEST_FILE} is not a JSON object.`] };
  const problems: string[] = [];
  if (parsed.format !== EXPORT_PACKAGE_FORMAT) {
    problems.push(`"format" is ${JSON.stringify(parsed.format)}, not "${EXPORT_PACKAGE_FORMAT}".`);
  }
  const { terminal, exporter, batch, auditChainHead } = parsed;
  if (!isRecord(terminal) || !isText(terminal.id) || !isHex64(terminal.keyFingerprint)) {
    problems.push('"terminal" must hold "id" and "keyFingerprint" (64 hex digits).');
  }
  if (
    !isRecord(exporter) ||
    !isText(exporter.userId) ||
    !isText(exporter.username) ||
    !isText(exporter.fullName)
  ) {
    problems.push('"exporter" must hold "userId", "username" and "fullName".');
  }
  if (!isRecord(batch) || !isText(batch.id) || !isText(batch.batchNumber)) {
    problems.push('"batch" must hold "id" and "batchNumber".');
  }
  if (
    !isRecord(auditChainHead) ||
    typeof auditChainHead.auditSeq !== 'number' ||
    typeof auditChainHead.checkpointSeq !== 'number' ||
    !isText(auditChainHead.auditHash) ||
    !isText(auditChainHead.keyId) ||
    !isText(auditChainHead.signature)
  ) {
    problems.push(
      '"auditChainHead" must be a signed checkpoint (checkpointSeq, auditSeq, auditHash, keyId, signature).',
    );
  }
  for (const field of ['packageName', 'exportedAtUtc', 'applicationVersion'] as const) {
    if (!isText(parsed[field])) problems.push(`"${field}" must be text.`);
  }
  const files: ManifestFile[] = [];
  if (!Array.isArray(parsed.files)) problems.push('"files" must be a list.');
  else {
    const seen = new Set<string>();
    for (const [index, file] of (parsed.files as unknown[]).entries()) {
      const name = isRecord(file) && isText(file.name) ? file.name : null;
      const nameProblem = name === null ? 'has no name' : portableNameProblem(name);
      if (
        !isRecord(file) ||
        nameProblem !== null ||
        !Number.isSafeInteger(file.size) ||
        (file.size as number) < 0 ||
        !isHex64(file.sha256)
      ) {
        problems.push(
          `"files"[${index}] ${nameProblem ?? 'must hold "name", "size" and "sha256" (64 hex digits)'}.`,
        );
        continue;
      }
      if (UNLISTED_FILES.includes(name!) || seen.has(name!.toLowerCase())) {
        problems.push(
          `"files"[${index}] lists ${name} ${seen.has(name!.toLowerCase()) ? 'twice' : 'which is never listed'}.`,
        );
        continue;
      }
      seen.add(name!.toLowerCase());
      files.push({ name: name!, size: file.size as number, sha256: file.sha256 });
    }
  }
  if (problems.length > 0) return { problems };
  const checkedTerminal = terminal as { id: string; keyFingerprint: string };
  const chainHead = auditChainHead as unknown as SignedCheckpoint;
  return {
    files,
    chainHead,
    summary: {
      format: parsed.format as string,
      packageName: parsed.packageName as string,
      exportedAtUtc: parsed.exportedAtUtc as string,
      applicationVersion: parsed.applicationVersion as string,
      exporter: exporter as unknown as ExportExporter,
      terminalId: checkedTerminal.id,
      keyFingerprint: checkedTerminal.keyFingerprint,
      batch: batch as ExportBatch,
      auditChainHead: {
        checkpointSeq: chainHead.checkpointSeq,
        auditSeq: chainHead.auditSeq,
        auditHash: chainHead.auditHash,
        keyId: chainHead.keyId,
      },
    },
  };
}

function parseEd25519PublicKey(pem: Buffer): KeyObject | null {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

export interface VerifyExportOptions {
  /** The key fingerprint the package must be signed with (from the terminal register); any spacing or case. */
  trustedFingerprint?: string;
  fs?: ExportFs;
}

/**
 * Checks an export package with nothing but the folder: manifest.json parses; manifest.sig is the
 * Ed25519 signature of its exact bytes by public-key.pem, the key the manifest names (and the
 * trusted one, when given); every listed file has its size and SHA-256; and the folder holds
 * exactly the listed files besides manifest.json, manifest.sig and public-key.pem. Every problem is
 * named; nothing stops at the first.
 */
export async function verifyExportPackage(
  directory: string,
  options: VerifyExportOptions = {},
): Promise<ExportVerificationReport> {
  const fs = options.fs ?? nodeExportFs;
  let trustedFingerprint: string | null = null;
  if (options.trustedFingerprint !== undefined) {
    trustedFingerprint = normalizeFingerprint(options.trustedFingerprint);
    if (trustedFingerprint === null) {
      throw new EbrError(
        'VALIDATION_FAILED',
        `The trusted fingerprint "${options.trustedFingerprint}" is not 64 hexadecimal digits.`,
      );
    }
  }
  if ((await fs.entry(directory))?.kind !== 'directory') {
    throw new EbrError('NOT_FOUND', `${directory} is not a folder.`, { directory });
  }
  const problems: ExportProblem[] = [];
  const problem = (kind: ExportProblemKind, file: string | null, message: string) =>
    problems.push({ kind, file, message });

  const readPackageFile = async (
    name: string,
    missing: ExportProblemKind,
    unusable: ExportProblemKind,
  ): Promise<Buffer | null> => {
    const read = await readSmallFile(fs, join(directory, name));
    if (Buffer.isBuffer(read)) return read;
    if (read === 'missing') problem(missing, name, `${name} is missing.`);
    else problem(unusable, name, `${name} ${read}.`);
    return null;
  };
  const manifestBytes = await readPackageFile(MANIFEST_FILE, 'manifest-missing', 'manifest-invalid');
  const signature = await readPackageFile(SIGNATURE_FILE, 'signature-missing', 'signature-invalid');
  const publicKeyPem = await readPackageFile(PUBLIC_KEY_FILE, 'public-key-missing', 'public-key-invalid');
  const publicKey = publicKeyPem === null ? null : parseEd25519PublicKey(publicKeyPem);
  if (publicKeyPem !== null && publicKey === null) {
    problem(
      'public-key-invalid',
      PUBLIC_KEY_FILE,
      `${PUBLIC_KEY_FILE} is not an Ed25519 public key in PEM form.`,
    );
  }
  const keyFingerprint = publicKey === null ? null : fingerprintOf(publicKey);

  let signatureValid = false;
  if (manifestBytes !== null && signature !== null && publicKey !== null) {
    signatureValid =
      signature.length === 64 &&
      verifyWithPublicKey(publicKeyPem!.toString('utf8'), manifestBytes, signature);
    if (!signatureValid) {
      problem(
        'signature-invalid',
        MANIFEST_FILE,
        signature.length === 64
          ? `${SIGNATURE_FILE} is not a valid signature of ${MANIFEST_FILE} by ${PUBLIC_KEY_FILE}: the manifest was changed after signing, or signed by another key.`
          : `${SIGNATURE_FILE} is ${signature.length} bytes; an Ed25519 signature is 64.`,
      );
    }
  }
  const keyTrusted =
    trustedFingerprint === null || keyFingerprint === null ? null : keyFingerprint === trustedFingerprint;
  if (trustedFingerprint !== null && keyTrusted !== true) {
    problem(
      'key-not-trusted',
      PUBLIC_KEY_FILE,
      keyFingerprint === null
        ? `The package has no readable public key to compare with the trusted fingerprint.`
        : `${PUBLIC_KEY_FILE} has fingerprint ${keyFingerprint}, not the trusted ${trustedFingerprint}.`,
    );
  }

  const manifest = manifestBytes === null ? null : readManifest(manifestBytes);
  if (manifest !== null && 'problems' in manifest) {
    for (const message of manifest.problems) problem('manifest-invalid', MANIFEST_FILE, message);
  }
  const read = manifest !== null && 'summary' in manifest ? manifest : null;
  let chainHeadSignatureValid: boolean | null = null;
  if (read !== null) {
    if (keyFingerprint !== null && read.summary.keyFingerprint !== keyFingerprint) {
      problem(
        'key-not-in-manifest',
        PUBLIC_KEY_FILE,
        `${PUBLIC_KEY_FILE} has fingerprint ${keyFingerprint}, but the manifest names ${read.summary.keyFingerprint}.`,
      );
    }
    if (keyFingerprint !== null && read.chainHead.keyId === keyFingerprint) {
      chainHeadSignatureValid = verifyWithPublicKey(
        publicKeyPem!.toString('utf8'),
        checkpointMessage(read.chainHead),
        Buffer.from(read.chainHead.signature, 'base64'),
      );
      if (!chainHeadSignatureValid) {
        problem(
          'chain-head-invalid',
          MANIFEST_FILE,
          `The audit chain head (checkpoint #${read.chainHead.checkpointSeq}, row ${read.chainHead.auditSeq}) has no valid signature by the terminal key.`,
        );
      }
    }
  }

  const files: ExportFileCheck[] = [];
  for (const listed of read?.files ?? []) {
    const path = join(directory, listed.name);
    const entry = await fs.entry(path);
    const expected = { size: listed.size, sha256: listed.sha256 };
    if (entry === null) {
      files.push({ name: listed.name, status: 'missing', expected, actual: null });
      problem('file-missing', listed.name, `${listed.name} is listed in the manifest but missing.`);
      continue;
    }
    if (entry.kind !== 'file') {
      files.push({ name: listed.name, status: 'changed', expected, actual: null });
      problem('file-changed', listed.name, `${listed.name} is not a regular file.`);
      continue;
    }
    const actual = await digestFile(fs, path);
    const intact = actual.size === listed.size && actual.sha256 === listed.sha256;
    files.push({ name: listed.name, status: intact ? 'intact' : 'changed', expected, actual });
    if (!intact) {
      problem(
        'file-changed',
        listed.name,
        actual.size !== listed.size
          ? `${listed.name} is ${actual.size} bytes; the manifest says ${listed.size}.`
          : `${listed.name} has SHA-256 ${actual.sha256}; the manifest says ${listed.sha256}.`,
      );
    }
  }

  const expectedNames = new Set([...UNLISTED_FILES, ...(read?.files ?? []).map((file) => file.name)]);
  // Without a readable list there is nothing to call unexpected.
  const unexpectedFiles =
    read === null ? [] : (await fs.list(directory)).filter((name) => !expectedNames.has(name)).sort();
  for (const name of unexpectedFiles) {
    problem('file-unexpected', name, `${name} is in the folder but not listed in the manifest.`);
  }

  return {
    directory,
    valid: problems.length === 0,
    signatureValid,
    keyFingerprint,
    trustedFingerprint,
    keyTrusted,
    chainHeadSignatureValid,
    manifest: read?.summary ?? null,
    files,
    unexpectedFiles,
    problems,
  };
}
