/**
 * Validation of the XML the product writes against the B2MML/BatchML schemas it ships
 * (resources/b2mml), with Debian's xmllint (libxml2-utils) as an outside party would.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SCHEMA_DIR = join(import.meta.dirname, '../../resources/b2mml');
export const BATCH_PRODUCTION_RECORD_XSD = join(SCHEMA_DIR, 'BatchML-BatchProductionRecord.xsd');
export const BATCH_INFORMATION_XSD = join(SCHEMA_DIR, 'BatchML-BatchInformation.xsd');
export const MATERIAL_XSD = join(SCHEMA_DIR, 'B2MML-Material.xsd');

/** xmllint's verdict: `ok` and its output (which names the line of each schema violation). */
export function xmllintSchema(xml: Uint8Array, schema: string): { ok: boolean; output: string } {
  const folder = mkdtempSync(join(tmpdir(), 'ebr-xmllint-'));
  const file = join(folder, 'document.xml');
  writeFileSync(file, xml);
  try {
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, file], { encoding: 'utf8' });
    if (run.error) throw run.error;
    // xmllint reports on stderr: "FILE validates", or each violation with its line and "FILE fails to validate".
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
