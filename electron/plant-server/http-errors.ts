import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { EbrError, type ErrorCode } from '../../shared/errors';

const statusOf: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  AUDIT_CHAIN_BROKEN: 409,
  STORE_UNAVAILABLE: 503,
};

/** Errors cross the wire as {code, message, details}, from the closed set of shared/errors.ts. */
export function sendError(reply: FastifyReply, error: EbrError): FastifyReply {
  return reply.code(statusOf[error.code] ?? 500).send(error.toData());
}

/** Parses a body with a zod schema; a bad body names the first wrong field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.join('.') || '(body)';
  throw new EbrError('VALIDATION_FAILED', `${path}: ${issue.message}`, {
    path,
    issues: parsed.error.issues.length,
  });
}
