import { securitySettingsSchema, type SecuritySettings } from '../../../shared/security-settings';

/** The form's text values, one per setting. */
export interface SettingsDraft {
  minLength: string;
  requiredClasses: string;
  forbidUsername: boolean;
  historyCount: string;
  expiryDays: string;
  lockoutThreshold: string;
  sessionLockMinutes: string;
}

export type DraftField = Exclude<keyof SettingsDraft, 'forbidUsername'>;

export function toDraft(settings: SecuritySettings): SettingsDraft {
  const { passwordPolicy: policy } = settings;
  return {
    minLength: String(policy.minLength),
    requiredClasses: String(policy.requiredClasses),
    forbidUsername: policy.forbidUsername,
    historyCount: String(policy.historyCount),
    expiryDays: String(policy.expiryDays),
    lockoutThreshold: String(settings.lockoutThreshold),
    sessionLockMinutes: String(settings.sessionLockMinutes),
  };
}

const asNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

/** Parses the draft with the shared schema: the settings, or the message for each bad field. */
export function fromDraft(
  draft: SettingsDraft,
): { ok: true; settings: SecuritySettings } | { ok: false; errors: Partial<Record<DraftField, string>> } {
  const candidate = {
    passwordPolicy: {
      minLength: asNumber(draft.minLength),
      requiredClasses: asNumber(draft.requiredClasses),
      forbidUsername: draft.forbidUsername,
      historyCount: asNumber(draft.historyCount),
      expiryDays: asNumber(draft.expiryDays),
    },
    lockoutThreshold: asNumber(draft.lockoutThreshold),
    sessionLockMinutes: asNumber(draft.sessionLockMinutes),
  };
  const parsed = securitySettingsSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: Partial<Record<DraftField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[issue.path.length - 1] as DraftField;
    errors[field] ??= readable(issue);
  }
  return { ok: false, errors };
}

function readable(issue: { code: string; message: string; minimum?: unknown; maximum?: unknown }): string {
  if (issue.code === 'too_small' && typeof issue.minimum !== 'undefined')
    return `At least ${String(issue.minimum)}.`;
  if (issue.code === 'too_big' && typeof issue.maximum !== 'undefined')
    return `At most ${String(issue.maximum)}.`;
  return 'Enter a whole number.';
}
