import { formatFingerprint } from '../terminal/terminal-key';
import {
  CHECKSUMS_FILE,
  INSTRUCTIONS_FILE,
  MANIFEST_FILE,
  PUBLIC_KEY_FILE,
  SIGNATURE_FILE,
  type ExportBatch,
  type ExportExporter,
} from './package-format';

export interface InstructionsContext {
  packageName: string;
  batch: ExportBatch;
  exportedAtUtc: string;
  exporter: ExportExporter;
  terminalId: string;
  keyFingerprint: string;
  applicationVersion: string;
}

/** VERIFY.txt: how anyone checks the package with openssl and sha256sum, years from now. */
export function verifyInstructionsText(context: InstructionsContext): string {
  const lines = [
    'EBR Workstation export package: how to check it without the application',
    '',
    `Package:    ${context.packageName}`,
    `Batch:      ${context.batch.batchNumber} (id ${context.batch.id})`,
    `Exported:   ${context.exportedAtUtc} (UTC) by ${context.exporter.fullName} (${context.exporter.username})`,
    `Terminal:   ${context.terminalId}, EBR Workstation ${context.applicationVersion}`,
    'Terminal key fingerprint (SHA-256 of the raw 32-byte Ed25519 public key):',
    `            ${formatFingerprint(context.keyFingerprint)}`,
    `            ${context.keyFingerprint}`,
    '',
    'Run these commands inside this folder (Linux, macOS, or Git Bash / WSL on Windows;',
    'OpenSSL 1.1.1 or later, GNU coreutils sha256sum or `shasum -a 256` on macOS).',
    '',
    `1. The signature. ${MANIFEST_FILE} is signed by the exporting terminal's key:`,
    '',
    `     openssl pkeyutl -verify -pubin -inkey ${PUBLIC_KEY_FILE} -rawin -in ${MANIFEST_FILE} -sigfile ${SIGNATURE_FILE}`,
    '',
    '   must print "Signature Verified Successfully". Any change to the manifest, even one space,',
    `   makes it fail. ${SIGNATURE_FILE} is the raw 64-byte Ed25519 signature of the exact bytes of`,
    `   ${MANIFEST_FILE}.`,
    '',
    `2. The key. The signature proves something only if ${PUBLIC_KEY_FILE} is the registered key of`,
    '   the terminal:',
    '',
    `     openssl pkey -pubin -in ${PUBLIC_KEY_FILE} -outform DER | tail -c 32 | sha256sum`,
    '',
    '   must print the fingerprint above, and that fingerprint must equal the one recorded for this',
    '   terminal in the terminal register (Administration > Terminals, or `ebr info` on the terminal).',
    '   Compare with the register, not only with this file: whoever changes a package can also',
    '   replace the key and this text.',
    '',
    `3. The files. Every file ${MANIFEST_FILE} lists has its size and SHA-256 there, and`,
    `   ${CHECKSUMS_FILE} holds the same hashes in the form sha256sum reads:`,
    '',
    `     sha256sum -c ${CHECKSUMS_FILE}`,
    '',
    `   must print "OK" for every file. ${CHECKSUMS_FILE} is itself listed in the signed manifest:`,
    '',
    `     grep '"${CHECKSUMS_FILE}"' ${MANIFEST_FILE}`,
    `     sha256sum ${CHECKSUMS_FILE}`,
    '',
    '   must show the same hash.',
    '',
    `4. Nothing added or removed. The folder holds exactly the files listed under "files" in`,
    `   ${MANIFEST_FILE}, plus ${MANIFEST_FILE}, ${SIGNATURE_FILE} and ${PUBLIC_KEY_FILE}:`,
    '',
    '     ls -A',
    '',
    `This text (${INSTRUCTIONS_FILE}) is listed in the manifest too, so steps 1 and 3 also show that it`,
    'was not changed. With the application installed, one command does all four checks:',
    '',
    `     ebr verify-export <this folder> --fingerprint ${context.keyFingerprint}`,
    '',
  ];
  return lines.join('\n');
}
