/**
 * The audit hash chain is reproducible by anyone from the published rule:
 * hash = SHA-256(prev_hash ‖ RFC 8785 canonical JSON of the row content).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  auditRowHash,
  checkpointMessage,
  GENESIS_HASH,
  type AuditRowContent,
  type CheckpointContent,
} from '../../electron/core/audit/chain';

/** Canonical JSON for flat objects of strings, integers and null: keys sorted by code unit. */
function sortedKeysJson(value: Record<string, string | number | null>): string {
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${JSON.stringify(value[key])}`).join(',')}}`;
}

const row: AuditRowContent = {
  seq: 42,
  atUtc: '2026-11-02T08:00:00.123Z',
  userId: '3f1c9a52-0c1e-4d7b-9f7e-2b8f0a6d1e11',
  userName: 'Ada Administrator',
  terminalId: 'a9e0f3c4-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
  action: 'batch.value-recorded',
  entityType: 'batch-step',
  entityId: 'B-7/3',
  oldValue: null,
  newValue: '{"unit":"g","value":12.5}',
  reason: 'Weighed on balance WS-3 — Überprüfung ✓',
};

describe('auditRowHash', () => {
  it('is SHA-256 over prev_hash then the row as JSON with sorted keys, both UTF-8', () => {
    const prevHash = createHash('sha256').update('previous row').digest('hex');
    const json = sortedKeysJson({ ...row });
    expect(json.startsWith('{"action":"batch.value-recorded","atUtc":')).toBe(true);
    const byHand = createHash('sha256')
      .update(Buffer.from(prevHash + json, 'utf8'))
      .digest('hex');
    expect(auditRowHash(prevHash, row)).toBe(byHand);
    expect(auditRowHash(prevHash, row)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('starts the chain from 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    const byHand = createHash('sha256')
      .update('0'.repeat(64) + sortedKeysJson({ ...row }), 'utf8')
      .digest('hex');
    expect(auditRowHash(GENESIS_HASH, row)).toBe(byHand);
  });

  it('does not depend on the order of the keys (canonical JSON)', () => {
    const reversed = Object.fromEntries(Object.entries(row).reverse()) as unknown as AuditRowContent;
    expect(Object.keys(reversed)[0]).toBe('reason');
    expect(auditRowHash(GENESIS_HASH, reversed)).toBe(auditRowHash(GENESIS_HASH, row));
  });

  it('covers only the row content: stored prev_hash/hash columns or extra fields do not change it', () => {
    const withExtras = {
      ...row,
      prevHash: 'f'.repeat(64),
      hash: 'e'.repeat(64),
      extra: 'ignored',
    } as AuditRowContent;
    expect(auditRowHash(GENESIS_HASH, withExtras)).toBe(auditRowHash(GENESIS_HASH, row));
  });

  it('changes when any single field changes, or when prev_hash changes', () => {
    const base = auditRowHash(GENESIS_HASH, row);
    const variants: Partial<AuditRowContent>[] = [
      { seq: 43 },
      { atUtc: '2026-11-02T08:00:00.124Z' },
      { userId: null },
      { userName: 'Ada  Administrator' },
      { terminalId: 'other' },
      { action: 'batch.value-corrected' },
      { entityType: 'batch' },
      { entityId: 'B-7/4' },
      { oldValue: '{}' },
      { newValue: '{"unit":"g","value":12.6}' },
      { reason: null },
    ];
    expect(variants.length).toBe(Object.keys(row).length);
    const hashes = variants.map((change) => auditRowHash(GENESIS_HASH, { ...row, ...change }));
    for (const hash of hashes) expect(hash).not.toBe(base);
    expect(new Set(hashes).size).toBe(hashes.length);
    expect(auditRowHash('1'.repeat(64), row)).not.toBe(base);
  });

  it('distinguishes null from the string "null" and a number from its string', () => {
    expect(auditRowHash(GENESIS_HASH, { ...row, reason: 'null' })).not.toBe(
      auditRowHash(GENESIS_HASH, { ...row, reason: null }),
    );
    const asString = { ...row, seq: '42' } as unknown as AuditRowContent;
    expect(auditRowHash(GENESIS_HASH, asString)).not.toBe(auditRowHash(GENESIS_HASH, row));
  });
});

describe('checkpointMessage', () => {
  const checkpoint: CheckpointContent = {
    auditSeq: 30,
    auditHash: 'ab'.repeat(32),
    atUtc: '2026-11-02T08:10:00.000Z',
    terminalId: 'a9e0f3c4-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
    keyId: 'cd'.repeat(32),
  };

  it('is the canonical JSON of exactly its five fields', () => {
    const message = checkpointMessage(checkpoint);
    expect(message.toString('utf8')).toBe(sortedKeysJson({ ...checkpoint }));
    expect(Object.keys(JSON.parse(message.toString('utf8'))).sort()).toEqual([
      'atUtc',
      'auditHash',
      'auditSeq',
      'keyId',
      'terminalId',
    ]);
  });

  it('ignores anything else on the object (signature, checkpoint number)', () => {
    const signed = { ...checkpoint, checkpointSeq: 10, signature: 'AAAA', extra: true } as CheckpointContent;
    expect(checkpointMessage(signed).equals(checkpointMessage(checkpoint))).toBe(true);
  });

  it('changes when any of the five fields changes', () => {
    const base = checkpointMessage(checkpoint);
    const changes: Partial<CheckpointContent>[] = [
      { auditSeq: 31 },
      { auditHash: 'ac'.repeat(32) },
      { atUtc: '2026-11-02T08:10:00.001Z' },
      { terminalId: 'other' },
      { keyId: 'ce'.repeat(32) },
    ];
    for (const change of changes)
      expect(checkpointMessage({ ...checkpoint, ...change }).equals(base)).toBe(false);
  });
});
