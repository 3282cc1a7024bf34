/**
 * Batch record generation and export at scale: a synthetic 300-step recipe (instructions and
 * numeric entries with limits, in two operations) executed through the channels, its batch grown
 * to 3,000 audit rows (the extra rows written through audit.change, as value-recorded-sized
 * payloads), then, median of RUNS after a warm-up: the batch record PDF (read + electronic copy +
 * render), the electronic copy alone, and a full export (PDF and copy composed, package written
 * with fsync, read back and verified, renamed, audited) followed by the offline verifier.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchView } from '../../shared/contract/batches';
import type { RecipeVersionView } from '../../shared/contract/recipes';
import { manualClock } from '../../electron/core/clock';
import { applicationVersion } from '../../electron/core/app-version';
import { ConnectionHub } from '../../electron/core/connections';
import { verifyExportPackage } from '../../electron/core/export/verify-package';
import { SessionRegistry } from '../../electron/core/identity/sessions';
import { readBatchRecord } from '../../electron/core/records/batch-record-data';
import { batchAuditRows } from '../../electron/core/review/batch-audit-rows';
import { renderBatchRecordPdf } from '../../electron/core/records/batch-record-pdf';
import { RecordsService } from '../../electron/core/records/records-service';
import { createServices } from '../../electron/core/services';
import { TEST_START_MS, freshApp, temporaryFolder } from '../helpers/fresh-app';
import { activeUser, value } from '../helpers/identity';
import { median, nsToMs, now, type Benchmark, type BenchResult } from './stats';

const STEPS = 300;
const AUDIT_ROWS = 3000;
const WARM_UP = 2;
const RUNS = 3;

function syntheticRecipe() {
  const step = (index: number) =>
    index % 2 === 0
      ? {
          id: `s${index}`,
          type: 'instruction',
          title: `Instruction ${index + 1}: check the line and the status labels`,
          instruction: 'Follow SOP-PRD-014 §4. Confirm each label shows the batch number and product.',
        }
      : {
          id: `s${index}`,
          type: 'numeric',
          title: `In-process control ${index + 1}: temperature`,
          instruction: 'Read the value from the panel display.',
          unit: '°C',
          decimals: 1,
          limits: { min: 18, target: 21.5, max: 25 },
          onLimitViolation: 'deviation',
        };
  const half = STEPS / 2;
  return {
    format: 'ebr-recipe/1',
    header: {
      code: 'BENCH-300',
      name: 'Benchmark recipe with 300 steps',
      product: { code: 'BENCH-PRD', name: 'Benchmark product — µ-granulate ± 5 %' },
      versionLabel: '1.0',
      nominalBatchSize: { quantity: 100, unit: 'kg' },
    },
    materials: [],
    equipment: [],
    procedure: {
      operations: [
        { id: 'first_half', title: 'First half', steps: Array.from({ length: half }, (_, i) => step(i)) },
        {
          id: 'second_half',
          title: 'Second half',
          steps: Array.from({ length: half }, (_, i) => step(half + i)),
        },
      ],
    },
  };
}

async function timed<T>(action: () => Promise<T> | T): Promise<[number, T]> {
  const start = now();
  const result = await action();
  return [nsToMs(now() - start), result];
}

export const batchRecord: Benchmark = {
  name: 'batch-record',
  async run(): Promise<BenchResult> {
    const fresh = await freshApp({ terminalName: 'WS-BENCH-REC' });
    const out = temporaryFolder('ebr-bench-record-');
    try {
      const admin = await fresh.admin();
      const sven = await activeUser(fresh.app, admin, 'sven', ['supervisor']);
      const quinn = await activeUser(fresh.app, admin, 'quinn', ['qa']);
      const olga = await activeUser(fresh.app, admin, 'olga', ['operator']);
      const tina = await activeUser(fresh.app, admin, 'tina', ['technician']);
      const bytes = Buffer.from(JSON.stringify(syntheticRecipe()));
      const imported = value<RecipeVersionView>(
        await sven.connection.invoke('recipes.import', {
          fileName: 'bench-300.json',
          base64: bytes.toString('base64'),
        }),
      );
      value(await sven.connection.invoke('recipes.submit', { versionId: imported.id, reason: 'Benchmark' }));
      value(
        await quinn.connection.invoke('recipes.approve', {
          versionId: imported.id,
          comment: 'Benchmark',
          credentials: { kind: 'self', password: quinn.password },
        }),
      );
      value(
        await quinn.connection.invoke('recipes.makeEffective', {
          versionId: imported.id,
          reason: 'Benchmark',
        }),
      );
      let batch = value<BatchView>(
        await sven.connection.invoke('batches.create', {
          recipeVersionId: imported.id,
          batchNumber: 'BENCH-0300',
          plannedQuantity: 100,
          training: false,
        }),
      );
      const [executeMs] = await timed(async () => {
        batch = value<BatchView>(await olga.connection.invoke('batches.start', { batchId: batch.id }));
        for (let index = 0; index < STEPS; index++) {
          const stepId = `s${index}`;
          value(await olga.connection.invoke('batches.startStep', { batchId: batch.id, stepId }));
          const input =
            index % 2 === 0
              ? { type: 'instruction', acknowledged: true }
              : { type: 'numeric', value: (20 + (index % 40) / 10).toFixed(1) };
          value(
            await olga.connection.invoke('batches.completeStep', {
              batchId: batch.id,
              stepId,
              input,
              signatures: [],
            }),
          );
        }
      });
      const runtime = fresh.app.runtime!;
      const { sqlite } = runtime.store;
      const executedRows = batchAuditRows(sqlite, batch.id).length;
      runtime.audit.change({ userId: null, userName: 'benchmark' }, ({ record }) => {
        for (let n = executedRows; n < AUDIT_ROWS; n++) {
          record({
            action: 'batch.value-recorded',
            entityType: 'batch',
            entityId: batch.id,
            newValue: {
              stepId: `s${(n % STEPS) | 1}`,
              origin: 'manual',
              value: { type: 'numeric', text: '21.4', value: 21.4, unit: '°C', limits: { min: 18, max: 25 } },
              withinLimits: true,
              note: `synthetic row ${n} for the benchmark`,
            },
          });
        }
      });
      const auditRows = batchAuditRows(sqlite, batch.id).length;

      const clock = manualClock(TEST_START_MS + 86_400_000);
      const services = createServices(runtime, clock, new ConnectionHub(), new SessionRegistry());
      const records = new RecordsService({
        sqlite,
        views: services.batches.views,
        signatures: services.signatures,
        review: services.review,
        audit: runtime.audit,
        clock,
        terminal: runtime.terminal,
        applicationVersion,
      });
      const requester = { userId: null, username: 'bench', fullName: 'Benchmark' };
      const pdfMs: number[] = [];
      const copyMs: number[] = [];
      let pages = 0;
      let pdfBytes = 0;
      let copyBytes = 0;
      const readMs: number[] = [];
      const renderMs: number[] = [];
      const source = {
        sqlite,
        views: services.batches.views,
        signatures: services.signatures,
        thisTerminal: {
          id: runtime.terminal.id,
          name: runtime.terminal.name,
          keyFingerprint: runtime.terminal.key.fingerprint,
        },
      };
      for (let run = 0; run < WARM_UP + RUNS; run++) {
        const [ms, record] = await timed(() => records.batchRecord(batch.id, requester));
        const [copy] = await timed(() => records.electronicCopy(batch.id));
        // The phases of the PDF: reading the record (views, rows, verified signatures), then rendering.
        const [read, data] = await timed(() => readBatchRecord(source, batch.id));
        const [render] = await timed(() =>
          renderBatchRecordPdf({
            data,
            copySha256: record.copy.sha256,
            context: {
              generatedAtUtc: record.generatedAtUtc,
              timeZone: 'UTC',
              applicationVersion,
              generatedBy: 'Benchmark',
              terminalName: 'WS-BENCH-REC',
            },
          }),
        );
        if (run >= WARM_UP) {
          pdfMs.push(ms);
          copyMs.push(copy);
          readMs.push(read);
          renderMs.push(render);
        }
        pages = record.pageCount;
        pdfBytes = record.pdf.length;
        copyBytes = record.copy.bytes.length;
      }

      const tinaId = sqlite.prepare("SELECT id FROM users WHERE username = 'tina'").pluck().get() as string;
      const exporter = { userId: tinaId, username: 'tina', fullName: tina.user.fullName };
      const exportMs: number[] = [];
      const verifyMs: number[] = [];
      for (let run = 0; run < WARM_UP + RUNS; run++) {
        clock.advance(1000);
        const destination = join(out, `usb-${run}`);
        mkdirSync(destination);
        const [ms, result] = await timed(() => records.exportBatches(exporter, [batch.id], destination));
        const [verify, report] = await timed(() => verifyExportPackage(result.packages[0]!.directory));
        if (!report.valid)
          throw new Error(`bench package does not verify: ${JSON.stringify(report.problems)}`);
        if (run >= WARM_UP) {
          exportMs.push(ms);
          verifyMs.push(verify);
        }
        rmSync(destination, { recursive: true, force: true });
      }
      return {
        name: 'batch-record',
        description:
          `Batch record of a ${STEPS}-step batch with ${auditRows.toLocaleString('en-US')} audit rows ` +
          `(${pages} pages, ${(pdfBytes / 1e6).toFixed(2)} MB PDF, ${(copyBytes / 1e6).toFixed(2)} MB JSON): ` +
          `generation and full export into ${tmpdir()} (median of ${RUNS} after ${WARM_UP} warm-up)`,
        rows: [
          {
            measure: `batch record PDF, ${STEPS} steps, ${auditRows} audit rows (read + copy + render)`,
            value: median(pdfMs),
            unit: 'ms',
          },
          {
            measure: '  of which reading the record (views, rows, signatures verified)',
            value: median(readMs),
            unit: 'ms',
          },
          {
            measure: '  of which rendering the PDF (jsPDF + autotable)',
            value: median(renderMs),
            unit: 'ms',
          },
          { measure: 'electronic copy alone (read + canonical JSON)', value: median(copyMs), unit: 'ms' },
          {
            measure: 'full export (compose + write + fsync + read-back verify + rename + audit)',
            value: median(exportMs),
            unit: 'ms',
          },
          { measure: 'offline verify-export of that package', value: median(verifyMs), unit: 'ms' },
          { measure: 'PDF pages', value: pages, unit: 'pages' },
          {
            measure: `executing the ${STEPS} steps through the channels (once)`,
            value: executeMs,
            unit: 'ms',
          },
        ],
        ratios: [],
        raw: {
          steps: STEPS,
          auditRows,
          pages,
          pdfBytes,
          copyBytes,
          pdfMs,
          copyMs,
          exportMs,
          verifyMs,
          executeMs,
        },
      };
    } finally {
      await fresh.cleanup();
      rmSync(out, { recursive: true, force: true });
    }
  },
};
