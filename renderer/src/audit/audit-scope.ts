import { visibleText } from '../../../shared/text/display-text';
import type { AuditFilter, PersonRef } from '../../../shared/contract/audit-trail';
import { formatUtcInstant } from '../format/time';
import { entityTypeLabel } from './entity-types';

/** A filter in words: what an export or a recorded review covers. */
export function describeScope(filter: AuditFilter, people: readonly PersonRef[] = []): string {
  const parts: string[] = [];
  if (filter.entityType) parts.push(`${entityTypeLabel(filter.entityType)} records`);
  if (filter.entityId) parts.push(`record ${filter.entityId}`);
  if (filter.userId) {
    const person = people.find((candidate) => candidate.id === filter.userId);
    parts.push(person ? `by ${person.fullName} (${person.username})` : `by user ${filter.userId}`);
  }
  if (filter.action) parts.push(`action ${filter.action}`);
  if (filter.fromUtc) parts.push(`from ${formatUtcInstant(filter.fromUtc)}`);
  if (filter.toUtc) parts.push(`until ${formatUtcInstant(filter.toUtc)}`);
  if (filter.text) parts.push(`containing “${filter.text}”`);
  // Names and search text are shown with any bidi control escaped: a scope cannot disguise itself.
  return parts.length === 0 ? 'The whole audit trail' : visibleText(parts.join(' · '));
}
