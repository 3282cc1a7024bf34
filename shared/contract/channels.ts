import { z } from 'zod';
import type { AuditVerificationReport } from './audit';
import { defineChannel, type ChannelDefinition } from './channel';
import type { SystemHealth, SystemInfo } from './system';

const noInput = z.object({}).strict();

/** Every channel the renderer may call. Names appear nowhere else by hand. */
export const channels = {
  'system.info': defineChannel<SystemInfo>()({
    input: noInput,
    permission: 'public',
    description: 'Application, store, encryption and terminal facts for the shell',
  }),
  'system.health': defineChannel<SystemHealth>()({
    input: noInput,
    permission: 'public',
    description: 'Start-up and store checks, each with a message an operator can act on',
  }),
  'audit.verify': defineChannel<AuditVerificationReport>()({
    input: noInput,
    permission: 'audit.verify',
    description: 'Walk the whole audit chain and its signed checkpoints',
  }),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export const channelNames = Object.keys(channels) as ChannelName[];

export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ParsedChannelInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> =
  Channels[C] extends ChannelDefinition<z.ZodType, infer Output> ? Output : never;

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(channels, value);
}
