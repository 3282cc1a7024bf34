import { EbrError } from '../../shared/errors';

export type ParsedOptions = Record<string, string | undefined> & { json?: string };

export function requireOption(options: ParsedOptions, name: string): string {
  const value = options[name];
  if (value === undefined || value.trim() === '') {
    throw new EbrError('VALIDATION_FAILED', `Missing --${name}. See ebr --help.`);
  }
  return value;
}
