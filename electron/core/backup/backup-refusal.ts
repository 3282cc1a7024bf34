import { EbrError, type ErrorCode } from '../../../shared/errors';

/** Why a backup was refused, for programs (`details.problem`); the message says it for people. */
export type BackupProblem =
  | 'target-not-empty'
  | 'backup-missing'
  | 'manifest-missing'
  | 'manifest-invalid'
  | 'truncated'
  | 'size-mismatch'
  | 'hash-mismatch'
  | 'archive-invalid'
  | 'manifest-signature'
  | 'wrong-key'
  | 'integrity-check'
  | 'schema-too-new'
  | 'audit-chain'
  | 'signatures';

const codeOf: Record<BackupProblem, ErrorCode> = {
  'target-not-empty': 'ALREADY_INITIALIZED',
  'backup-missing': 'NOT_FOUND',
  'manifest-missing': 'NOT_FOUND',
  'manifest-invalid': 'STORE_CORRUPT',
  truncated: 'STORE_CORRUPT',
  'size-mismatch': 'STORE_CORRUPT',
  'hash-mismatch': 'STORE_CORRUPT',
  'archive-invalid': 'STORE_CORRUPT',
  'manifest-signature': 'STORE_CORRUPT',
  'wrong-key': 'STORE_WRONG_KEY',
  'integrity-check': 'STORE_CORRUPT',
  'schema-too-new': 'STORE_TOO_NEW',
  'audit-chain': 'AUDIT_CHAIN_BROKEN',
  signatures: 'AUDIT_CHAIN_BROKEN',
};

/** The problems that mean the backup itself cannot be trusted (not a usage mistake). */
const damage = new Set<BackupProblem>([
  'manifest-invalid',
  'truncated',
  'size-mismatch',
  'hash-mismatch',
  'archive-invalid',
  'manifest-signature',
  'integrity-check',
  'audit-chain',
  'signatures',
]);

export function backupRefusal(
  problem: BackupProblem,
  message: string,
  details: Record<string, unknown> = {},
): EbrError {
  return new EbrError(codeOf[problem], message, { problem, ...details });
}

export function backupProblemOf(error: unknown): BackupProblem | null {
  if (!(error instanceof EbrError)) return null;
  const problem = error.details?.problem;
  return typeof problem === 'string' && problem in codeOf ? (problem as BackupProblem) : null;
}

/** True when the backup was refused because it is damaged or was altered. */
export function isDamagedBackup(error: unknown): boolean {
  const problem = backupProblemOf(error);
  return problem !== null && damage.has(problem);
}
