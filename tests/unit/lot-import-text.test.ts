import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lotImportInput } from '../../shared/contract/material-inputs';
import { parseLotFile } from '../../electron/core/materials/lot-import';

const sample = readFileSync(new URL('../../resources/lots/sample-lots.csv', import.meta.url), 'utf8');

// The lot file comes from an ERP: text at the gate (A11-5) without refusing what such files are.
describe('lot import file text', () => {
  it('accepts Windows line endings (CR LF) and reads the same lots as with LF', () => {
    const crlf = sample.replace(/\r?\n/g, '\r\n');
    expect(lotImportInput.safeParse({ fileName: 'lots.csv', text: crlf }).success).toBe(true);
    const lf = parseLotFile(sample.replace(/\r?\n/g, '\n'));
    expect(lf.problems).toEqual([]);
    expect(parseLotFile(crlf)).toEqual(lf);
  });

  it.each([
    ['a lone surrogate', '\uD800'],
    ['NUL', '\u0000'],
    ['a C1 control', '\u0085'],
  ])('refuses %s in a cell, naming the file and the position', (_what, bad) => {
    const text = sample.replace('Pharmachem GmbH', `Pharma${bad}chem GmbH`);
    const position = [...text].indexOf(bad) + 1;
    const result = lotImportInput.safeParse({ fileName: 'lots.csv', text });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.message)).toContainEqual(
      expect.stringContaining(`File contains an invalid character at position ${position}`),
    );
  });
});
