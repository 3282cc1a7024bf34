/**
 * Windows showing a batch learn that it changed, whoever changed it and from whichever window:
 * `batch.changed` goes to every active session whose roles may read batches, after the commit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchChangedEvent } from '../../shared/contract/events';
import { batchFloor, createBatch, type BatchFloor } from '../helpers/batch-setup';
import { value } from '../helpers/identity';

let floor: BatchFloor;
beforeAll(async () => {
  floor = await batchFloor();
}, 120_000);
afterAll(async () => floor?.fresh.cleanup());

describe('batch.changed', () => {
  it('reaches other windows that may read batches, not administrators', async () => {
    const seen: Record<string, BatchChangedEvent[]> = { oscar: [], quinn: [], admin: [] };
    floor.oscar.connection.on('batch.changed', (event) => seen.oscar!.push(event));
    floor.quinn.connection.on('batch.changed', (event) => seen.quinn!.push(event));
    floor.admin.on('batch.changed', (event) => seen.admin!.push(event));
    const batch = await createBatch(
      floor.sven.connection,
      floor.recipes['demo-tablet-blend.json']!,
      'B2026-0300',
    );
    value(await floor.olga.connection.invoke('batches.start', { batchId: batch.id }));
    value(await floor.olga.connection.invoke('batches.startStep', { batchId: batch.id, stepId: 'start' }));
    expect(seen.oscar!.map((event) => event.status)).toEqual(['created', 'in-progress', 'in-progress']);
    expect(
      seen.oscar!.every((event) => event.batchId === batch.id && event.batchNumber === 'B2026-0300'),
    ).toBe(true);
    expect(seen.quinn).toHaveLength(3);
    expect(seen.admin).toEqual([]);
    // A refused action changes nothing and tells no one.
    const refused = await floor.olga.connection.invoke('batches.startStep', {
      batchId: batch.id,
      stepId: 'w_api',
    });
    expect(refused.ok).toBe(false);
    expect(seen.oscar).toHaveLength(3);
  });
});
