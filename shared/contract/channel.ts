import type { z } from 'zod';
import type { ChannelPermission } from '../permissions';
import type { SessionState } from './identity';

/**
 * One IPC channel: its input schema, the permission it needs and (as a phantom type) what it
 * returns. The output is a type only: it is produced by our own core, never parsed from outside.
 */
export interface ChannelDefinition<Input extends z.ZodType, Output> {
  readonly input: Input;
  readonly permission: ChannelPermission;
  readonly description: string;
  /**
   * Session states other than `active` in which this channel still answers (e.g. unlock while
   * locked). Everything else waits until the session is active.
   */
  readonly allowedIn?: readonly SessionState[];
  /** Never set at run time; carries the output type for the derived client and handler types. */
  readonly output?: Output;
}

export function defineChannel<Output>() {
  return <Input extends z.ZodType>(definition: {
    input: Input;
    permission: ChannelPermission;
    description: string;
    allowedIn?: readonly SessionState[];
  }): ChannelDefinition<Input, Output> => definition;
}
