/**
 * Whether a person holds a qualification at an instant (P11-10i, A11-2): pure, on the facts read
 * from the training register. Every requirement — a read-and-understood of each required SOP's
 * current version, and a practical assessment when required — must be met; each record counts for
 * the qualification's validity period, so the qualification lasts until its oldest record expires.
 */

export const qualificationStates = ['qualified', 'expiring', 'expired', 'sop-revised', 'missing'] as const;
export type QualificationState = (typeof qualificationStates)[number];

/** Days before expiry from which a qualification shows as expiring (start pages, matrix). */
export const EXPIRING_WITHIN_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface QualificationRule {
  code: string;
  name: string;
  requiredSopCodes: readonly string[];
  assessmentRequired: boolean;
  validityMonths: number;
}

/** An SOP's current version, and its earlier version ids (their read-and-understood no longer counts). */
export interface SopCurrent {
  code: string;
  currentVersion: string | null;
  currentVersionId: string | null;
}

export interface PersonRecord {
  kind: 'read-and-understood' | 'assessment';
  sopCode: string | null;
  sopVersionId: string | null;
  qualificationCode: string | null;
  recordedAtUtc: string;
}

export interface Standing {
  state: QualificationState;
  /** When the qualification stops being valid (UTC instant); null when it is not held. */
  validUntilUtc: string | null;
  /** The calendar date (UTC) it expires on, as people read it. */
  expiresOn: string | null;
  /** What is missing or out of date, in words; empty when held. */
  gaps: string[];
}

/** Calendar months later, the day clamped to the month's length (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsUtc(ms: number, months: number): number {
  const date = new Date(ms);
  const target = new Date(ms);
  target.setUTCDate(1);
  target.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target.getTime();
}

export function standingOf(
  rule: QualificationRule,
  sops: ReadonlyMap<string, SopCurrent>,
  records: readonly PersonRecord[],
  nowMs: number,
): Standing {
  const gaps: string[] = [];
  let revised = 0;
  const metAt: number[] = [];
  const latest = (matching: (record: PersonRecord) => boolean): number | null => {
    const times = records
      .filter((record) => matching(record) && Date.parse(record.recordedAtUtc) <= nowMs)
      .map((record) => Date.parse(record.recordedAtUtc));
    return times.length > 0 ? Math.max(...times) : null;
  };
  for (const code of rule.requiredSopCodes) {
    const sop = sops.get(code);
    if (!sop?.currentVersionId) {
      gaps.push(`SOP ${code} has no issued version`);
      continue;
    }
    const read = latest(
      (record) => record.kind === 'read-and-understood' && record.sopVersionId === sop.currentVersionId,
    );
    if (read !== null) {
      metAt.push(read);
      continue;
    }
    const readEarlier = records.some(
      (record) =>
        record.kind === 'read-and-understood' &&
        record.sopCode === code &&
        record.sopVersionId !== sop.currentVersionId &&
        Date.parse(record.recordedAtUtc) <= nowMs,
    );
    if (readEarlier) {
      revised++;
      gaps.push(`${code} was revised to version ${sop.currentVersion} and has not been read and understood`);
    } else gaps.push(`no read-and-understood of ${code} version ${sop.currentVersion}`);
  }
  if (rule.assessmentRequired) {
    const assessed = latest(
      (record) => record.kind === 'assessment' && record.qualificationCode === rule.code,
    );
    if (assessed !== null) metAt.push(assessed);
    else gaps.push('no practical assessment by a trainer');
  }
  if (gaps.length > 0) {
    return {
      state: revised === gaps.length ? 'sop-revised' : 'missing',
      validUntilUtc: null,
      expiresOn: null,
      gaps,
    };
  }
  // A qualification with no requirement at all is held by no one: someone must have been trained.
  if (metAt.length === 0)
    return { state: 'missing', validUntilUtc: null, expiresOn: null, gaps: ['no training'] };
  const validUntilMs = addMonthsUtc(Math.min(...metAt), rule.validityMonths);
  const validUntilUtc = new Date(validUntilMs).toISOString();
  const expiresOn = validUntilUtc.slice(0, 10);
  if (nowMs >= validUntilMs) return { state: 'expired', validUntilUtc, expiresOn, gaps: [] };
  const state = validUntilMs - nowMs <= EXPIRING_WITHIN_DAYS * DAY_MS ? 'expiring' : 'qualified';
  return { state, validUntilUtc, expiresOn, gaps: [] };
}

/** Whether a state lets the person perform or sign. */
export function isHeld(state: QualificationState): boolean {
  return state === 'qualified' || state === 'expiring';
}

/** The refusal people read: the person, the qualification, its state, and whom to ask. */
export function notQualifiedMessage(personName: string, rule: { name: string }, standing: Standing): string {
  if (standing.state === 'expired') {
    return `${personName}'s qualification '${rule.name}' expired on ${standing.expiresOn} — ask a trainer`;
  }
  if (standing.state === 'sop-revised') {
    return `${personName}'s qualification '${rule.name}' is no longer valid: ${standing.gaps.join('; ')} — ask a trainer`;
  }
  return `${personName} is not qualified for '${rule.name}': ${standing.gaps.join('; ')} — ask a trainer`;
}

/** Days until expiry, counted by calendar days in UTC. */
export function daysUntil(validUntilUtc: string, nowMs: number): number {
  return Math.ceil((Date.parse(validUntilUtc) - nowMs) / DAY_MS);
}
