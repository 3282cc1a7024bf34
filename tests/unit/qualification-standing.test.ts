import { describe, expect, it } from 'vitest';
import {
  addMonthsUtc,
  notQualifiedMessage,
  standingOf,
  type PersonRecord,
  type QualificationRule,
  type SopCurrent,
} from '../../shared/qualification/standing';

const rule: QualificationRule = {
  code: 'WPC',
  name: 'Weighing of potent compounds',
  requiredSopCodes: ['SOP-WEI-004'],
  assessmentRequired: true,
  validityMonths: 12,
};
const sops = (version: string, id: string) =>
  new Map<string, SopCurrent>([
    ['SOP-WEI-004', { code: 'SOP-WEI-004', currentVersion: version, currentVersionId: id }],
  ]);
const read = (at: string, versionId = 'v3'): PersonRecord => ({
  kind: 'read-and-understood',
  sopCode: 'SOP-WEI-004',
  sopVersionId: versionId,
  qualificationCode: null,
  recordedAtUtc: at,
});
const assessed = (at: string): PersonRecord => ({
  kind: 'assessment',
  sopCode: null,
  sopVersionId: null,
  qualificationCode: 'WPC',
  recordedAtUtc: at,
});
const at = (iso: string) => Date.parse(iso);

describe('addMonthsUtc', () => {
  it('keeps the day and clamps it to the length of the target month', () => {
    expect(new Date(addMonthsUtc(at('2025-10-31T09:00:00.000Z'), 12)).toISOString()).toBe(
      '2026-10-31T09:00:00.000Z',
    );
    expect(new Date(addMonthsUtc(at('2026-01-31T00:00:00.000Z'), 1)).toISOString()).toBe(
      '2026-02-28T00:00:00.000Z',
    );
    expect(new Date(addMonthsUtc(at('2027-12-31T00:00:00.000Z'), 2)).toISOString()).toBe(
      '2028-02-29T00:00:00.000Z',
    );
  });
});

describe('standingOf', () => {
  const records = [read('2025-11-10T08:00:00.000Z'), assessed('2025-10-31T08:00:00.000Z')];

  it('lasts until its oldest record is a validity period old', () => {
    expect(standingOf(rule, sops('3', 'v3'), records, at('2026-05-01T00:00:00.000Z'))).toEqual({
      state: 'qualified',
      validUntilUtc: '2026-10-31T08:00:00.000Z',
      expiresOn: '2026-10-31',
      gaps: [],
    });
  });

  it('is expiring within 30 days of its end, and expired from its end on', () => {
    expect(standingOf(rule, sops('3', 'v3'), records, at('2026-10-01T08:00:00.000Z')).state).toBe('expiring');
    expect(standingOf(rule, sops('3', 'v3'), records, at('2026-09-30T07:59:59.999Z')).state).toBe(
      'qualified',
    );
    const expired = standingOf(rule, sops('3', 'v3'), records, at('2026-10-31T08:00:00.000Z'));
    expect(expired.state).toBe('expired');
    expect(notQualifiedMessage('Lena Berg', rule, expired)).toBe(
      "Lena Berg's qualification 'Weighing of potent compounds' expired on 2026-10-31 — ask a trainer",
    );
  });

  it('a newer record renews the requirement it meets', () => {
    const renewed = [...records, assessed('2026-10-20T08:00:00.000Z'), read('2026-10-21T08:00:00.000Z')];
    expect(standingOf(rule, sops('3', 'v3'), renewed, at('2026-11-01T00:00:00.000Z')).expiresOn).toBe(
      '2027-10-20',
    );
  });

  it('a new SOP version makes the earlier read-and-understood insufficient', () => {
    const standing = standingOf(rule, sops('4', 'v4'), records, at('2026-05-01T00:00:00.000Z'));
    expect(standing).toEqual({
      state: 'sop-revised',
      validUntilUtc: null,
      expiresOn: null,
      gaps: ['SOP-WEI-004 was revised to version 4 and has not been read and understood'],
    });
  });

  it('names everything missing; records after the instant asked about do not count', () => {
    const standing = standingOf(rule, sops('3', 'v3'), records, at('2025-10-01T00:00:00.000Z'));
    expect(standing.state).toBe('missing');
    expect(notQualifiedMessage('Lena Berg', rule, standing)).toBe(
      "Lena Berg is not qualified for 'Weighing of potent compounds': no read-and-understood of SOP-WEI-004 version 3; no practical assessment by a trainer — ask a trainer",
    );
  });

  it('an SOP with no issued version can be met by no one', () => {
    const none = new Map<string, SopCurrent>([
      ['SOP-WEI-004', { code: 'SOP-WEI-004', currentVersion: null, currentVersionId: null }],
    ]);
    expect(standingOf(rule, none, records, at('2026-05-01T00:00:00.000Z')).gaps).toContain(
      'SOP SOP-WEI-004 has no issued version',
    );
  });
});
