import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { EbrError } from '../../shared/errors';
import { enrolmentCodes } from '../../db/plant/schema';
import type { PlantDatabase } from './database';

/** Crockford base32 without I, L, O, U: read aloud or typed from paper without confusion. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function codeHash(code: string): string {
  return createHash('sha256').update(normalizeCode(code), 'utf8').digest('hex');
}

export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** 16 characters (80 bits) in groups of four; only its SHA-256 is stored. */
export async function createEnrolmentCode(
  database: PlantDatabase,
  options: { purpose: 'terminal' | 'administrator'; terminalName: string | null; validHours: number },
): Promise<{ code: string; expiresAt: string }> {
  if (!Number.isFinite(options.validHours) || options.validHours <= 0 || options.validHours > 24 * 30)
    throw new EbrError('VALIDATION_FAILED', '--valid-hours must be a number of hours between 0 and 720.');
  const bytes = randomBytes(16);
  const code = [...bytes].map((byte) => ALPHABET[byte % 32]).join('');
  const grouped = code.match(/.{4}/g)!.join('-');
  const expiresAt = new Date(Date.now() + options.validHours * 3600_000).toISOString();
  await database.db.insert(enrolmentCodes).values({
    codeHash: codeHash(code),
    purpose: options.purpose,
    terminalName: options.terminalName,
    expiresAt,
  });
  return { code: grouped, expiresAt };
}

/**
 * Redeems a code inside the enrolment's transaction: unknown, used and expired codes are told
 * apart. A code made for a named terminal only enrols a terminal of that name.
 */
export async function redeemEnrolmentCode(
  tx: Pick<PlantDatabase['db'], 'select' | 'update'>,
  code: string,
  terminal: { nodeId: string; name: string },
): Promise<void> {
  const hash = codeHash(code);
  const [row] = await tx.select().from(enrolmentCodes).where(eq(enrolmentCodes.codeHash, hash)).for('update');
  if (!row)
    throw new EbrError(
      'NOT_FOUND',
      'This enrolment code is unknown: ask a plant administrator for a new one.',
    );
  if (row.usedAt)
    throw new EbrError('CONFLICT', 'This enrolment code was already used; codes are single-use.');
  const used = await tx
    .update(enrolmentCodes)
    .set({ usedAt: sql`now()`, usedByNode: terminal.nodeId })
    .where(
      and(
        eq(enrolmentCodes.codeHash, hash),
        isNull(enrolmentCodes.usedAt),
        gt(enrolmentCodes.expiresAt, sql`now()`),
      ),
    )
    .returning({ codeHash: enrolmentCodes.codeHash });
  if (used.length === 0)
    throw new EbrError(
      'CONFLICT',
      'This enrolment code has expired: ask a plant administrator for a new one.',
    );
  if (row.terminalName !== null && row.terminalName !== terminal.name)
    throw new EbrError(
      'FORBIDDEN',
      `This enrolment code was made for terminal "${row.terminalName}", not "${terminal.name}".`,
    );
}
