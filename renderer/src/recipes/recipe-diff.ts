import type { Recipe } from '../../../shared/recipes/recipe-schema';
import { stepPlaces, type StepPlace } from './step-places';

export type { StepPlace } from './step-places';

/**
 * What changed from one recipe version (`before`) to another (`after`): header fields, materials
 * by code, equipment by id, operations by id, and steps matched by their stable id. Pure: the
 * review screen shows it, the unit tests pin it.
 */

/** One leaf value that differs, by its path inside the compared object (`limits.max`, `items[2]`). */
export interface FieldChange {
  path: string;
  /** `undefined`: absent on that side. */
  before: unknown;
  after: unknown;
}

export type EntryStatus = 'added' | 'removed' | 'changed';

export interface EntryDiff<T> {
  key: string;
  status: EntryStatus;
  before?: T;
  after?: T;
  /** Changed leaves; empty for added or removed entries. */
  changes: FieldChange[];
}

export type StepStatus = 'added' | 'removed' | 'changed' | 'moved' | 'unchanged';

export interface StepDiff {
  id: string;
  /** `changed` wins over `moved`: a changed step may also have moved (see `moved`). */
  status: StepStatus;
  /** In another operation, or in another order relative to the steps both versions have. */
  moved: boolean;
  before?: StepPlace;
  after?: StepPlace;
  changes: FieldChange[];
}

export interface OperationDiff extends EntryDiff<{ id: string; title: string }> {
  moved: boolean;
}

export interface RecipeDiff {
  header: FieldChange[];
  materials: EntryDiff<Recipe['materials'][number]>[];
  equipment: EntryDiff<Recipe['equipment'][number]>[];
  /** Operations added, removed, renamed or reordered. */
  operations: OperationDiff[];
  /**
   * Every step of both versions, in the order of `after`, each removed step placed after the
   * step it followed in `before`. Unchanged steps are included (with status `unchanged`).
   */
  steps: StepDiff[];
  counts: Record<StepStatus, number>;
  /** Nothing differs at all; the version label is a header field, so two versions are rarely identical. */
  identical: boolean;
}

type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Leaves of a JSON value by path; empty arrays and objects count as leaves so they are not lost. */
function leaves(value: Json, path: string, out: Map<string, Json>): Map<string, Json> {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, []);
    value.forEach((item, index) => leaves(item, `${path}[${index}]`, out));
  } else if (isPlainObject(value)) {
    const keys = Object.keys(value).filter((key) => value[key] !== undefined);
    if (keys.length === 0 && path !== '') out.set(path, {});
    for (const key of keys) leaves(value[key], path === '' ? key : `${path}.${key}`, out);
  } else {
    out.set(path, value);
  }
  return out;
}

function sameLeaf(a: Json, b: Json): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.length === 0;
  if (isPlainObject(a) && isPlainObject(b)) return Object.keys(a).length === 0 && Object.keys(b).length === 0;
  return Object.is(a, b);
}

/** Changed leaves of two values, in the order the paths first appear (before's, then after's new ones). */
export function fieldChanges(before: Json, after: Json, ignore: readonly string[] = []): FieldChange[] {
  const a = leaves(before, '', new Map());
  const b = leaves(after, '', new Map());
  const paths = [...a.keys(), ...[...b.keys()].filter((path) => !a.has(path))];
  const ignored = (path: string) => ignore.some((prefix) => path === prefix || path.startsWith(`${prefix}.`));
  const changes: FieldChange[] = [];
  for (const path of paths) {
    if (ignored(path)) continue;
    const was = a.get(path);
    const now = b.get(path);
    if (a.has(path) && b.has(path) && sameLeaf(was, now)) continue;
    changes.push({ path, before: was, after: now });
  }
  return changes;
}

function diffEntries<T>(
  before: readonly T[],
  after: readonly T[],
  keyOf: (entry: T) => string,
): EntryDiff<T>[] {
  const old = new Map(before.map((entry) => [keyOf(entry), entry]));
  const now = new Map(after.map((entry) => [keyOf(entry), entry]));
  const result: EntryDiff<T>[] = [];
  for (const entry of after) {
    const key = keyOf(entry);
    const was = old.get(key);
    if (was === undefined) {
      result.push({ key, status: 'added', after: entry, changes: [] });
      continue;
    }
    const changes = fieldChanges(was, entry);
    if (changes.length > 0) result.push({ key, status: 'changed', before: was, after: entry, changes });
  }
  for (const entry of before) {
    const key = keyOf(entry);
    if (!now.has(key)) result.push({ key, status: 'removed', before: entry, changes: [] });
  }
  return result;
}

/** Keys of the longest common subsequence of two key lists: those keep their relative order. */
export function stableKeys(before: readonly string[], after: readonly string[]): Set<string> {
  const n = before.length;
  const m = after.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      table[i]![j] =
        before[i] === after[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      kept.add(before[i]!);
      i += 1;
      j += 1;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i += 1;
    else j += 1;
  }
  return kept;
}

function diffOperations(before: Recipe, after: Recipe): OperationDiff[] {
  const simple = (recipe: Recipe) => recipe.procedure.operations.map(({ id, title }) => ({ id, title }));
  const a = simple(before);
  const b = simple(after);
  const common = (list: { id: string }[], other: { id: string }[]) =>
    list.map((op) => op.id).filter((id) => other.some((op) => op.id === id));
  const kept = stableKeys(common(a, b), common(b, a));
  const entries = diffEntries(a, b, (op) => op.id).map((entry) => ({ ...entry, moved: false }));
  for (const op of b) {
    if (!a.some((old) => old.id === op.id) || kept.has(op.id)) continue;
    const existing = entries.find((entry) => entry.key === op.id);
    if (existing) existing.moved = true;
    else {
      const was = a.find((old) => old.id === op.id)!;
      entries.push({ key: op.id, status: 'changed', before: was, after: op, changes: [], moved: true });
    }
  }
  return entries;
}

function diffSteps(before: Recipe, after: Recipe): StepDiff[] {
  const a = stepPlaces(before);
  const b = stepPlaces(after);
  const oldById = new Map(a.map((place) => [place.step.id, place]));
  const newById = new Map(b.map((place) => [place.step.id, place]));
  const kept = stableKeys(
    a.filter((place) => newById.has(place.step.id)).map((place) => place.step.id),
    b.filter((place) => oldById.has(place.step.id)).map((place) => place.step.id),
  );

  // Removed steps follow the nearest earlier step of `before` that `after` still has ('' = at the start).
  const removedAfter = new Map<string, StepPlace[]>();
  let anchor = '';
  for (const place of a) {
    if (newById.has(place.step.id)) anchor = place.step.id;
    else removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), place]);
  }
  const removed = (key: string): StepDiff[] =>
    (removedAfter.get(key) ?? []).map((place) => ({
      id: place.step.id,
      status: 'removed',
      moved: false,
      before: place,
      changes: [],
    }));

  const result: StepDiff[] = removed('');
  for (const place of b) {
    const was = oldById.get(place.step.id);
    if (!was) {
      result.push({ id: place.step.id, status: 'added', moved: false, after: place, changes: [] });
    } else {
      const changes = fieldChanges(was.step, place.step, ['id']);
      const moved = !kept.has(place.step.id) || was.operationId !== place.operationId;
      const status: StepStatus = changes.length > 0 ? 'changed' : moved ? 'moved' : 'unchanged';
      result.push({ id: place.step.id, status, moved, before: was, after: place, changes });
    }
    if (was) result.push(...removed(place.step.id));
  }
  return result;
}

export function diffRecipes(before: Recipe, after: Recipe): RecipeDiff {
  const header = fieldChanges(before.header, after.header);
  const materials = diffEntries(before.materials, after.materials, (material) => material.code);
  const equipment = diffEntries(before.equipment, after.equipment, (item) => item.id);
  const operations = diffOperations(before, after);
  const steps = diffSteps(before, after);
  const counts: Record<StepStatus, number> = { added: 0, removed: 0, changed: 0, moved: 0, unchanged: 0 };
  for (const step of steps) counts[step.status] += 1;
  const formatChanged = before.format !== after.format;
  return {
    header,
    materials,
    equipment,
    operations,
    steps,
    counts,
    identical:
      !formatChanged &&
      header.length === 0 &&
      materials.length === 0 &&
      equipment.length === 0 &&
      operations.length === 0 &&
      steps.every((step) => step.status === 'unchanged'),
  };
}
