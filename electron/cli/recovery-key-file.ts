import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { EbrError } from '../../shared/errors';
import { recoveryKeyProvider } from '../core/keys/recovery-key';
import type { KeyProvider } from '../core/keys/key-provider';

/** The file holds the recovery key and nothing else that matters; lines starting with # are notes. */
export function writeRecoveryKeyFile(
  file: string,
  recoveryKey: string,
  terminalName: string,
  createdAtUtc: string,
): void {
  const content = [
    '# EBR Workstation recovery key — keep offline, in a safe; anyone holding it can read the records.',
    `# Terminal: ${terminalName}; created ${createdAtUtc}`,
    recoveryKey,
    '',
  ].join('\n');
  writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
}

export function keyProviderFromFile(file: string): KeyProvider {
  let text: string;
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new EbrError(
      'KEY_UNAVAILABLE',
      `Cannot read the recovery key file ${file} (${(error as Error).message}).`,
    );
  }
  const keyLine = text.split('\n').find((line) => line.trim() !== '' && !line.trim().startsWith('#'));
  if (!keyLine) throw new EbrError('KEY_UNAVAILABLE', `The recovery key file ${file} holds no key.`);
  return recoveryKeyProvider(keyLine);
}
