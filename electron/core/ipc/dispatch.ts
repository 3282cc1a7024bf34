import {
  channels,
  isChannelName,
  type ChannelName,
  type ChannelOutput,
  type ParsedChannelInput,
} from '../../../shared/contract/channels';
import type { Session } from '../../../shared/contract/session';
import { EbrError, type Result } from '../../../shared/errors';
import { rolesGrant } from '../../../shared/permissions';

/** One handler per channel, typed from the contract: a channel cannot lack its handler. */
export type ChannelHandlers = {
  [C in ChannelName]: (
    input: ParsedChannelInput<C>,
    session: Session | null,
  ) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

const fail = (error: EbrError): Result<never> => ({ ok: false, error: error.toData() });

/**
 * The gate every call passes: known channel, session and permission (from the session the
 * main process holds), then the input schema. A malformed input never reaches a handler.
 */
export async function dispatch(
  handlers: ChannelHandlers,
  channel: unknown,
  rawInput: unknown,
  session: Session | null,
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
    const definition = channels[channel];
    if (definition.permission !== 'public') {
      if (!session) return fail(new EbrError('UNAUTHENTICATED', 'Sign in first.'));
      if (!rolesGrant(session.roles, definition.permission)) {
        return fail(
          new EbrError('FORBIDDEN', `Your roles do not allow this (${definition.permission}).`, {
            permission: definition.permission,
          }),
        );
      }
    }
    const parsed = definition.input.safeParse(rawInput);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({
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
    const handler = handlers[channel] as (input: unknown, session: Session | null) => unknown;
    return { ok: true, value: await handler(parsed.data, session) };
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
