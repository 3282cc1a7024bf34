import { createPublicKey, randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { EbrError } from '../../../shared/errors';
import { checkpointMessage } from '../audit/chain';
import type { SignedCheckpoint } from '../audit/head-mirror';
import { toUtcIso, type Clock } from '../clock';
import { fingerprintOf, verifyWithPublicKey } from '../terminal/terminal-key';
import { digestFile, nodeExportFs, type ExportFs } from './export-fs';
import {
  EXPORT_DESTINATION_FAILED,
  exportFailure,
  readBackFailure,
  ReadBackMismatch,
  type ExportStep,
} from './export-failure';
import {
  CHECKSUMS_FILE,
  checksumsText,
  EXPORT_PACKAGE_FORMAT,
  INSTRUCTIONS_FILE,
  MANIFEST_FILE,
  manifestBytes,
  portableNameProblem,
  PUBLIC_KEY_FILE,
  RESERVED_FILE_NAMES,
  sha256Hex,
  SIGNATURE_FILE,
  type ExportBatch,
  type ExportExporter,
  type ExportManifest,
  type ManifestFile,
} from './package-format';
import { verifyInstructionsText } from './verify-instructions';
import { claimWriterToken, writerIsGone } from '../writer-tokens';
import { pauseAtPhaseForTests } from '../test-seam';

export interface ExportFileInput {
  name: string;
  bytes: Uint8Array;
}

/** The signing terminal: `{ id: terminal.id, ...terminal.key }` of a TerminalIdentity. */
export interface ExportTerminal {
  id: string;
  publicKeyPem: string;
  fingerprint: string;
  sign(message: Buffer): Buffer;
}

export interface WriteExportPackageOptions {
  /** An existing folder, typically the root of a removable drive. */
  destinationDir: string;
  /** The package folder's name inside destinationDir; never overwritten. */
  packageName: string;
  /** The package's content (the batch record PDF, its JSON copy, …). */
  files: readonly ExportFileInput[];
  batch: ExportBatch;
  chainHead: SignedCheckpoint;
  exporter: ExportExporter;
  applicationVersion: string;
  terminal: ExportTerminal;
  clock: Clock;
  /** Called before each step: `done` of `total` steps finished; last with done === total. */
  onProgress?: (done: number, total: number, label: string) => void;
  /** The file system; tests inject failures here. */
  fs?: ExportFs;
  /**
   * Called once every file is written and read back, just before the package is renamed into
   * place: the caller records its intent in the audit trail here, so that no complete-looking
   * package can exist that the audit trail does not name. A throw here writes nothing.
   */
  beforeRename?: (prepared: PreparedPackage) => void;
}

/** A package complete under its temporary name, about to be renamed into place. */
export interface PreparedPackage {
  directory: string;
  manifest: ExportManifest;
  manifestSha256: string;
  /** The token in the temporary folder's name, to link the intent to what settles it. */
  token: string;
}

export interface ExportPackageResult {
  /** The package folder, renamed into place. */
  directory: string;
  manifest: ExportManifest;
  /** SHA-256 of manifest.json: what an audit row of the export records. */
  manifestSha256: string;
  /** Every file written, with what was read back (equal to what was meant). */
  writtenFiles: ManifestFile[];
  totalBytes: number;
}

const WRITE_CHUNK = 1 << 20;

function invalid(message: string, details?: Record<string, unknown>): EbrError {
  return new EbrError('VALIDATION_FAILED', message, details);
}

function checkNames(packageName: string, files: readonly ExportFileInput[]): void {
  const packageProblem = portableNameProblem(packageName);
  if (packageProblem) throw invalid(`The package name "${packageName}" ${packageProblem}.`);
  if (files.length === 0) throw invalid('An export package needs at least one file.');
  const taken = new Set(RESERVED_FILE_NAMES.map((name) => name.toLowerCase()));
  for (const { name } of files) {
    const problem = portableNameProblem(name);
    if (problem) throw invalid(`The file name "${name}" ${problem}.`, { file: name });
    // FAT, exFAT, NTFS and APFS ignore case: two names that differ only in case are one file there.
    if (taken.has(name.toLowerCase())) {
      throw invalid(
        RESERVED_FILE_NAMES.some((reserved) => reserved.toLowerCase() === name.toLowerCase())
          ? `The file name "${name}" is one the package writer makes itself.`
          : `The file name "${name}" appears twice (names are compared ignoring case).`,
        { file: name },
      );
    }
    taken.add(name.toLowerCase());
  }
}

function checkTerminal(terminal: ExportTerminal, chainHead: SignedCheckpoint): void {
  let fingerprint: string;
  try {
    fingerprint = fingerprintOf(createPublicKey(terminal.publicKeyPem));
  } catch {
    throw new EbrError('KEY_UNAVAILABLE', 'The terminal public key is not a valid PEM public key.');
  }
  if (fingerprint !== terminal.fingerprint) {
    throw new EbrError(
      'KEY_UNAVAILABLE',
      'The terminal public key does not match its fingerprint; the package was not written.',
    );
  }
  // A head signed by this terminal must verify here, or the package would fail its own check.
  if (
    chainHead.keyId === fingerprint &&
    !verifyWithPublicKey(
      terminal.publicKeyPem,
      checkpointMessage(chainHead),
      Buffer.from(chainHead.signature, 'base64'),
    )
  ) {
    throw new EbrError(
      'AUDIT_CHAIN_BROKEN',
      `The audit chain head checkpoint #${chainHead.checkpointSeq} does not verify with this terminal's key; nothing was exported.`,
    );
  }
}

interface PackageFile {
  name: string;
  bytes: Buffer;
  sha256: string;
}

const packageFile = (name: string, bytes: Buffer): PackageFile => ({ name, bytes, sha256: sha256Hex(bytes) });
const describe = (file: PackageFile): ManifestFile => ({
  name: file.name,
  size: file.bytes.length,
  sha256: file.sha256,
});

/** Every file of the package in the order they are written, manifest and signature last. */
function composePackage(options: WriteExportPackageOptions): {
  files: PackageFile[];
  manifest: ExportManifest;
  manifestSha256: string;
} {
  const { terminal, batch, exporter, packageName, applicationVersion } = options;
  const exportedAtUtc = toUtcIso(options.clock.now());
  // A copy: the bytes hashed are the bytes written, whatever the caller does with its buffers meanwhile.
  const payload = options.files.map((file) => packageFile(file.name, Buffer.from(file.bytes)));
  const instructions = Buffer.from(
    verifyInstructionsText({
      packageName,
      batch,
      exportedAtUtc,
      exporter,
      terminalId: terminal.id,
      keyFingerprint: terminal.fingerprint,
      applicationVersion,
    }),
    'utf8',
  );
  const summed = [...payload, packageFile(INSTRUCTIONS_FILE, instructions)];
  const checksums = Buffer.from(checksumsText(summed.map(describe)), 'utf8');
  const listed = [...summed, packageFile(CHECKSUMS_FILE, checksums)];
  const manifest: ExportManifest = {
    format: EXPORT_PACKAGE_FORMAT,
    packageName,
    exportedAtUtc,
    applicationVersion,
    exporter: { userId: exporter.userId, username: exporter.username, fullName: exporter.fullName },
    terminal: {
      id: terminal.id,
      keyFingerprint: terminal.fingerprint,
      signatureAlgorithm: 'Ed25519',
      publicKeyFile: PUBLIC_KEY_FILE,
      signatureFile: SIGNATURE_FILE,
    },
    files: listed.map(describe),
    batch,
    auditChainHead: options.chainHead,
  };
  let manifestJson: Buffer;
  try {
    manifestJson = manifestBytes(manifest);
  } catch (error) {
    throw invalid(`The batch description is not plain JSON (${(error as Error).message}).`);
  }
  const signature = terminal.sign(manifestJson);
  if (signature.length !== 64 || !verifyWithPublicKey(terminal.publicKeyPem, manifestJson, signature)) {
    throw new EbrError(
      'KEY_UNAVAILABLE',
      'The terminal key did not produce a valid Ed25519 signature of the manifest; nothing was exported.',
    );
  }
  return {
    files: [
      ...listed,
      packageFile(PUBLIC_KEY_FILE, Buffer.from(terminal.publicKeyPem, 'utf8')),
      packageFile(MANIFEST_FILE, manifestJson),
      packageFile(SIGNATURE_FILE, signature),
    ],
    manifest,
    manifestSha256: sha256Hex(manifestJson),
  };
}

async function writeWhole(fs: ExportFs, path: string, bytes: Buffer, step: ExportStep): Promise<void> {
  const handle = await fs.open(path, 'create');
  try {
    for (let offset = 0; offset < bytes.length;) {
      const written = await handle.write(bytes.subarray(offset, offset + WRITE_CHUNK));
      if (written <= 0) throw Object.assign(new Error('the drive accepted no bytes'), { code: 'EIO' });
      offset += written;
    }
    step.phase = 'flush';
    await handle.sync();
  } catch (error) {
    // The first failure is the one to report; closing a handle on a failed drive fails too.
    await handle.close().catch(() => undefined);
    throw error;
  }
  await handle.close();
}

/** `.NAME.partial-<pid>-<token>`; without a pid, an older version's (its writer is gone). */
const PARTIAL_FOLDER = /^\..+\.partial-(?:(\d+)-)?([0-9a-f]{12})$/;

/**
 * Removes the unfinished package folders that writers no longer running left in `destinationDir`
 * (a killed export, a failed clean-up). Returns the folders removed; never throws.
 */
export async function removeStalePartials(fs: ExportFs, destinationDir: string): Promise<string[]> {
  const removed: string[] = [];
  try {
    for (const name of await fs.list(destinationDir)) {
      const match = PARTIAL_FOLDER.exec(name);
      if (!match || (match[1] !== undefined && !writerIsGone(Number(match[1]), match[2]!))) continue;
      await fs.removeTree(join(destinationDir, name));
      removed.push(join(destinationDir, name));
    }
  } catch {
    // Best effort: the export itself reports a destination that cannot be listed.
  }
  return removed;
}

/** What the write and read-back phases work on; `step` says where a failure happened. */
interface PhaseContext {
  fs: ExportFs;
  /** The hidden folder being filled. */
  folder: string;
  packageName: string;
  files: readonly PackageFile[];
  step: ExportStep;
  advance(label: string): void;
}

/** Phase 1: every file created exclusively, written in chunks and fsynced; then the folder. */
async function writeFiles({ fs, folder, packageName, files, step, advance }: PhaseContext): Promise<void> {
  for (const file of files) {
    Object.assign(step, { phase: 'write', target: file.name });
    advance(`Writing ${file.name}`);
    await writeWhole(fs, join(folder, file.name), file.bytes, step);
  }
  Object.assign(step, { phase: 'flush', target: packageName });
  await fs.syncDirectory(folder);
}

/** Phase 2: every file read back and compared with what was meant; nothing else in the folder. */
async function readBackFiles({
  fs,
  folder,
  packageName,
  files,
  step,
  advance,
}: PhaseContext): Promise<ManifestFile[]> {
  const read: ManifestFile[] = [];
  for (const file of files) {
    Object.assign(step, { phase: 'read-back', target: file.name });
    advance(`Verifying ${file.name}`);
    const actual = await digestFile(fs, join(folder, file.name));
    if (actual.size !== file.bytes.length) {
      throw new ReadBackMismatch(file.name, `${actual.size} bytes instead of ${file.bytes.length}`);
    }
    if (actual.sha256 !== file.sha256) {
      throw new ReadBackMismatch(file.name, `SHA-256 ${actual.sha256} instead of ${file.sha256}`);
    }
    read.push({ name: file.name, ...actual });
  }
  const present = (await fs.list(folder)).sort();
  const expected = files.map((file) => file.name).sort();
  if (present.join('\n') !== expected.join('\n')) {
    throw new ReadBackMismatch(packageName, `the folder holds ${present.join(', ')}`);
  }
  return read;
}

async function checkDestination(fs: ExportFs, destinationDir: string, packageName: string): Promise<void> {
  const destination = await fs.entry(destinationDir).catch((error: unknown) => {
    const context = { destinationDir, packageName, leftover: null };
    throw exportFailure(error, { phase: 'prepare', target: destinationDir }, context);
  });
  if (destination?.kind !== 'directory') {
    throw new EbrError(
      EXPORT_DESTINATION_FAILED,
      `The destination ${destinationDir} is not a folder that exists (was the drive removed?); nothing was exported.`,
      { destinationDir },
    );
  }
}

/**
 * Writes a signed export package into `destinationDir/packageName`: the files, VERIFY.txt,
 * SHA256SUMS, public-key.pem, manifest.json and manifest.sig. Everything goes to a hidden
 * `.NAME.partial-RANDOM` folder first; each file is fsynced, the folder is fsynced, every file is
 * read back and compared by size and SHA-256, and only then is the folder renamed to its name.
 * Any failure throws an EbrError naming the file and the cause, removes the unfinished folder (best
 * effort), and leaves nothing under the final name.
 */
export async function writeExportPackage(options: WriteExportPackageOptions): Promise<ExportPackageResult> {
  const { destinationDir, packageName, onProgress } = options;
  const fs = options.fs ?? nodeExportFs;
  checkNames(packageName, options.files);
  checkTerminal(options.terminal, options.chainHead);
  await checkDestination(fs, destinationDir, packageName);
  const finalDir = join(destinationDir, packageName);
  const refuseExisting = () =>
    new EbrError(
      'CONFLICT',
      `${finalDir} already exists; an export never overwrites a package. Choose another destination or name.`,
      { directory: finalDir },
    );
  if ((await fs.entry(finalDir).catch(() => null)) !== null) throw refuseExisting();

  const composed = composePackage(options);
  const total = composed.files.length * 2 + 1;
  let done = 0;
  const advance = (label: string) => {
    onProgress?.(done, total, label);
    done++;
  };

  await removeStalePartials(fs, destinationDir);
  const writer = claimWriterToken();
  const { token } = writer;
  const partialDir = join(destinationDir, partialName(packageName, token));
  const step: ExportStep = { phase: 'prepare', target: packageName };
  let renamed = false;
  try {
    await fs.makeDirectory(partialDir);
    await pauseAtPhaseForTests('export:write');
    const phase: PhaseContext = { fs, folder: partialDir, packageName, files: composed.files, step, advance };
    await writeFiles(phase);
    await pauseAtPhaseForTests('export:read-back');
    const writtenFiles = await readBackFiles(phase);

    Object.assign(step, { phase: 'finalize', target: packageName });
    advance(`Finalizing ${packageName}`);
    // rename() would replace an empty folder made meanwhile: check once more just before.
    if ((await fs.entry(finalDir)) !== null) throw refuseExisting();
    await pauseAtPhaseForTests('export:intent');
    recordIntent(options.beforeRename, { directory: finalDir, ...composed, token });
    await pauseAtPhaseForTests('export:rename');
    await fs.rename(partialDir, finalDir);
    renamed = true;
    Object.assign(step, { phase: 'flush', target: packageName });
    await fs.syncDirectory(destinationDir);
    onProgress?.(total, total, 'Export complete');
    return {
      directory: finalDir,
      manifest: composed.manifest,
      manifestSha256: composed.manifestSha256,
      writtenFiles,
      totalBytes: writtenFiles.reduce((sum, file) => sum + file.size, 0),
    };
  } catch (error) {
    const leftover = await removeUnfinished(fs, renamed ? finalDir : partialDir, renamed);
    if (error instanceof EbrError) throw error;
    const context = { destinationDir, packageName, leftover };
    if (error instanceof ReadBackMismatch) throw readBackFailure(error, context);
    const code = (error as NodeJS.ErrnoException).code;
    // A folder that appeared under the final name between the check and the rename.
    if (step.phase === 'finalize' && !renamed && (code === 'ENOTEMPTY' || code === 'EEXIST')) {
      throw refuseExisting();
    }
    throw exportFailure(error, step, context);
  } finally {
    writer.release();
  }
}

const partialName = (packageName: string, token = randomBytes(6).toString('hex')) =>
  `.${packageName}.partial-${process.pid}-${token}`;

/** The caller's audit row: its failure is not the drive's, so it is reported as what it is. */
function recordIntent(
  beforeRename: WriteExportPackageOptions['beforeRename'],
  prepared: PreparedPackage,
): void {
  try {
    beforeRename?.(prepared);
  } catch (error) {
    if (error instanceof EbrError) throw error;
    throw new EbrError(
      'INTERNAL',
      `The export of ${prepared.manifest.packageName} could not be recorded in the audit trail (${(error as Error).message}); nothing was exported.`,
    );
  }
}

/**
 * Removes an unfinished package. A folder already renamed to its final name is first renamed back
 * to a hidden name, so that no complete-looking package stays behind if removal fails midway.
 * Returns the folder that remains, or null when it is gone.
 */
async function removeUnfinished(
  fs: ExportFs,
  directory: string,
  underFinalName: boolean,
): Promise<string | null> {
  let target = directory;
  if (underFinalName) {
    const hidden = join(dirname(directory), partialName(basename(directory)));
    try {
      await fs.rename(directory, hidden);
      target = hidden;
    } catch {
      // Removal below is the next best thing.
    }
  }
  try {
    await fs.removeTree(target);
  } catch {
    // Best effort: a pulled drive cannot be cleaned.
  }
  try {
    return (await fs.entry(target)) === null ? null : target;
  } catch {
    return target;
  }
}
