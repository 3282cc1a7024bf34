/**
 * Forward genealogy and the equipment logbook at scale (R211-184, R211-182): a lot consumed by
 * 10,000 batches (one portion each, plus 40 other lots' consumptions as background), and one
 * blender with a 10,000-entry logbook (use, release, cleaning in turn). Rows are inserted straight
 * into the application's own encrypted store (every migration applied), then the services'
 * queries are timed on a fresh connection: Genealogy.forward and EquipmentRegister.get (the logbook
 * with its folded status). Budget: p99 < 100 ms. The temporary folder is deleted at the end.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../db/open';
import { manualClock } from '../../electron/core/clock';
import {
  equipmentStateOf,
  logEntryOf,
  readEquipmentEvents,
  readEquipmentItem,
} from '../../electron/core/equipment/equipment-records';
import { Genealogy } from '../../electron/core/materials/genealogy';
import { now, rawMs, summarize, type Benchmark, type BenchResult } from './stats';

const BATCHES = 10_000;
const LOG_ENTRIES = 10_000;
const SAMPLES = 50;
const BUDGET_MS = 100;
const START_MS = Date.UTC(2026, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();

export const genealogy: Benchmark = {
  name: 'genealogy',
  async run(): Promise<BenchResult> {
    const folder = mkdtempSync(join(tmpdir(), 'ebr-bench-genealogy-'));
    const file = join(folder, 'ebr.db');
    const key = randomBytes(32);
    try {
      const seeded = openStore({ file, key, mode: 'create', nowUtc: iso(START_MS) });
      const db = seeded.sqlite;
      const materialId = randomUUID();
      db.prepare(
        "INSERT INTO materials VALUES (?, 'RM-0100', 'Demotabin', 'active', 'kg', '', 'u', 'Bench', ?)",
      ).run(materialId, iso(START_MS));
      const insertLot = db.prepare(
        "INSERT INTO lots (id, lot_number, material_id, supplier, supplier_lot, received_date, received_quantity, unit, container_count, expiry_date, origin, registered_by_user_id, registered_by_name, registered_at_utc) VALUES (?, ?, ?, 'S', 'SL', '2026-01-01', 1000000, 'kg', 10, '2029-01-01', 'manual', 'u', 'Bench', ?)",
      );
      const lotIds = Array.from({ length: 41 }, () => randomUUID());
      lotIds.forEach((id, index) => insertLot.run(id, `L-${index}`, materialId, iso(START_MS)));
      const insertBatch = db.prepare(
        "INSERT INTO batches (id, batch_number, recipe_version_id, recipe_code, recipe_version_label, recipe_content_hash, product_code, product_name, planned_quantity, planned_unit, training, status, terminal_id, created_by_user_id, created_by_name, created_at_utc) VALUES (?, ?, 'r', 'R', '1', 'h', 'P', 'Product', 10, 'kg', 0, 'released', 't', 'u', 'Bench', ?)",
      );
      const insertUse = db.prepare(
        "INSERT INTO lot_consumptions VALUES (?, ?, ?, 'w_api', 1, 2.0, 'kg', 'released', 99.5, 0, 'u', 'Bench', ?)",
      );
      const equipmentId = randomUUID();
      db.prepare(
        "INSERT INTO equipment VALUES (?, 'EQ-BLD-010', 'equipment', 'Bin blender', 'Blending 1', 72, 48, 1, 'u', 'Bench', ?)",
      ).run(equipmentId, iso(START_MS));
      const insertEvent = db.prepare(
        'INSERT INTO equipment_events (id, equipment_id, kind, batch_id, batch_number, product_code, product_name, procedure, started_at_utc, ended_at_utc, reason, performed_by_user_id, performed_by_name, verified_by_name, recorded_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      db.transaction(() => {
        for (let index = 0; index < BATCHES; index++) {
          const batchId = randomUUID();
          const at = iso(START_MS + index * 60_000);
          insertBatch.run(batchId, `B-${String(index).padStart(6, '0')}`, at);
          insertUse.run(randomUUID(), lotIds[0], batchId, at);
          for (let other = 1; other <= 4; other++)
            insertUse.run(randomUUID(), lotIds[1 + ((index + other) % 40)], batchId, at);
        }
        const kinds = ['in-use', 'released-dirty', 'cleaned'] as const;
        for (let index = 0; index < LOG_ENTRIES; index++) {
          const kind = kinds[index % 3]!;
          const at = START_MS + index * 3_600_000;
          insertEvent.run(
            randomUUID(),
            equipmentId,
            kind,
            kind === 'cleaned' ? null : `b-${index}`,
            kind === 'cleaned' ? null : `B-${index}`,
            kind === 'cleaned' ? null : 'P',
            kind === 'cleaned' ? null : 'Product',
            kind === 'cleaned' ? 'SOP-CLN-014' : null,
            kind === 'cleaned' ? iso(at - 1_800_000) : null,
            kind === 'cleaned' ? iso(at) : null,
            'bench',
            'u',
            'Bench Person',
            kind === 'cleaned' ? 'Second Person' : null,
            iso(at),
          );
        }
      })();
      seeded.close();

      const store = openStore({ file, key, mode: 'open', nowUtc: iso(START_MS) });
      try {
        const clock = manualClock(START_MS + LOG_ENTRIES * 3_600_000);
        const service = new Genealogy(store.sqlite, clock);
        const forward: bigint[] = [];
        const logbook: bigint[] = [];
        let batches = 0;
        let entries = 0;
        for (let sample = 0; sample < SAMPLES; sample++) {
          const started = now();
          batches = service.forward('L-0').batches.length;
          forward.push(now() - started);
          const logStarted = now();
          const item = readEquipmentItem(store.sqlite, 'EQ-BLD-010')!;
          const events = readEquipmentEvents(store.sqlite, item.id);
          equipmentStateOf(item, events);
          entries = events.map(logEntryOf).length;
          logbook.push(now() - logStarted);
        }
        if (batches !== BATCHES || entries !== LOG_ENTRIES)
          throw new Error(`seeded ${batches} batches, ${entries} entries`);
        const forwardSummary = summarize(forward);
        const logbookSummary = summarize(logbook);
        return {
          name: 'genealogy',
          description: `Forward genealogy of a lot used by ${BATCHES} batches, and an equipment logbook of ${LOG_ENTRIES} entries (read + status fold), encrypted store; budget p99 < ${BUDGET_MS} ms`,
          rows: [
            { measure: 'forward genealogy p50', value: forwardSummary.p50, unit: 'ms' },
            { measure: 'forward genealogy p99', value: forwardSummary.p99, unit: 'ms' },
            { measure: 'logbook p50', value: logbookSummary.p50, unit: 'ms' },
            { measure: 'logbook p99', value: logbookSummary.p99, unit: 'ms' },
          ],
          ratios: [],
          raw: { forward: rawMs(forward), logbook: rawMs(logbook), budgetMs: BUDGET_MS },
        };
      } finally {
        store.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
