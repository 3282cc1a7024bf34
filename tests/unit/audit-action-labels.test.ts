/**
 * Every action the core writes to the audit trail has a label in words (shared/audit/action-labels.ts):
 * the codes are found in the core's own source — the `'area.verb'` literals it passes to the audit
 * writer, and the codes it builds from a status or kind (`recipe.${status}`) expanded over every
 * value — so a new action without a label fails here, by name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditActionLabels } from '../../shared/audit/action-labels';
import { channelNames } from '../../shared/contract/channels';
import { eventNames } from '../../shared/contract/events';
import type { RecipeStatus } from '../../shared/contract/recipes';
import { equipmentEventKinds } from '../../shared/materials/equipment-rules';

const electronDir = fileURLToPath(new URL('../../electron', import.meta.url));

/** The areas audit codes start with (the entity-ish word before the dot). */
const AREAS =
  'alert|audit|auth|backup|batch|equipment|instrument|lot|material|plant|recipe|review|session|settings|setup|signature|store|terminal|user';
const CODE_LITERAL = new RegExp(`'((?:${AREAS})\\.[a-z][a-z-]*)'`, 'g');

/** Literals of the same shape that are not audit actions: IPC channels, pushed events, a file name. */
const notActions = new Set<string>([...channelNames, ...eventNames, 'store.json']);

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Codes built from a value in the source, with every value they can take. */
const recipeStatuses: RecipeStatus[] = [
  'draft',
  'in-review',
  'approved',
  'effective',
  'superseded',
  'retired',
  'rejected',
];
const builtCodes: Record<string, string[]> = {
  'recipe.${status}': recipeStatuses.map((status) => `recipe.${status}`),
  'batch.${input.decision}': ['batch.released', 'batch.rejected'],
  'instrument.${check.kind}-recorded': ['calibration', 'daily-check'].map(
    (kind) => `instrument.${kind}-recorded`,
  ),
  'equipment.${event.kind}': equipmentEventKinds.map((kind) => `equipment.${kind}`),
};

function auditedCodes(): { literal: Map<string, string>; built: string[]; templates: string[] } {
  const literal = new Map<string, string>();
  const templates: string[] = [];
  for (const file of sourceFiles(electronDir)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(CODE_LITERAL)) {
      if (!notActions.has(match[1]!)) literal.set(match[1]!, path.relative(electronDir, file));
    }
    for (const match of text.matchAll(/\baction: `([^`]*\$\{[^`]*)`/g)) templates.push(match[1]!);
  }
  return { literal, built: Object.values(builtCodes).flat(), templates };
}

describe('audit action labels', () => {
  const { literal, built, templates } = auditedCodes();

  it('finds the codes the core writes (the search itself works)', () => {
    expect(literal.size).toBeGreaterThan(60);
    for (const code of [
      'batch.step-started',
      'batch.value-corrected',
      'auth.login-failed',
      'lot.dispensed',
    ]) {
      expect(literal.has(code), code).toBe(true);
    }
  });

  it('has a label for every literal action code in the core', () => {
    const missing = [...literal].filter(([code]) => !Object.hasOwn(auditActionLabels, code));
    expect(missing.map(([code, file]) => `${code} (${file})`)).toEqual([]);
  });

  it('knows every code the core builds from a value, and labels each value', () => {
    expect(templates.sort()).toEqual(Object.keys(builtCodes).sort());
    expect(built.filter((code) => !Object.hasOwn(auditActionLabels, code))).toEqual([]);
  });

  it('labels are words, distinct, and never the code itself', () => {
    const labels = Object.entries(auditActionLabels);
    for (const [code, label] of labels) {
      expect(label, code).not.toBe(code);
      expect(label, code).toMatch(/^[A-Z][^.]*[a-z]$/);
    }
    expect(new Set(labels.map(([, label]) => label)).size).toBe(labels.length);
  });

  it('shows an unknown code as it is', () => {
    expect(auditActionLabel('batch.step-started')).toBe('Step started');
    expect(auditActionLabel('batch.teleported')).toBe('batch.teleported');
    expect(auditActionLabel('toString')).toBe('toString');
  });
});
