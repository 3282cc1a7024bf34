/**
 * Bidirectional controls are accepted but cannot disguise text (A11-5, issue 13): the audit PDF and
 * the batch-record page frame show them escaped ("⟨U+202E⟩"), read back with poppler's pdftotext;
 * the stored record and the CSV export keep them exactly as entered (never rewritten).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/app';
import { drawFrames, newReportDocument, ReportFlow } from '../../electron/core/records/report-frame';
import type { ExportedFile } from '../../shared/contract/audit-trail';
import type { UserSummary } from '../../shared/contract/identity';
import { visibleText } from '../../shared/text/display-text';
import { freshApp, temporaryFolder, type FreshApp } from '../helpers/fresh-app';
import { value } from '../helpers/identity';

const RLO = '\u202E';
const PDF = '\u202C';
const LRI = '\u2066';
const PDI = '\u2069';
/** Reads "Lot 1.50 kg" on screen with the override; the digits and unit reversed in memory. */
const DISGUISED_NAME = `Mallory ${RLO}gk 05.1${PDF} Evil`;
const REASON = `Hire ${LRI}approved${PDI} today`;

const folder = temporaryFolder('ebr-visible-text-');
let fresh: FreshApp;
let admin: Connection;

beforeAll(async () => {
  fresh = await freshApp();
  admin = await fresh.admin();
}, 60_000);

afterAll(async () => {
  await fresh?.cleanup();
  rmSync(folder, { recursive: true, force: true });
});

function pdfText(name: string, bytes: Buffer): string {
  const file = join(folder, name);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  );
}

describe('visibleText()', () => {
  it('escapes the embeddings, overrides and isolates, and controls; leaves everything else', () => {
    expect(visibleText(DISGUISED_NAME)).toBe('Mallory ⟨U+202E⟩gk 05.1⟨U+202C⟩ Evil');
    expect(visibleText('\u202A\u202B\u202D\u2067\u2068')).toBe('⟨U+202A⟩⟨U+202B⟩⟨U+202D⟩⟨U+2067⟩⟨U+2068⟩');
    expect(visibleText('old\u0000row\u0085')).toBe('old⟨U+0000⟩row⟨U+0085⟩');
    const plain = 'Größe\t± 5 µg\nעברית العربية 😀';
    expect(visibleText(plain)).toBe(plain);
    // Idempotent: drawing code may apply it twice (wrap, then draw).
    expect(visibleText(visibleText(DISGUISED_NAME))).toBe(visibleText(DISGUISED_NAME));
  });
});

describe('the audit trail', () => {
  it('stores the text as entered; the CSV keeps it; the PDF shows it escaped', async () => {
    const user = value<UserSummary>(
      await admin.invoke('users.create', {
        username: 'mallory',
        fullName: DISGUISED_NAME,
        roles: ['operator'],
        temporaryPassword: 'Temp-Pass-77',
        reason: REASON,
      }),
    );
    expect(user.fullName).toBe(DISGUISED_NAME);
    const reason = fresh.app
      .runtime!.store.sqlite.prepare(
        "SELECT reason FROM audit_trail WHERE action = 'user.created' AND entity_id = ?",
      )
      .pluck()
      .get(user.id);
    expect(reason).toBe(REASON);

    const csv = value<ExportedFile>(await admin.invoke('audit.exportCsv', { filter: { entityId: user.id } }));
    const csvText = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(csvText).toContain(REASON);
    expect(csvText).toContain(RLO);

    const pdf = value<ExportedFile>(await admin.invoke('audit.exportPdf', { filter: { entityId: user.id } }));
    const text = pdfText('audit.pdf', Buffer.from(pdf.base64, 'base64'));
    // The narrow reason column wraps between words: compare without the spaces.
    expect(text.replace(/ /g, '')).toContain('Hire⟨U+2066⟩approved⟨U+2069⟩today');
    expect(text).toContain('Mallory ⟨U+202E⟩gk 05.1⟨U+202C⟩ Evil');
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});

describe('the batch record report frame (batch record, paper continuation and review PDFs)', () => {
  it('escapes in headers, paragraphs and tables alike, and wraps by the escaped width', () => {
    const generatedAtUtc = '2026-11-02T08:00:00.000Z';
    const doc = newReportDocument({
      title: 'Batch record',
      subject: 'test',
      author: 'test',
      creator: 'test',
      generatedAtUtc,
      contentKey: 'visible-text',
    });
    const flow = new ReportFlow(doc);
    flow.heading(`Comments ${RLO}1${PDF}`);
    flow.paragraph(`Comment by ${DISGUISED_NAME}: ${'long text '.repeat(30)}${LRI}end${PDI}`);
    flow.table({ head: [['Who', 'Comment']], body: [[DISGUISED_NAME, REASON]] });
    drawFrames(doc, {
      title: 'Batch record',
      productCode: 'P-1',
      productName: `Product ${RLO}X${PDF}`,
      batchNumber: 'B2026-0001',
      recipeCode: 'R-1',
      recipeVersionLabel: '1.0',
      status: 'in progress',
      training: false,
      generatedAtUtc,
      timeZone: 'UTC',
      footerLines: ['integrity'],
    });
    const bytes = Buffer.from(doc.output('arraybuffer'));
    const text = pdfText('frame.pdf', bytes);
    expect(text).toContain('Comments ⟨U+202E⟩1⟨U+202C⟩');
    expect(text).toContain('Product ⟨U+202E⟩X⟨U+202C⟩');
    expect(text).toContain('⟨U+2066⟩end⟨U+2069⟩');
    expect(text).toContain('Mallory ⟨U+202E⟩gk 05.1⟨U+202C⟩ Evil');
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    const shots = join(import.meta.dirname, '..', '..', 'screenshots', 'pdf');
    mkdirSync(shots, { recursive: true });
    writeFileSync(join(shots, 'visible-text-frame.pdf'), bytes);
  });
});
