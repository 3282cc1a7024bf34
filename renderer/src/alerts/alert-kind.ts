import type { SecurityAlertKind } from '../../../shared/contract/identity';

export const alertKindLabels: Record<SecurityAlertKind, string> = {
  'account-locked': 'Account locked',
  'audit-head-recreated': 'Audit head recreated',
  'terminal-not-registered-sign-in': 'Sign-in at an unregistered terminal',
  'backup-failed': 'Scheduled backup failed',
};

export function alertKindLabel(kind: string): string {
  return (alertKindLabels as Record<string, string>)[kind] ?? kind;
}
