/**
 * audit.query names what its rows are about, for people (issue 25): batches by number, recipes by
 * code and version, people by name and username, the terminal by its name — over a real encrypted
 * store, through the channel as the window calls it. An id that names nothing known stays unnamed
 * (the screen shows the id), and the names never change the rows themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditQuery } from '../../electron/core/audit/audit-query';
import type { AuditPageView } from '../../shared/contract/audit-trail';
import type { BatchView } from '../../shared/contract/batches';
import { batchFloor, createBatch, type BatchFloor } from '../helpers/batch-setup';
import { value } from '../helpers/identity';

let floor: BatchFloor;
let batch: BatchView;

beforeAll(async () => {
  floor = await batchFloor(['demo-tablet-blend.json']);
  batch = await createBatch(floor.sven.connection, floor.recipes['demo-tablet-blend.json']!, 'TAB-2026-0025');
  // A row about a record that does not exist (any code may write one): it keeps its id.
  floor.fresh.app.runtime!.audit.change({ userId: null, userName: null }, ({ record }) => {
    record({ action: 'batch.commented', entityType: 'batch', entityId: 'no-such-batch' });
  });
}, 120_000);

afterAll(async () => {
  await floor?.fresh.cleanup();
});

const query = async (filter: Record<string, string>) =>
  value<AuditPageView>(await floor.quinn.connection.invoke('audit.query', { filter, pageSize: 100 }));

describe('audit.query names entities and terminals', () => {
  it('names the batch by its number and the terminal by its name', async () => {
    const page = await query({ entityType: 'batch', entityId: batch.id });
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.entityNames).toEqual({ [`batch:${batch.id}`]: 'TAB-2026-0025' });
    const terminal = floor.fresh.app.runtime!.terminal;
    expect(page.terminalNames).toEqual({ [terminal.id]: terminal.name });
  });

  it('names the recipe by code and version, and people by name and username', async () => {
    const recipe = floor.recipes['demo-tablet-blend.json']!;
    const recipes = await query({ entityType: 'recipe' });
    expect(recipes.entityNames[`recipe:${recipe.id}`]).toBe(`${recipe.code} version ${recipe.versionLabel}`);
    const users = await query({ entityType: 'user', entityId: floor.olga.user.id });
    expect(users.entityNames[`user:${floor.olga.user.id}`]).toBe(
      `${floor.olga.user.fullName} (${floor.olga.user.username})`,
    );
  });

  it('leaves an id that names nothing unnamed, and the rows as they are', async () => {
    const page = await query({ entityType: 'batch' });
    expect(page.rows.some((row) => row.entityId === 'no-such-batch')).toBe(true);
    expect(Object.hasOwn(page.entityNames, 'batch:no-such-batch')).toBe(false);
    const plain = new AuditQuery(floor.fresh.app.runtime!.store.sqlite).page(
      { entityType: 'batch' },
      undefined,
      100,
    );
    expect(page.rows).toEqual(plain.rows);
    expect(page.nextBeforeSeq).toBe(plain.nextBeforeSeq);
  });
});
