/**
 * The batch record as BatchML (issue 24 item 1, A11-4.8): an executed wet granulation batch, the same
 * batch once QA rejected it, and a training batch stopped midway each give a BatchProductionRecord
 * that xmllint validates against the shipped schemas, built from the electronic copy (named by its
 * SHA-256) and carrying its entries, corrections with originals, signatures, exceptions with their
 * dispositions, the audit rows and the decision; the signed export package carries it, and
 * `ebr batchml` writes it. The batch's master recipe
 * goes out as BatchML with `ebr recipe export --format batchml` and comes back with its content hash.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { writeRecoveryKeyFile } from '../../electron/cli/recovery-key-file';
import { parseRecipeFile } from '../../electron/core/recipes/recipe-file';
import { parseXmlSafely, childOf, childrenOf, type XmlElement } from '../../electron/core/xml/safe-xml';
import { canonicalJson } from '../../shared/canonical-json';
import type { BatchView } from '../../shared/contract/batches';
import type { ExportWriteResult, RecordFile } from '../../shared/contract/records';
import { verifyExportPackage } from '../../electron/core/export/verify-package';
import { executeBatch, recordFloor, WET_GRANULATION, type RecordFloor } from '../helpers/executed-batch';
import { value } from '../helpers/identity';
import { decide, dispositionAll, reviewAuditTrail, REJECT_COMMENT } from '../helpers/reviewed-batch';
import { BATCH_INFORMATION_XSD, BATCH_PRODUCTION_RECORD_XSD, xmllintSchema } from '../helpers/xml-schema';

let floor: RecordFloor;
let batch: BatchView;
let training: BatchView;
let executedXml: Buffer;
let executedFile: RecordFile;
let rejectedXml: Buffer;
let trainingXml: Buffer;

const batchml = async (batchId: string) =>
  value<RecordFile>(await floor.quinn.connection.invoke('records.batchml', { batchId }));
const copyOf = async (batchId: string) =>
  JSON.parse(
    Buffer.from(
      value<RecordFile>(await floor.quinn.connection.invoke('records.electronicCopy', { batchId })).base64,
      'base64',
    ).toString('utf8'),
  ) as { auditTrail: { rowCount: number }; exceptions: unknown[] };

const extension = (root: XmlElement) => childOf(root, 'EbrRecord')!;
const fieldOf = (element: XmlElement, name: string) =>
  element.children.find((child) => child.name === 'Field' && child.attributes.name === name);

beforeAll(async () => {
  floor = await recordFloor();
  batch = await executeBatch(floor, WET_GRANULATION, 'B2026-0301', { completeExecution: true });
  training = await executeBatch(floor, WET_GRANULATION, 'T2026-0302', {
    training: true,
    stopAt: 'w_api',
    correction: null,
  });
  executedFile = await batchml(batch.id);
  executedXml = Buffer.from(executedFile.base64, 'base64');
  trainingXml = Buffer.from((await batchml(training.id)).base64, 'base64');
  await dispositionAll(floor, batch.id);
  await reviewAuditTrail(floor, batch.id);
  await decide(floor, batch.id, 'rejected');
  rejectedXml = Buffer.from((await batchml(batch.id)).base64, 'base64');
}, 900_000);

afterAll(async () => {
  await floor?.fresh.cleanup();
});

describe('BatchML batch production record', () => {
  it('validates against the shipped BatchML schemas: executed, rejected and training batches', () => {
    for (const xml of [executedXml, rejectedXml, trainingXml]) {
      const verdict = xmllintSchema(xml, BATCH_PRODUCTION_RECORD_XSD);
      expect(verdict.output).toContain('validates');
      expect(verdict.ok).toBe(true);
    }
  });

  it('names the electronic copy it was built from, and the header in BatchML elements', async () => {
    // Made together: any later action anywhere moves the audit checkpoint the copy carries.
    const file = await batchml(training.id);
    const copy = value<RecordFile>(
      await floor.quinn.connection.invoke('records.electronicCopy', { batchId: training.id }),
    );
    expect(file.electronicCopySha256).toBe(copy.sha256);
    const root = parseXmlSafely(Buffer.from(file.base64, 'base64'), 'The record');
    expect(root.name).toBe('BatchProductionRecord');
    expect(childOf(extension(root), 'ElectronicCopySHA256')!.text).toBe(copy.sha256);
    expect(childOf(root, 'BatchID')!.text).toBe('T2026-0302');
    expect(childOf(root, 'RecordStatus')!.text).toBe('in-progress');
    expect(childOf(root, 'Description')!.text).toContain('training batch, not for release');
    const header = childOf(extension(root), 'Batch')!;
    expect(fieldOf(header, 'training')!.text).toBe('true');
    const recipe = childOf(extension(root), 'Recipe')!;
    expect(fieldOf(recipe, 'contentHash')!.text).toBe(training.recipeContentHash);
  });

  it('carries every entry as an event, corrections with their originals, and the step structure', () => {
    const root = parseXmlSafely(executedXml, 'The record');
    const entries = batch.steps.flatMap((step) => step.entries);
    const events = childrenOf(childOf(root, 'Events')!, 'Event').filter(
      (event) => childOf(event, 'EventType')!.text === 'Procedural Execution',
    );
    expect(events.map((event) => childOf(event, 'EntryID')!.text).sort()).toEqual(
      entries.map((entry) => entry.id).sort(),
    );
    const corrections = entries.filter((entry) => entry.supersedesId !== null);
    expect(corrections.length).toBeGreaterThan(0);
    const changes = childrenOf(childOf(root, 'ChangeHistory')!, 'Change');
    expect(changes).toHaveLength(corrections.length);
    for (const correction of corrections) {
      const change = changes.find((candidate) => childOf(candidate, 'EntryID')!.text === correction.id)!;
      const original = entries.find((entry) => entry.id === correction.supersedesId)!;
      expect(childOf(change, 'RecordReference')!.text).toBe(original.id);
      expect(childOf(change, 'Reason')!.text).toBe(correction.reason);
      expect(childOf(childOf(change, 'PrechangeData')!, 'ValueString')!.text).toBe(
        'text' in original.value ? original.value.text : original.display,
      );
    }
    const operations = childrenOf(childOf(root, 'RecipeElements')!, 'RecipeElementRecord');
    expect(operations.map((operation) => childOf(operation, 'EntryID')!.text)).toEqual(
      batch.operations.map((operation) => operation.id),
    );
  });

  it('carries every signature with its value, the exceptions, audit rows and QA’s decision', async () => {
    const root = parseXmlSafely(rejectedXml, 'The record');
    const record = extension(root);
    const copy = await copyOf(batch.id);
    expect(childrenOf(record, 'AuditRow')).toHaveLength(copy.auditTrail.rowCount);
    expect(childrenOf(record, 'Exception')).toHaveLength(copy.exceptions.length);
    expect(copy.exceptions.length).toBeGreaterThan(0);
    const signatures = childrenOf(record, 'Signature');
    const entrySignatures = batch.steps.flatMap((step) => step.entries.flatMap((entry) => entry.signatures));
    for (const signature of entrySignatures) {
      const element = signatures.find((candidate) => candidate.attributes.id === signature.id)!;
      expect(childOf(element, 'PrintedName')!.text).toBe(signature.signerName);
      expect(childOf(element, 'Meaning')!.text).toBe(signature.meaning);
      expect(Buffer.from(childOf(element, 'SignatureValue')!.text, 'base64')).toHaveLength(64);
    }
    const decision = childOf(record, 'Decision')!;
    expect(fieldOf(decision, 'decision')!.text).toBe('rejected');
    expect(fieldOf(decision, 'comment')!.text).toBe(REJECT_COMMENT);
    expect(childOf(root, 'RecordStatus')!.text).toBe('rejected');
    expect(childrenOf(record, 'Disposition').length).toBeGreaterThan(0);
    const consumed = childrenOf(record, 'MaterialConsumed');
    const weighings = batch.steps
      .flatMap((step) => step.entries)
      .filter((entry) => entry.value.type === 'weighing');
    expect(consumed).toHaveLength(weighings.length);
  });

  it('goes into the signed export package beside the PDF and the JSON copy, verified with them', async () => {
    const destination = mkdtempSync(join(tmpdir(), 'ebr-batchml-usb-'));
    const written = value<ExportWriteResult>(
      await floor.tina.connection.invoke('exports.write', {
        batchIds: [batch.id],
        destinationDir: destination,
      }),
    );
    const directory = written.packages[0]!.directory;
    const xml = readFileSync(join(directory, 'batch-record.xml'));
    expect(xmllintSchema(xml, BATCH_PRODUCTION_RECORD_XSD).ok).toBe(true);
    const copySha256 = createHash('sha256')
      .update(readFileSync(join(directory, 'batch-record.json')))
      .digest('hex');
    expect(childOf(extension(parseXmlSafely(xml, 'The record')), 'ElectronicCopySHA256')!.text).toBe(
      copySha256,
    );
    const fingerprint = floor.fresh.app.runtime!.terminal.key.fingerprint;
    const report = await verifyExportPackage(directory, { trustedFingerprint: fingerprint });
    expect(report.valid).toBe(true);
    expect(report.files.find((file) => file.name === 'batch-record.xml')?.status).toBe('intact');
    // One value changed in the XML: the package no longer verifies, and the verifier names the file.
    writeFileSync(
      join(directory, 'batch-record.xml'),
      xml.toString('utf8').replace('<RecordStatus>rejected<', '<RecordStatus>released<'),
    );
    const tampered = await verifyExportPackage(directory, { trustedFingerprint: fingerprint });
    expect(tampered.valid).toBe(false);
    expect(tampered.files.find((file) => file.name === 'batch-record.xml')?.status).toBe('changed');
  });

  it('ebr batchml writes the record of a batch to a new file, valid against the schemas', async () => {
    await floor.fresh.app.close();
    const work = mkdtempSync(join(tmpdir(), 'ebr-batchml-'));
    const keyFile = join(work, 'recovery.key');
    writeRecoveryKeyFile(keyFile, floor.fresh.recoveryKey, 'WS-GRAN-02', new Date().toISOString());
    const args = ['--data-dir', floor.fresh.dataDir, '--recovery-key-file', keyFile];
    const run = async (argv: string[]) => {
      const out: string[] = [];
      const code = await main(argv, {
        out: (text) => out.push(text),
        err: (text) => out.push(text),
        env: {},
      });
      return { code, text: out.join('\n') };
    };
    const out = join(work, 'record.xml');
    const written = await run(['batchml', '--batch', 't2026-0302', '--out', out, ...args]);
    expect(written.text).toContain(`BatchML batch production record of T2026-0302 written: ${out}`);
    expect(written.code).toBe(0);
    const xml = readFileSync(out);
    expect(xmllintSchema(xml, BATCH_PRODUCTION_RECORD_XSD).ok).toBe(true);
    const copySha256 = /Electronic copy SHA-256: +([0-9a-f]{64})/.exec(written.text)![1];
    expect(childOf(extension(parseXmlSafely(xml, 'The record')), 'ElectronicCopySHA256')!.text).toBe(
      copySha256,
    );
    // Never over an existing file; an unknown batch is named.
    const again = await run(['batchml', '--batch', 'T2026-0302', '--out', out, ...args]);
    expect(again.text).toContain('already exists');
    expect(readFileSync(out).equals(xml)).toBe(true);
    const missing = await run(['batchml', '--batch', 'B0000-NONE', '--out', join(work, 'none.xml'), ...args]);
    expect(missing.code).not.toBe(0);
    expect(missing.text).toContain('There is no batch B0000-NONE');
  });

  it('ebr recipe export --format batchml writes the approved recipe; ebr recipe import reads it back, or refuses it naming XML paths', async () => {
    // The application is closed (previous test): the command line opens the folder on its own.
    const recipe = floor.recipes[WET_GRANULATION]!;
    const work = mkdtempSync(join(tmpdir(), 'ebr-batchml-recipe-'));
    const keyFile = join(work, 'recovery.key');
    writeRecoveryKeyFile(keyFile, floor.fresh.recoveryKey, 'WS-GRAN-02', new Date().toISOString());
    const args = ['--data-dir', floor.fresh.dataDir, '--recovery-key-file', keyFile];
    const env = { EBR_PASSWORD: floor.sven.password };
    const run = async (argv: string[]) => {
      const out: string[] = [];
      const code = await main(argv, { out: (text) => out.push(text), err: (text) => out.push(text), env });
      return { code, text: out.join('\n') };
    };
    const xmlFile = join(work, 'recipe.xml');
    const exported = await run([
      'recipe',
      'export',
      recipe.code,
      '--version',
      recipe.versionLabel,
      '--format',
      'batchml',
      '--out',
      xmlFile,
      ...args,
    ]);
    expect(exported.text).toContain('as a BatchML MasterRecipe');
    expect(exported.code).toBe(0);
    const xml = readFileSync(xmlFile);
    expect(xmllintSchema(xml, BATCH_INFORMATION_XSD).ok).toBe(true);
    const back = parseRecipeFile(xml);
    expect(back.ok && createHash('sha256').update(canonicalJson(back.recipe)).digest('hex')).toBe(
      recipe.contentHash,
    );

    const versionsBefore = (await run(['recipe', 'list', ...args, '--json'])).text;
    const invalidFile = join(work, 'invalid.xml');
    writeFileSync(
      invalidFile,
      xml
        .toString('utf8')
        .replace('<Nominal>100</Nominal>', '<Nominal>lots</Nominal>')
        .replace(`<Version>${recipe.versionLabel}</Version>`, '<Version>3.1</Version>'),
    );
    const refused = await run(['recipe', 'import', invalidFile, '--as', 'sven', ...args]);
    expect(refused.code).toBe(1);
    expect(refused.text).toContain(
      `${invalidFile}: /BatchInformation/MasterRecipe/Header/BatchSize/Nominal: expected a number, found the text "lots"`,
    );
    expect((await run(['recipe', 'list', ...args, '--json'])).text).toBe(versionsBefore);

    const nextFile = join(work, 'next.xml');
    writeFileSync(
      nextFile,
      xml.toString('utf8').replace(`<Version>${recipe.versionLabel}</Version>`, '<Version>3.1</Version>'),
    );
    const imported = await run(['recipe', 'import', nextFile, '--as', 'sven', ...args]);
    expect(imported.text).toContain(`Imported ${recipe.code} version 3.1`);
    const next = parseRecipeFile(readFileSync(nextFile));
    const nextHash = next.ok
      ? createHash('sha256').update(canonicalJson(next.recipe)).digest('hex')
      : 'invalid';
    expect(imported.text).toContain(`Content hash: ${nextHash}`);
    expect(imported.code).toBe(0);
  });
});
