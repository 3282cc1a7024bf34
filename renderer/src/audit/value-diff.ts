export type DiffStatus = 'same' | 'changed' | 'added' | 'removed';

/** One line of the side-by-side view: a field (or the whole value) before and after. */
export interface DiffLine {
  /** The field name; null when the values are not objects and are compared whole. */
  key: string | null;
  old: string | null;
  new: string | null;
  status: DiffStatus;
}

type Parsed =
  { kind: 'none' } | { kind: 'object'; value: Record<string, unknown> } | { kind: 'other'; text: string };

function parse(text: string | null): Parsed {
  if (text === null) return { kind: 'none' };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return { kind: 'object', value: value as Record<string, unknown> };
    }
    return { kind: 'other', text: JSON.stringify(value, null, 2) };
  } catch {
    return { kind: 'other', text };
  }
}

function pretty(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value, null, 2);
}

function statusOf(old: string | null, next: string | null): DiffStatus {
  if (old === null) return 'added';
  if (next === null) return 'removed';
  return old === next ? 'same' : 'changed';
}

/**
 * Old and new values of an audit row, field by field so the same field lines up on both sides:
 * JSON objects by their keys (old order first, then new fields), anything else as a whole.
 */
export function diffValues(oldText: string | null, newText: string | null): DiffLine[] {
  const before = parse(oldText);
  const after = parse(newText);
  const objects =
    (before.kind === 'object' || before.kind === 'none') &&
    (after.kind === 'object' || after.kind === 'none') &&
    !(before.kind === 'none' && after.kind === 'none');
  if (objects) {
    const oldObject = before.kind === 'object' ? before.value : {};
    const newObject = after.kind === 'object' ? after.value : {};
    const keys = [...new Set([...Object.keys(oldObject), ...Object.keys(newObject)])];
    return keys.map((key) => {
      const old = Object.hasOwn(oldObject, key) ? pretty(oldObject[key]) : null;
      const next = Object.hasOwn(newObject, key) ? pretty(newObject[key]) : null;
      return { key, old, new: next, status: statusOf(old, next) };
    });
  }
  const whole = (parsed: Parsed) =>
    parsed.kind === 'none' ? null : parsed.kind === 'object' ? pretty(parsed.value) : parsed.text;
  const old = whole(before);
  const next = whole(after);
  if (old === null && next === null) return [];
  return [{ key: null, old, new: next, status: statusOf(old, next) }];
}

/** "3 fields changed", "created", "1 field removed": the change column of the table. */
export function diffSummary(lines: readonly DiffLine[], hadOld: boolean, hadNew: boolean): string {
  if (lines.length === 0) return '';
  if (!hadOld) return 'New values';
  if (!hadNew) return 'Values removed';
  const changed = lines.filter((line) => line.status !== 'same').length;
  if (changed === 0) return 'No difference';
  return changed === 1 ? '1 field changed' : `${changed} fields changed`;
}
