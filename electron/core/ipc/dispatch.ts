import {
  channels,
  isChannelName,
  type ChannelName,
  type ChannelOutput,
  type ParsedChannelInput,
} from '../../../shared/contract/channels';
import type { z } from 'zod';
import { EbrError, type Result } from '../../../shared/errors';
import { SAFE_TEXT_CHECK } from '../../../shared/text/safe-text';
import { rolesGrant } from '../../../shared/permissions';
import type { SessionRecord } from '../identity/sessions';

/** Who calls: the window (connection) and the session the core holds for it. */
export interface CallContext {
  connectionId: string;
  session: SessionRecord | null;
}

/** One handler per channel, typed from the contract: a channel cannot lack its handler. */
export type ChannelHandlers = {
  [C in ChannelName]: (
    input: ParsedChannelInput<C>,
    call: CallContext,
  ) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

/**
 * A union that matched no option says only "Invalid input"; when an option failed on the text check
 * (a scanned code with a control character), that says what is wrong: report it instead.
 */
function surfaceTextIssues(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const text = issue.errors
    .flat()
    .flatMap(surfaceTextIssues)
    .filter((inner) => inner.code === 'custom' && inner.params?.check === SAFE_TEXT_CHECK)
    .map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }));
  return text.length > 0 ? text.slice(0, 1) : [issue];
}

const fail = (error: EbrError): Result<never> => ({ ok: false, error: error.toData() });

function admissionError(channel: ChannelName, session: SessionRecord | null): EbrError | null {
  const definition = channels[channel];
  if (definition.permission === 'public') return null;
  if (!session) return new EbrError('UNAUTHENTICATED', 'Sign in first.');
  const allowedIn: readonly string[] = definition.allowedIn ?? [];
  if (session.state !== 'active' && !allowedIn.includes(session.state)) {
    return session.state === 'locked'
      ? new EbrError('SESSION_LOCKED', 'The session is locked: enter your password to continue.')
      : new EbrError('PASSWORD_CHANGE_REQUIRED', 'Change your password before you continue.');
  }
  if (definition.permission === 'authenticated') return null;
  if (!rolesGrant(session.roles, definition.permission)) {
    return new EbrError('FORBIDDEN', `Your roles do not allow this (${definition.permission}).`, {
      permission: definition.permission,
    });
  }
  return null;
}

/**
 * The gate every call passes: known channel, session state and permission (from the session the
 * core holds for the window), then the input schema. A malformed input never reaches a handler.
 */
export async function dispatch(
  handlers: ChannelHandlers,
  channel: unknown,
  rawInput: unknown,
  call: CallContext,
): Promise<Result<unknown>> {
  if (!isChannelName(channel)) {
    return fail(
      new EbrError(
        'UNKNOWN_CHANNEL',
        `There is no channel named ${JSON.stringify(String(channel)).slice(0, 80)}.`,
      ),
    );
  }
  try {
    const refusal = admissionError(channel, call.session);
    if (refusal) return fail(refusal);
    const parsed = channels[channel].input.safeParse(rawInput);
    if (!parsed.success) {
      const issues = parsed.error.issues.flatMap(surfaceTextIssues).map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      }));
      const summary = issues
        .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
        .join('; ');
      return fail(
        new EbrError('VALIDATION_FAILED', `The request to ${channel} is not valid: ${summary}`, { issues }),
      );
    }
    const handler = handlers[channel] as (input: unknown, call: CallContext) => unknown;
    return { ok: true, value: await handler(parsed.data, call) };
  } catch (error) {
    if (error instanceof EbrError) return fail(error);
    console.error(`ebr: ${channel} failed unexpectedly:`, error);
    return fail(
      new EbrError(
        'INTERNAL',
        'Something went wrong inside the application; the error was logged and nothing was saved.',
      ),
    );
  }
}
