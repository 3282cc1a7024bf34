/** The kinds of record the audit trail names; the filter offers these and still accepts any other. */
export const knownEntityTypes = [
  'batch',
  'recipe',
  'user',
  'device',
  'terminal',
  'settings',
  'security-alert',
  'audit-review',
  'store',
] as const;

const labels: Record<(typeof knownEntityTypes)[number], string> = {
  batch: 'Batch',
  recipe: 'Recipe',
  user: 'User',
  device: 'Device',
  terminal: 'Terminal',
  settings: 'Settings',
  'security-alert': 'Security alert',
  'audit-review': 'Audit-trail review',
  store: 'Data store',
};

export function entityTypeLabel(entityType: string): string {
  return Object.hasOwn(labels, entityType) ? labels[entityType as keyof typeof labels] : entityType;
}

/** Actions the core records today: offered as suggestions, any other may be typed. */
export const knownActions = [
  'alert.acknowledged',
  'alert.raised',
  'audit.reviewed',
  'auth.login',
  'auth.login-failed',
  'auth.login-refused',
  'auth.logout',
  'auth.password-changed',
  'session.locked',
  'session.unlocked',
  'settings.changed',
  'setup.recovery-key-stored',
  'signature.applied',
  'store.initialized',
  'terminal.created',
  'terminal.registered',
  'terminal.revoked',
  'user.created',
  'user.disabled',
  'user.enabled',
  'user.locked',
  'user.password-reset',
  'user.unlocked',
  'user.updated',
] as const;
