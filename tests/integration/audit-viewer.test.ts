/**
 * The audit-trail viewer's backend over a real encrypted store: rows written the way the
 * application writes them (AuditTrail.change, hash chain, checkpoints, a clock set back once),
 * people created through the users channel, and the channels audit.query / audit.people /
 * audit.exportCsv / audit.exportPdf as a window calls them. The PDF is read back with poppler
 * (pdftotext, pdftoppm): header, filter, "Page x of y" on every page, accents, µ, ± and °C.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditFilter, AuditPage, ExportedFile, PersonRef } from '../../shared/contract/audit-trail';
import type { Connection } from '../../electron/core/app';
import {
  AUDIT_PDF_ROW_LIMIT,
  auditCsvBytes,
  exportAuditPdf,
  readExportRows,
} from '../../electron/core/audit/audit-export';
import { fontDirectoryCandidates } from '../../electron/core/audit/audit-pdf';
import { AuditQuery } from '../../electron/core/audit/audit-query';
import { freshApp, temporaryFolder, type FreshApp } from '../helpers/fresh-app';
import { createUser, value } from '../helpers/identity';

let fresh: FreshApp;
let admin: Connection;
let query: AuditQuery;
let zoe: { id: string; fullName: string };
let jurgen: { id: string; fullName: string };
const folder = temporaryFolder('ebr-audit-viewer-');

beforeAll(async () => {
  fresh = await freshApp({ terminalName: 'WS-GRAN-01' });
  admin = await fresh.admin();
  const z = await createUser(admin, 'zoe', ['operator'], { fullName: 'Zoë Ångström-Müller' });
  const j = await createUser(admin, 'jurgen', ['supervisor'], { fullName: 'Jürgen Weiß' });
  zoe = { id: z.id, fullName: z.fullName };
  jurgen = { id: j.id, fullName: j.fullName };
  const audit = fresh.app.runtime!.audit;
  // 120 weighings of batch B-2026-0042 by Zoë, each 10th corrected by Jürgen with a reason.
  for (let i = 1; i <= 120; i++) {
    fresh.clock.advance(60_000);
    if (i === 70) fresh.clock.advance(-2 * 3_600_000); // the workstation clock is corrected back by 2 h
    const corrected = i % 10 === 0;
    const actor = corrected ? jurgen : zoe;
    audit.change({ userId: actor.id, userName: actor.fullName }, ({ record }) => {
      record({
        action: corrected ? 'weighing.correct' : 'weighing.capture',
        entityType: 'weighing',
        entityId: `W-${String(i).padStart(4, '0')}`,
        oldValue: corrected
          ? { batch: 'B-2026-0042', net: 12.5, unit: 'µg', temperature: '21.0 °C' }
          : undefined,
        newValue: {
          batch: 'B-2026-0042',
          net: corrected ? 12.55 : 12 + i / 100,
          unit: 'µg',
          tolerance: '± 0.5 %',
          temperature: '21.4 °C',
          material: 'Magnésium stéarate',
        },
        reason: corrected ? `Transcription corrigée par ${jurgen.fullName} (± 0.05 µg)` : null,
      });
    });
  }
  query = new AuditQuery(fresh.app.runtime!.store.sqlite);
}, 120_000);

afterAll(async () => {
  await fresh?.cleanup();
  rmSync(folder, { recursive: true, force: true });
});

const invoke = async <T>(channel: string, input: unknown): Promise<T> =>
  value<T>(await admin.invoke(channel as never, input as never));

describe('audit.query and audit.people over the encrypted store', () => {
  it('pages newest first with filters, as AuditQuery does', async () => {
    const total = query.headSeq();
    const seen: number[] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const page = await invoke<AuditPage>('audit.query', {
        filter: {},
        pageSize: 37,
        ...(beforeSeq ? { beforeSeq } : {}),
      });
      seen.push(...page.rows.map((row) => row.seq));
      if (page.nextBeforeSeq === null) break;
      beforeSeq = page.nextBeforeSeq;
    }
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => total - i));

    const corrections = await invoke<AuditPage>('audit.query', {
      filter: { userId: jurgen.id, action: 'weighing.correct', text: 'corrigée' },
      pageSize: 50,
    });
    expect(corrections.rows).toHaveLength(12);
    expect(corrections.rows.every((row) => row.userName === 'Jürgen Weiß' && row.oldValue !== null)).toBe(
      true,
    );
    expect(corrections.rows[0]!.newValue).toContain('"unit":"µg"');
    expect(corrections.nextBeforeSeq).toBeNull();

    // Accent- and case-blind, prefix search; the person's printed name is searchable.
    const byName = await invoke<AuditPage>('audit.query', {
      filter: { text: 'angstrom mull' },
      pageSize: 500,
    });
    // Her 108 weighings (printed name) and the row that created her account (name in the new value).
    expect(byName.rows.filter((row) => row.entityType === 'weighing' && row.userId === zoe.id)).toHaveLength(
      108,
    );
    expect(byName.rows.filter((row) => row.entityType !== 'weighing').map((row) => row.entityId)).toEqual([
      zoe.id,
    ]);
    const weighing = await invoke<AuditPage>('audit.query', {
      filter: { entityType: 'weighing', entityId: 'W-0070' },
      pageSize: 50,
    });
    expect(weighing.rows.map((row) => row.entityId)).toEqual(['W-0070']);
  });

  it('filters by time across the clock correction (rows written before and after it)', async () => {
    const rows = fresh.app
      .runtime!.store.sqlite.prepare(
        "SELECT seq, at_utc AS atUtc FROM audit_trail WHERE action LIKE 'weighing.%' ORDER BY seq",
      )
      .all() as { seq: number; atUtc: string }[];
    const step = rows.findIndex((row, i) => i > 0 && row.atUtc < rows[i - 1]!.atUtc);
    expect(step).toBeGreaterThan(0);
    const filter: AuditFilter = {
      fromUtc: rows[step]!.atUtc,
      toUtc: rows[step - 1]!.atUtc,
      entityType: 'weighing',
    };
    const expected = rows
      .filter((row) => row.atUtc >= filter.fromUtc! && row.atUtc <= filter.toUtc!)
      .map((row) => row.seq)
      .reverse();
    expect(expected.some((seq) => seq < rows[step]!.seq)).toBe(true);
    expect(expected.some((seq) => seq >= rows[step]!.seq)).toBe(true);
    const page = await invoke<AuditPage>('audit.query', { filter, pageSize: 500 });
    expect(page.rows.map((row) => row.seq)).toEqual(expected);
  });

  it('lists people by full name for the user filter', async () => {
    const people = await invoke<PersonRef[]>('audit.people', {});
    expect(people.map((person) => person.fullName)).toEqual([
      'Ada Administrator',
      'Jürgen Weiß',
      'Zoë Ångström-Müller',
    ]);
    expect(people.find((person) => person.username === 'zoe')?.id).toBe(zoe.id);
  });

  it('refuses FTS syntax that has no words as VALIDATION_FAILED', async () => {
    const result = await admin.invoke('audit.query', { filter: { text: '"*"' }, pageSize: 50 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('VALIDATION_FAILED');
  });
});

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

describe('exports', () => {
  it('exports the filtered view as CSV through the channel', async () => {
    const file = await invoke<ExportedFile>('audit.exportCsv', { filter: { userId: zoe.id } });
    expect(file.mediaType).toBe('text/csv');
    expect(file.fileName).toMatch(/^audit-trail-\d{8}T\d{6}Z\.csv$/);
    expect(file.rowCount).toBe(108);
    expect(file.truncated).toBe(false);
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFFSeq,Time (UTC),User,Printed name,')).toBe(true);
    expect(text).toContain(',zoe,Zoë Ångström-Müller,WS-GRAN-01,weighing.capture,weighing,W-0119,,');
    expect(text.split('\r\n')).toHaveLength(108 + 2);
  });

  it('renders a PDF report that poppler reads back: header, filter, pages, accents, µ ± °C, totals', () => {
    const context = {
      terminalName: 'WS-GRAN-01',
      exportedBy: 'Ada Administrator',
      exportedAtUtc: '2026-11-02T09:30:00.000Z',
      applicationVersion: '0.1.0',
      timeZone: 'Europe/Berlin',
    };
    const filter: AuditFilter = { entityType: 'weighing', text: 'B-2026-0042' };
    const file = exportAuditPdf(query, filter, context);
    expect(file).toMatchObject({
      mediaType: 'application/pdf',
      rowCount: 120,
      truncated: false,
      rowLimit: AUDIT_PDF_ROW_LIMIT,
    });
    expect(file.fileName).toBe('audit-trail-20261102T093000Z.pdf');
    const bytes = Buffer.from(file.base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdfFile = join(folder, 'report.pdf');
    writeFileSync(pdfFile, bytes);

    const text = pdfText(pdfFile);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Page ${page} of ${pages}`);
    expect(text.split('\f').filter((page) => page.trim()).length).toBe(pages);
    expect(text).toContain('Audit trail report');
    expect(text).toContain('Filter: Entity: weighing · Text contains words starting with: “B-2026-0042”');
    expect(text).toContain(
      'Exported by Ada Administrator on terminal WS-GRAN-01 at 2026-11-02T09:30:00.000Z UTC',
    );
    expect(text).toContain('Europe/Berlin');
    expect(text).toContain('EBR Workstation 0.1.0');
    expect(text).toContain('Zoë Ångström-Müller');
    expect(text).toContain('Jürgen Weiß');
    expect(text).toContain('unit: µg');
    expect(text).toContain('tolerance: ± 0.5 %');
    expect(text).toContain('temperature: 21.4 °C');
    expect(text).toContain('Magnésium stéarate');
    expect(text).toContain('• net: 12.55'); // a changed field is marked
    expect(text).toContain('120 rows, newest first');

    // The closing block: count, newest row's hash, and the SHA-256 of the same rows as CSV.
    const rows = readExportRows(query, filter, AUDIT_PDF_ROW_LIMIT).rows;
    const csvSha256 = createHash('sha256').update(auditCsvBytes(rows)).digest('hex');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(
      `Rows in this report: 120 (seq ${rows[rows.length - 1]!.seq} to ${rows[0]!.seq}). Complete for this filter.`,
    );
    expect(flat).toContain(`Hash of the newest row included (seq ${rows[0]!.seq}): ${rows[0]!.hash}`);
    expect(flat).toContain(csvSha256);

    // Same input, same bytes (dates and file id come from the export context).
    expect(exportAuditPdf(query, filter, context).base64).toBe(file.base64);

    // Page 1 renders.
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfFile, join(folder, 'page')]);
    const png = readdirSync(folder).find((name) => name.startsWith('page') && name.endsWith('.png'));
    expect(png).toBeDefined();
    expect(statSync(join(folder, png!)).size).toBeGreaterThan(10_000);
  });

  it('exports through the channel, and an empty view as a one-page report saying so', async () => {
    const file = await invoke<ExportedFile>('audit.exportPdf', { filter: { text: 'nothing-matches-this' } });
    expect(file.rowCount).toBe(0);
    const pdfFile = join(folder, 'empty.pdf');
    writeFileSync(pdfFile, Buffer.from(file.base64, 'base64'));
    const text = pdfText(pdfFile);
    expect(text).toContain('No audit rows match this filter');
    expect(text).toContain('Page 1 of 1');
    expect(text).toContain('Exported by Ada Administrator');
  });

  it('finds its fonts in the repository when run from source', () => {
    const found = fontDirectoryCandidates().filter((dir) => {
      try {
        return readFileSync(join(dir, 'DejaVuSans.ttf')).length > 100_000;
      } catch {
        return false;
      }
    });
    expect(found.some((dir) => dir.replace(/\\/g, '/').endsWith('resources/fonts/'))).toBe(true);
  });
});
