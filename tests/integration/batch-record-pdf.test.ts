/**
 * The batch record PDF, its electronic copy and the paper continuation record of a realistic batch
 * (the 49-step wet granulation, executed through the channels with co-signed manual weighings, a
 * deviation, an override, timers, a comment and a correction that recomputes the yield), read back
 * with poppler's pdftotext / pdfinfo and rendered with pdftoppm into screenshots/pdf/.
 */
process.env.TZ = 'Europe/Paris';

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/canonical-json';
import type { BatchView } from '../../shared/contract/batches';
import type { RecordFile } from '../../shared/contract/records';
import type { SignatureView } from '../../shared/contract/signatures';
import { meaningLabels } from '../../shared/signatures';
import { utcText as utcTextOf, zonedText } from '../../electron/core/records/record-facts';
import { readBatchRecord } from '../../electron/core/records/batch-record-data';
import { renderBatchRecordPdf } from '../../electron/core/records/batch-record-pdf';
import { electronicCopyOf } from '../../electron/core/records/electronic-copy';
import { ConnectionHub } from '../../electron/core/connections';
import { SessionRegistry } from '../../electron/core/identity/sessions';
import { createServices } from '../../electron/core/services';
import { formatFingerprint } from '../../electron/core/terminal/terminal-key';
import { temporaryFolder } from '../helpers/fresh-app';
import { auditRowsAfter, expectError, value } from '../helpers/identity';
import {
  executeBatch,
  recordFloor,
  WET_GRANULATION,
  WET_GRANULATION_CORRECTION,
  WET_GRANULATION_PLAN,
  waitMinutes,
  type RecordFloor,
} from '../helpers/executed-batch';
import {
  decide,
  INVESTIGATION_REFERENCE,
  REJECT_COMMENT,
  RELEASE_COMMENT,
  reviewAndRelease,
  reviewOf,
} from '../helpers/reviewed-batch';

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'screenshots', 'pdf');

let floor: RecordFloor;
let batch: BatchView;
let inProgress: BatchView;
let training: BatchView;
const folder = temporaryFolder('ebr-record-pdf-');

interface ReadPdf {
  file: string;
  pages: number;
  /** `pdftotext -layout`, one entry per page. */
  layoutPages: string[];
  /** `pdftotext -raw` with every run of white space made one space: wrapped cells read as one text. */
  flat: string;
}

function readPdf(name: string, record: RecordFile): ReadPdf {
  const file = join(folder, name);
  writeFileSync(file, Buffer.from(record.base64, 'base64'));
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
  const layout = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const raw = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { file, pages, layoutPages: layout.split('\f').slice(0, pages), flat: flat(raw) };
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

function everySignature(view: BatchView): SignatureView[] {
  return [
    ...view.steps.flatMap((step) => step.entries.flatMap((entry) => entry.signatures)),
    ...view.exceptions.flatMap((exception) => exception.signatures),
    ...view.signatures,
  ];
}

async function batchPdf(batchId: string, connection = floor.quinn.connection): Promise<RecordFile> {
  return value<RecordFile>(await connection.invoke('records.batchPdf', { batchId }));
}

beforeAll(async () => {
  floor = await recordFloor();
  batch = await executeBatch(floor, WET_GRANULATION, 'B2026-0042');
  inProgress = await executeBatch(floor, WET_GRANULATION, 'B2026-0043', {
    stopAt: 'gran_impeller',
    correction: null,
  });
  training = await executeBatch(floor, WET_GRANULATION, 'T2026-0007', {
    training: true,
    stopAt: 'lot_pvp',
    correction: null,
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Only this file's own renderings: other suites (the review summary) write here at the same time.
  for (const name of readdirSync(SCREENSHOTS)) {
    if (/^(batch-record|paper-continuation|training|instrument)/.test(name)) rmSync(join(SCREENSHOTS, name));
  }
}, 300_000);

afterAll(async () => {
  await floor?.fresh.cleanup();
  rmSync(folder, { recursive: true, force: true });
});

describe('batch record PDF of an executed wet granulation batch', () => {
  let pdf: ReadPdf;
  let record: RecordFile;

  beforeAll(async () => {
    record = await batchPdf(batch.id);
    pdf = readPdf('batch-record.pdf', record);
  }, 120_000);

  it('executed every step, with the scenario in it', () => {
    expect(batch.status).toBe('execution-complete');
    expect(batch.stepsCompleted).toBe(49);
    const handled = batch.exceptions.filter((exception) => exception.handling !== 'record');
    expect(handled.map((exception) => [exception.stepId, exception.handling])).toEqual([
      ['room_temp', 'deviation'],
      ['lod', 'override'],
    ]);
    // Every value typed by hand where a balance or instrument was expected is noted for review.
    expect(batch.exceptions.filter((exception) => exception.type === 'manual-entry').length).toBeGreaterThan(
      5,
    );
    const corrected = batch.steps.find((step) => step.id === WET_GRANULATION_CORRECTION.stepId)!;
    expect(corrected.entries.map((entry) => entry.kind)).toEqual(['original', 'correction']);
    const yieldStep = batch.steps.find((step) => step.id === 'yield_pct')!;
    expect(yieldStep.entries.map((entry) => entry.kind)).toEqual(['original', 'recomputed']);
  });

  it('says "Page N of M" on every page, M being the page count pdfinfo reads', () => {
    expect(pdf.pages).toBeGreaterThan(8);
    expect(record.pageCount).toBe(pdf.pages);
    pdf.layoutPages.forEach((text, index) => {
      expect(text, `page ${index + 1}`).toContain(`Page ${index + 1} of ${pdf.pages}`);
      // The header: product, batch number, recipe code and version, status, generation time in UTC and zone.
      expect(text).toContain('Batch B2026-0042');
      expect(text).toContain('Recipe MR-PCM500-GRB version 3.0');
      expect(text).toContain('Status: Execution complete');
      expect(text).toMatch(/Generated 2026-11-02 \d\d:\d\d:\d\d UTC · 2026-11-02 \d\d:\d\d:\d\d CET/);
      expect(text).toContain('BLK-PCM500');
      expect(text).not.toContain('TRAINING');
    });
  });

  it('contains every value of every step, superseded originals included, with units and limits', () => {
    for (const step of batch.steps) {
      expect(pdf.flat, step.id).toContain(flat(step.definition.title));
      for (const entry of step.entries)
        expect(pdf.flat, `${step.id} ${entry.kind}`).toContain(flat(entry.display));
    }
    expect(pdf.flat).toContain('25.6 °C');
    expect(pdf.flat).toContain('18.0 – 25.0 °C');
    expect(pdf.flat).toContain('OUT OF LIMITS');
    expect(pdf.flat).toContain('Within limits');
    expect(pdf.flat).toContain('Manual');
    expect(pdf.flat).toContain('Computed');
    expect(pdf.flat).toContain('Clock');
  });

  it('shows every signature with printed name, meaning and date and time in the terminal zone', () => {
    const signatures = everySignature(batch);
    expect(signatures.length).toBeGreaterThan(25);
    const lines = pdf.layoutPages.flatMap((page) => page.split('\n')).map(flat);
    for (const signature of signatures) {
      const when = zonedText(signature.signedAtUtc, signature.timeZone);
      expect(when).toMatch(/ CET$/);
      const line = lines.find(
        (candidate) =>
          candidate.includes(signature.signerName) &&
          candidate.includes(meaningLabels[signature.meaning]) &&
          candidate.includes(when),
      );
      expect(line, `${signature.signerName} ${signature.meaning} ${when}`).toBeDefined();
      expect(pdf.flat).toContain(flat(signature.statement));
    }
    for (const name of ['Olga Ölander', 'Oscar Núñez', 'Sven Sjöström']) {
      expect(
        signatures.some((signature) => signature.signerName === name),
        name,
      ).toBe(true);
    }
  });

  it('lists every exception with its type, severity, handling, comment and disposition', () => {
    for (const exception of batch.exceptions) {
      expect(pdf.flat).toContain(flat(exception.description));
      expect(pdf.flat).toContain(`Severity: ${exception.severity}`);
      expect(pdf.flat).toContain(`Handling: ${exception.handling}`);
      if (exception.comment) expect(pdf.flat).toContain(flat(exception.comment));
    }
    expect(pdf.flat).toContain(flat(WET_GRANULATION_PLAN.room_temp!.deviationComment!));
    expect(pdf.flat).toContain(flat(WET_GRANULATION_PLAN.lod!.overrideReason!));
    expect(pdf.flat).toContain('Open');
  });

  it('marks the correction: the original struck through, who, when, why, "changed since original entry"', () => {
    const step = batch.steps.find((candidate) => candidate.id === WET_GRANULATION_CORRECTION.stepId)!;
    const [original, correction] = step.entries;
    expect(pdf.flat).toContain(
      `${original!.display} 12.375 – 12.625 kg (target 12.500) Superseded (was: Within limits)`,
    );
    expect(pdf.flat).toContain(flat(WET_GRANULATION_CORRECTION.reason));
    expect(pdf.flat).toContain('CHANGED SINCE ORIGINAL ENTRY — correction');
    expect(pdf.flat).toContain(`changed to “${correction!.display}” by Olga Ölander`);
    expect(pdf.flat).toContain('Corrected — changed since original entry');
    // The calculation that read it is flagged as recomputed.
    expect(pdf.flat).toContain('CHANGED SINCE ORIGINAL ENTRY — recomputed calculation');
    expect(pdf.flat).toContain('Recomputed (calculation) — changed since original entry');
  });

  it('has materials with lots and quantities, equipment, yield, comments and the audit trail', () => {
    for (const step of batch.steps.filter((s) => s.definition.type === 'scan')) {
      expect(pdf.flat).toContain(step.current!.display);
    }
    for (const code of ['RM-1001', 'RM-2040', 'EQ-GRN-001', 'EQ-BAL-150', 'EQ-MAO-001'])
      expect(pdf.flat).toContain(code);
    expect(pdf.flat).toContain('98.76 kg = 98.8 % of theoretical');
    expect(pdf.flat).toContain('µ-fines');
    const rows = floor.fresh.app
      .runtime!.store.sqlite.prepare(
        "SELECT seq, action FROM audit_trail WHERE entity_type = 'batch' AND entity_id = ?",
      )
      .all(batch.id) as { seq: number; action: string }[];
    expect(rows.length).toBeGreaterThan(50);
    for (const row of rows) expect(pdf.flat).toContain(`${row.seq} `);
    expect(pdf.flat).toContain('batch.execution-completed');
  });

  it('ends with an integrity footer: the electronic copy’s SHA-256 and the terminal key fingerprint', async () => {
    const copy = value<RecordFile>(
      await floor.quinn.connection.invoke('records.electronicCopy', { batchId: batch.id }),
    );
    const bytes = Buffer.from(copy.base64, 'base64');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(copy.sha256);
    expect(copy.sha256).toBe(record.electronicCopySha256);
    const fingerprint = formatFingerprint(floor.fresh.app.runtime!.terminal.key.fingerprint);
    for (const page of pdf.layoutPages) {
      expect(page).toContain(`SHA-256: ${copy.sha256}`);
      expect(page).toContain(fingerprint);
    }
  });

  it('renders Unicode (accents, µ, ±, °C) as stored', () => {
    expect(pdf.flat).toContain('Quinn Quérard');
    expect(pdf.flat).toContain('± 1');
    expect(pdf.flat).toContain('°C');
    expect(pdf.flat).toContain('Granulé conforme');
  });

  it('is the same bytes for the same store and clock, and the copy changes with the record', async () => {
    const again = await batchPdf(batch.id);
    expect(again.base64).toBe(record.base64);
    const copy = () => floor.quinn.connection.invoke('records.electronicCopy', { batchId: batch.id });
    const first = value<RecordFile>(await copy());
    expect(value<RecordFile>(await copy()).base64).toBe(first.base64);
    value(await floor.olga.connection.invoke('batches.comment', { batchId: batch.id, text: 'Drums sealed' }));
    expect(value<RecordFile>(await copy()).sha256).not.toBe(first.sha256);
  });

  it('renders page 1 and a signature page to screenshots/pdf/', () => {
    const signaturePage =
      pdf.layoutPages.findIndex((page) => /\n\s*Signatures\n/.test(page) && page.includes('Printed name')) +
      1;
    expect(signaturePage).toBeGreaterThan(1);
    const render = (page: number, name: string) => {
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '110',
        '-f',
        String(page),
        '-l',
        String(page),
        '-singlefile',
        pdf.file,
        join(SCREENSHOTS, name),
      ]);
    };
    render(1, 'batch-record-page-1');
    render(signaturePage, 'batch-record-signatures');
    const stepsPage = pdf.layoutPages.findIndex((page) => page.includes('Dispensing')) + 1;
    render(stepsPage, 'batch-record-steps');
    const auditPage =
      pdf.layoutPages.findIndex(
        (page) => page.includes('Audit trail of the batch') && page.includes('Old value'),
      ) + 1;
    render(auditPage, 'batch-record-audit-trail');
    // The whole PDF too, to page through (screenshots/ is not committed).
    copyFileSync(pdf.file, join(SCREENSHOTS, 'batch-record.pdf'));
    const changedPage =
      pdf.layoutPages.findIndex(
        (page) => page.includes('Changes since original entry') && page.includes('Original value'),
      ) + 1;
    render(changedPage, 'batch-record-changes');
    const names = readdirSync(SCREENSHOTS);
    expect(names).toEqual(expect.arrayContaining(['batch-record-page-1.png', 'batch-record-signatures.png']));
  });
});

describe('data origin of instrument values', () => {
  it('names the instrument (asset id) and its serial number, and lists it as equipment used', () => {
    const runtime = floor.fresh.app.runtime!;
    const services = createServices(runtime, floor.fresh.clock, new ConnectionHub(), new SessionRegistry());
    const data = readBatchRecord(
      {
        sqlite: runtime.store.sqlite,
        views: services.batches.views,
        signatures: services.signatures,
        thisTerminal: {
          id: runtime.terminal.id,
          name: runtime.terminal.name,
          keyFingerprint: runtime.terminal.key.fingerprint,
        },
      },
      batch.id,
    );
    // As a balance capture records it (the capture itself comes with the device channels).
    const step = data.view.steps.find((candidate) => candidate.id === 'w_api')!;
    const entry = step.entries[0]!;
    entry.origin = 'instrument';
    (entry.value as Record<string, unknown>).instrument = {
      captureId: 'c-1',
      instrumentId: '6f1c2a4e-0000-4000-8000-000000000001',
      assetId: 'EQ-BAL-150',
      serialNumber: 'B947362511',
      model: 'IND570',
      protocol: 'mt-sics',
      port: '/dev/ttyUSB0',
      rawHex: '5320532020202038302E303020206B670D0A',
      receivedAtUtc: entry.enteredAtUtc,
    };
    const copy = electronicCopyOf(data, '0.1.0');
    const rendered = renderBatchRecordPdf({
      data,
      copySha256: copy.sha256,
      context: {
        generatedAtUtc: '2026-11-02T12:00:00.000Z',
        timeZone: 'Europe/Paris',
        applicationVersion: '0.1.0',
        generatedBy: 'Test',
        terminalName: 'WS-GRAN-02',
      },
    });
    const file = join(SCREENSHOTS, 'instrument.pdf');
    writeFileSync(file, rendered.bytes);
    const text = flat(
      execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }),
    );
    expect(text).toContain(
      '80.00 kg net 79.60 – 80.40 kg (target 80.00) Within limits Instrument EQ-BAL-150 S/N B947362511',
    );
    expect(text).toContain('Weighed: “Dispense paracetamol”, instrument S/N B947362511');
    expect(JSON.parse(copy.bytes.toString('utf8')).steps[8].entries[0].value.instrument.rawHex).toBe(
      '5320532020202038302E303020206B670D0A',
    );
  });
});

describe('the electronic copy', () => {
  it('holds the whole record as canonical JSON: entries, raw signatures, exceptions, audit rows, checkpoint', async () => {
    const copy = value<RecordFile>(
      await floor.sven.connection.invoke('records.electronicCopy', { batchId: batch.id }),
    );
    const text = Buffer.from(copy.base64, 'base64').toString('utf8');
    const document = JSON.parse(text);
    expect(canonicalJson(document)).toBe(text);
    expect(document.format).toBe('ebr-batch-record/1');
    expect(document.batch.batchNumber).toBe('B2026-0042');
    expect(createHash('sha256').update(canonicalJson(document.recipe.content)).digest('hex')).toBe(
      document.recipe.contentHash,
    );
    expect(document.steps).toHaveLength(49);
    const corrected = document.steps.find(
      (step: { id: string }) => step.id === WET_GRANULATION_CORRECTION.stepId,
    );
    expect(corrected.entries.map((entry: { superseded: boolean }) => entry.superseded)).toEqual([
      true,
      false,
    ]);
    expect(corrected.definition.type).toBe('weighing');
    const signature = corrected.entries[0].signatures[0];
    expect(signature.signature).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(signature.verification).toEqual({ valid: true, problem: null });
    expect(document.exceptions).toHaveLength(batch.exceptions.length);
    expect(document.exceptions[0]).toHaveProperty('dispositionComment', null);
    const rows = document.auditTrail.rows as { seq: number; hash: string; prevHash: string }[];
    expect(rows.length).toBe(document.auditTrail.rowCount);
    expect(rows.map((row) => row.seq)).toEqual([...rows.map((row) => row.seq)].sort((a, b) => a - b));
    expect(document.auditChainCheckpoint.auditSeq).toBeGreaterThanOrEqual(rows.at(-1)!.seq);
    expect(document.auditChainCheckpoint.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(document.terminals[0].publicKeyPem).toContain('BEGIN PUBLIC KEY');
  });
});

describe('training batches and permissions', () => {
  it('watermarks every page of a training batch with TRAINING', async () => {
    const pdf = readPdf('training.pdf', await batchPdf(training.id));
    expect(training.training).toBe(true);
    pdf.layoutPages.forEach((page, index) => {
      expect(page, `page ${index + 1}`).toContain('TRAINING BATCH — NOT A GMP RECORD');
      expect(page).toContain(`Page ${index + 1} of ${pdf.pages}`);
    });
    const raw = execFileSync('pdftotext', ['-raw', pdf.file, '-'], { encoding: 'utf8' }).split('\f');
    // The diagonal watermark reads as one letter per line.
    for (const page of raw.slice(0, pdf.pages)) expect(page).toMatch(/T\s+R\s+A\s+I\s+N\s+I\s+N\s+G/);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf.file,
      join(SCREENSHOTS, 'training-page-1'),
    ]);
  });

  it('is readable with batches.read only', async () => {
    value(await floor.olga.connection.invoke('records.batchPdf', { batchId: batch.id }));
    expectError(await floor.admin.invoke('records.batchPdf', { batchId: batch.id }), 'FORBIDDEN');
    expectError(
      await floor.quinn.connection.invoke('records.batchPdf', {
        batchId: '00000000-0000-4000-8000-000000000000',
      }),
      'NOT_FOUND',
    );
  });
});

describe('paper continuation record (A11-16)', () => {
  it('prints the state and the remaining steps with boxes for values, initials and signatures', async () => {
    const before = auditRowsAfter(floor.fresh.app).length;
    const record = value<RecordFile>(
      await floor.sven.connection.invoke('records.paperContinuation', { batchId: inProgress.id }),
    );
    const pdf = readPdf('paper.pdf', record);
    const remaining = inProgress.steps.filter((step) => step.status !== 'completed');
    expect(remaining[0]!.id).toBe('gran_impeller');
    expect(remaining[0]!.status).toBe('in-progress');
    for (const step of remaining)
      expect(pdf.flat, step.id).toContain(`${step.position + 1}. ${flat(step.definition.title)}`);
    for (const step of inProgress.steps.filter((s) => s.status === 'completed')) {
      expect(pdf.flat).toContain(flat(step.current!.display));
    }
    const required = remaining.reduce(
      (sum, step) =>
        sum +
        1 +
        step.definition.signatures.filter((s) => s.meaning !== 'performed' || s.distinctFromPerformer).length,
      0,
    );
    expect(pdf.flat.match(/Printed name/g)!.length).toBeGreaterThanOrEqual(required);
    expect(pdf.flat.match(/Initials/g)!.length).toBeGreaterThanOrEqual(required);
    expect(pdf.flat).toContain('Verified — by Supervisor, not the performer');
    expect(pdf.flat).toContain('IN PROGRESS when printed, started by Olga Ölander');
    pdf.layoutPages.forEach((page, index) => expect(page).toContain(`Page ${index + 1} of ${pdf.pages}`));
    copyFileSync(pdf.file, join(SCREENSHOTS, 'paper-continuation.pdf'));
    const audited = auditRowsAfter(floor.fresh.app).slice(before);
    expect(audited.map((row) => row.action)).toEqual(['batch.paper-continuation-printed']);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '110',
      '-f',
      '3',
      '-l',
      '3',
      '-singlefile',
      pdf.file,
      join(SCREENSHOTS, 'paper-continuation-page-3'),
    ]);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf.file,
      join(SCREENSHOTS, 'paper-continuation-page-1'),
    ]);
  });

  it('is refused for a batch whose execution is complete', async () => {
    const error = expectError(
      await floor.sven.connection.invoke('records.paperContinuation', { batchId: batch.id }),
      'CONFLICT',
    );
    expect(error.message).toContain('Print the batch record instead');
  });
});

describe('QA’s decision on the first page (A11-15)', () => {
  let released: BatchView;
  let rejected: BatchView;

  const firstPage = (file: string) =>
    execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', file, '-'], { encoding: 'utf8' });

  beforeAll(async () => {
    released = await executeBatch(floor, WET_GRANULATION, 'B2026-0044');
    await waitMinutes(floor, 90);
    await reviewAndRelease(floor, released.id);
    rejected = await executeBatch(floor, WET_GRANULATION, 'B2026-0045', { correction: null });
    await decide(floor, rejected.id, 'rejected');
  }, 300_000);

  it('shows RELEASED with the signature’s manifestation and the comment on page 1', async () => {
    const record = await batchPdf(released.id);
    const pdf = readPdf('released.pdf', record);
    const review = await reviewOf(floor, released.id);
    const [signature] = review.decision;
    expect(signature!.meaning).toBe('released');
    const page = firstPage(pdf.file);
    expect(page).toContain('RELEASED');
    expect(page).toContain('Quinn Quérard (quinn)');
    expect(page).toContain(`Released — “${signature!.statement}”`);
    expect(page).toContain(zonedText(signature!.signedAtUtc, signature!.timeZone));
    expect(zonedText(signature!.signedAtUtc, signature!.timeZone)).toMatch(/ CET$/);
    expect(page).toContain('Europe/Paris');
    expect(page).toContain('Electronic signature valid');
    expect(page).toContain(`Comment: ${RELEASE_COMMENT}`);
    expect(flat(page)).toContain(
      `Review items dispositioned: ${review.items.length} — ${review.items.length - 1} accepted, 1 requires investigation (${INVESTIGATION_REFERENCE})`,
    );
    expect(flat(page)).toContain(`Audit trail of the batch reviewed by Quinn Quérard`);
    expect(page).not.toContain('Not yet released');
    pdf.layoutPages.forEach((text) => expect(text).toContain('Status: Released'));
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '110',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf.file,
      join(SCREENSHOTS, 'batch-record-page-1-released'),
    ]);
    copyFileSync(pdf.file, join(SCREENSHOTS, 'batch-record-released.pdf'));
  });

  it('shows each exception’s disposition, the QA review chapter and QA’s signatures', async () => {
    const pdf = readPdf('released-chapters.pdf', await batchPdf(released.id));
    const review = await reviewOf(floor, released.id);
    const override = review.items.find((item) => item.exception?.handling === 'override')!;
    expect(pdf.flat).toContain(
      `Requires investigation by Quinn Quérard, ${flat(utcTextOf(override.disposition!.decidedAtUtc))} ` +
        `Comment: Second LOD sample conforms; see investigation Reference: ${INVESTIGATION_REFERENCE}`,
    );
    expect(pdf.flat).toContain('Accepted by Quinn Quérard');
    expect(pdf.flat).not.toMatch(/ Open /);
    expect(pdf.flat).toContain('QA review and disposition');
    expect(pdf.flat).toContain('Review of the audit trail of the batch');
    expect(pdf.flat).toContain(`${review.auditReview!.rowCount} rows`);
    // Every disposition signature, the audit-trail review's and the release in the register.
    const qaSignatures = [
      ...review.items.flatMap((item) => item.disposition!.signatures),
      ...review.auditReview!.signatures,
      ...review.decision,
    ];
    expect(qaSignatures).toHaveLength(review.items.length + 2);
    const lines = pdf.layoutPages.flatMap((text) => text.split('\n')).map(flat);
    for (const signature of qaSignatures) {
      const when = zonedText(signature.signedAtUtc, signature.timeZone);
      expect(lines.some((line) => line.includes(signature.signerName) && line.includes(when))).toBe(true);
    }
    expect(pdf.flat).toContain(`The decision on batch B2026-0044: released`);
    expect(pdf.flat).toMatch(/Signatures \d+, all valid/);
  });

  it('carries the dispositions, audit-trail reviews and the decision in the electronic copy', async () => {
    const copy = value<RecordFile>(
      await floor.quinn.connection.invoke('records.electronicCopy', { batchId: released.id }),
    );
    const document = JSON.parse(Buffer.from(copy.base64, 'base64').toString('utf8'));
    const review = await reviewOf(floor, released.id);
    expect(document.review.dispositions).toHaveLength(review.items.length);
    const investigation = document.review.dispositions.find(
      (disposition: { decision: string }) => disposition.decision === 'investigation',
    );
    expect(investigation).toMatchObject({ reference: INVESTIGATION_REFERENCE, replaced: false });
    expect(investigation.signatures[0]).toMatchObject({ meaning: 'reviewed', signerName: 'Quinn Quérard' });
    expect(investigation.signatures[0].signature).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(document.review.auditReviews).toHaveLength(1);
    expect(document.review.auditReviews[0].rowCount).toBe(review.auditReview!.rowCount);
    expect(document.review.decision).toMatchObject({ decision: 'released', comment: RELEASE_COMMENT });
    expect(document.review.decision.signatures[0]).toMatchObject({
      meaning: 'released',
      verification: { valid: true, problem: null },
    });
    expect(document.exceptions.every((exception: { status: string }) => exception.status !== 'open')).toBe(
      true,
    );
  });

  it('shows REJECTED for a rejected batch, and “Not yet released — under review” before', async () => {
    const page = firstPage(readPdf('rejected.pdf', await batchPdf(rejected.id)).file);
    expect(page).toContain('REJECTED');
    expect(page).toContain('Rejected — “');
    expect(page).toContain(`Comment: ${REJECT_COMMENT}`);
    expect(page).toContain('Status: Rejected');
    expect(page).not.toContain('RELEASED');
    expect(firstPage(readPdf('under-review.pdf', await batchPdf(batch.id)).file)).toContain(
      'Not yet released — under review',
    );
    expect(firstPage(readPdf('in-execution.pdf', await batchPdf(inProgress.id)).file)).toContain(
      'In execution — not released',
    );
  });
});
