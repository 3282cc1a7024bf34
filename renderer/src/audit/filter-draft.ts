import { auditFilterSchema, type AuditFilter } from '../../../shared/contract/audit-trail';

/** The filter form as typed: plain strings, times in local time to the minute. */
export interface FilterDraft {
  /** A known entity type, OTHER_ENTITY_TYPE (then `otherEntityType`), or '' for any. */
  entityType: string;
  otherEntityType: string;
  entityId: string;
  userId: string;
  action: string;
  /** `YYYY-MM-DDTHH:mm`, local time. */
  from: string;
  until: string;
  text: string;
}

export type FilterField = 'entityType' | 'entityId' | 'userId' | 'action' | 'from' | 'until' | 'text';
export type FilterErrors = Partial<Record<FilterField, string>>;

export const OTHER_ENTITY_TYPE = '__other__';

export const emptyDraft: FilterDraft = {
  entityType: '',
  otherEntityType: '',
  entityId: '',
  userId: '',
  action: '',
  from: '',
  until: '',
  text: '',
};

/**
 * A local `YYYY-MM-DDTHH:mm[:ss]` as a UTC ISO instant. `until` covers its whole minute (or
 * second), so "until 09:15" includes what happened at 09:15:40.
 */
export function localToUtcIso(local: string, edge: 'start' | 'end'): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return null;
  const date = new Date(local); // without an offset, read as this terminal's local time
  if (Number.isNaN(date.getTime())) return null;
  if (edge === 'end') {
    if (local.length === 16) date.setSeconds(59, 999);
    else date.setMilliseconds(999);
  }
  return date.toISOString();
}

/** A UTC ISO instant back as the local `YYYY-MM-DDTHH:mm` the time inputs take. */
export function utcIsoToLocal(isoUtc: string): string {
  const date = new Date(isoUtc);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const fieldOf: Record<string, FilterField> = {
  entityType: 'entityType',
  entityId: 'entityId',
  userId: 'userId',
  action: 'action',
  fromUtc: 'from',
  toUtc: 'until',
  text: 'text',
};

/** The draft as the filter the core takes, checked by the same schema the core uses. */
export function draftToFilter(
  draft: FilterDraft,
): { ok: true; filter: AuditFilter } | { ok: false; errors: FilterErrors } {
  const errors: FilterErrors = {};
  const entityType = draft.entityType === OTHER_ENTITY_TYPE ? draft.otherEntityType : draft.entityType;
  if (draft.entityType === OTHER_ENTITY_TYPE && !entityType.trim()) {
    errors.entityType = 'Type the entity type, or choose “Any”.';
  }
  const fromUtc = draft.from ? localToUtcIso(draft.from, 'start') : null;
  const toUtc = draft.until ? localToUtcIso(draft.until, 'end') : null;
  if (draft.from && !fromUtc) errors.from = 'Enter a date and time.';
  if (draft.until && !toUtc) errors.until = 'Enter a date and time.';

  const candidate: Record<string, string> = {};
  const put = (key: string, value: string | null) => {
    if (value !== null && value.trim() !== '') candidate[key] = value.trim();
  };
  put('entityType', entityType);
  put('entityId', draft.entityId);
  put('userId', draft.userId);
  put('action', draft.action);
  put('fromUtc', fromUtc);
  put('toUtc', toUtc);
  put('text', draft.text);

  const parsed = auditFilterSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf[String(issue.path[0])];
      if (field && !errors[field]) errors[field] = issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) {
    return {
      ok: false,
      errors: Object.keys(errors).length > 0 ? errors : { text: 'The filter is not valid.' },
    };
  }
  return { ok: true, filter: parsed.data };
}
