import { auditActionLabels } from '../../../shared/audit/action-labels';

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

/** Kinds the filter does not offer (records a batch, recipe or register holds), named all the same. */
const otherLabels: Record<string, string> = {
  'batch-entry': 'Batch entry',
  'batch-exception': 'Exception',
  'batch-disposition': 'Disposition',
  'batch-audit-review': 'Batch audit-trail review',
  'batch-decision': 'QA decision',
  'batch-export': 'Batch record export',
  'recipe-version': 'Recipe',
  instrument: 'Instrument',
  equipment: 'Equipment',
  'equipment-event': 'Equipment logbook',
  lot: 'Lot',
  'lot-import': 'Lot import',
  'lot-status-change': 'Lot status',
  material: 'Material',
  backup: 'Backup',
};

export function entityTypeLabel(entityType: string): string {
  if (Object.hasOwn(labels, entityType)) return labels[entityType as keyof typeof labels];
  return Object.hasOwn(otherLabels, entityType) ? otherLabels[entityType]! : entityType;
}

/** Actions the core records (one map, with their words): offered as suggestions, any other may be typed. */
export const knownActions = Object.keys(auditActionLabels).sort();
