import { existsSync, readFileSync } from 'node:fs';
import { EbrError } from '../../../shared/errors';
import { writeFileDurably } from '../keys/sealed-file';
import type { CheckpointContent } from './chain';

/** The latest signed checkpoint, mirrored beside the database so that lost rows are noticed. */
export interface SignedCheckpoint extends CheckpointContent {
  checkpointSeq: number;
  signature: string;
}

export function readHeadMirror(file: string): SignedCheckpoint | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SignedCheckpoint;
  } catch (error) {
    throw new EbrError(
      'AUDIT_CHAIN_BROKEN',
      `The audit head file ${file} cannot be read (${(error as Error).message}).`,
      { file },
    );
  }
}

export function writeHeadMirror(file: string, checkpoint: SignedCheckpoint): void {
  writeFileDurably(file, JSON.stringify(checkpoint, null, 2) + '\n');
}
