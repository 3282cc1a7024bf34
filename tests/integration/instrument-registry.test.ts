/**
 * The instrument registry (P11-10h, A11-5) over a real encrypted store, through connections:
 * technicians register, change, check and retire instruments, each change audited with its
 * reason; other roles read only; bad fields are refused naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstrumentView } from '../../shared/contract/instruments';
import { freshApp, TEST_START_MS, type FreshApp } from '../helpers/fresh-app';
import {
  activeUser,
  auditRowsAfter,
  expectError,
  json,
  lastAuditSeq,
  value,
  type SignedInUser,
} from '../helpers/identity';
import { toUtcIso } from '../../electron/core/clock';

const DAY_MS = 24 * 60 * 60 * 1000;
let fresh: FreshApp;
let tess: SignedInUser;
let olga: SignedInUser;

const balanceFields = (overrides: Record<string, unknown> = {}) => ({
  assetId: 'EQ-BAL-032',
  kind: 'balance',
  protocol: 'mt-sics',
  port: '/dev/ttyUSB0',
  serial: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'xon-xoff' },
  expectedSerialNumber: 'B123456789',
  model: 'XSR32001S',
  unit: 'kg',
  capacity: 32,
  readability: 0.001,
  minimumWeight: 0.1,
  calibrationDueUtc: toUtcIso(TEST_START_MS + 30 * DAY_MS),
  ...overrides,
});

beforeAll(async () => {
  fresh = await freshApp();
  const admin = await fresh.admin();
  tess = await activeUser(fresh.app, admin, 'tess', ['technician']);
  olga = await activeUser(fresh.app, admin, 'olga', ['operator']);
}, 60_000);
afterAll(async () => fresh?.cleanup());

describe('instrument registry', () => {
  it('registers a balance with its facts, audited with the reason', async () => {
    const before = lastAuditSeq(fresh.app);
    const balance = value<InstrumentView>(
      await tess.connection.invoke('instruments.register', {
        fields: balanceFields(),
        reason: 'New dispensing balance',
      }),
    );
    expect(balance).toMatchObject({
      assetId: 'EQ-BAL-032',
      protocol: 'mt-sics',
      serial: { baudRate: 9600, flowControl: 'xon-xoff' },
      expectedSerialNumber: 'B123456789',
      minimumWeight: 0.1,
      calibrationState: 'valid',
      status: 'active',
      simulated: false,
    });
    const rows = auditRowsAfter(fresh.app, before);
    expect(rows.map((row) => row.action)).toEqual(['instrument.registered']);
    expect(rows[0]!.reason).toBe('New dispensing balance');
    expect(json(rows[0]!.new_value)).toMatchObject({
      expectedSerialNumber: 'B123456789',
      port: '/dev/ttyUSB0',
    });
  });

  it('refuses a second instrument with the same asset id, and inconsistent fields by name', async () => {
    expectError(
      await tess.connection.invoke('instruments.register', {
        fields: balanceFields({ port: '/dev/ttyUSB1' }),
        reason: 'Duplicate',
      }),
      'CONFLICT',
    );
    const wrongProtocol = expectError(
      await tess.connection.invoke('instruments.register', {
        fields: balanceFields({ assetId: 'EQ-BAL-033', protocol: 'scanner' }),
        reason: 'Wrong protocol',
      }),
      'VALIDATION_FAILED',
    );
    expect(wrongProtocol.message).toMatch(/protocol/);
    const minimum = expectError(
      await tess.connection.invoke('instruments.register', {
        fields: balanceFields({ assetId: 'EQ-BAL-034', minimumWeight: 40 }),
        reason: 'Bad minimum weight',
      }),
      'VALIDATION_FAILED',
    );
    expect(minimum.message).toMatch(/minimum weight/i);
    expectError(
      await tess.connection.invoke('instruments.register', {
        fields: balanceFields({
          assetId: 'EQ-BAL-035',
          serial: { baudRate: 9601, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' },
        }),
        reason: 'Bad baud rate',
      }),
      'VALIDATION_FAILED',
    );
  });

  it('lets operators read but not change the registry', async () => {
    const list = value<InstrumentView[]>(await olga.connection.invoke('instruments.list', {}));
    expect(list.map((instrument) => instrument.assetId)).toEqual(['EQ-BAL-032']);
    expectError(
      await olga.connection.invoke('instruments.register', {
        fields: balanceFields({ assetId: 'EQ-BAL-040' }),
        reason: 'Not mine',
      }),
      'FORBIDDEN',
    );
  });

  it('records calibrations and daily checks; a failed check takes the instrument out of service', async () => {
    const [balance] = value<InstrumentView[]>(await tess.connection.invoke('instruments.list', {}));
    const nextDue = toUtcIso(TEST_START_MS + 365 * DAY_MS);
    const calibrated = value<InstrumentView>(
      await tess.connection.invoke('instruments.recordCheck', {
        instrumentId: balance!.id,
        kind: 'calibration',
        result: 'pass',
        performedAtUtc: toUtcIso(TEST_START_MS - DAY_MS),
        nextDueUtc: nextDue,
        reference: 'CAL-2026-114',
      }),
    );
    expect(calibrated.calibrationDueUtc).toBe(nextDue);
    expect(calibrated.checks[0]).toMatchObject({
      kind: 'calibration',
      reference: 'CAL-2026-114',
      enteredByName: 'Tess Tester',
    });
    expectError(
      await tess.connection.invoke('instruments.recordCheck', {
        instrumentId: balance!.id,
        kind: 'calibration',
        result: 'pass',
        performedAtUtc: toUtcIso(TEST_START_MS - DAY_MS),
        reference: 'CAL-no-due-date',
      }),
      'VALIDATION_FAILED',
    );
    const failed = value<InstrumentView>(
      await tess.connection.invoke('instruments.recordCheck', {
        instrumentId: balance!.id,
        kind: 'daily-check',
        result: 'fail',
        performedAtUtc: toUtcIso(TEST_START_MS),
        reference: 'LOG-7/12',
        comment: '10 kg check weight read 10.004 kg',
      }),
    );
    expect(failed.status).toBe('out-of-service');
    expect(failed.checks).toHaveLength(2);
  });

  it('shows calibration overdue once the due date passes, and retires for good', async () => {
    const registered = value<InstrumentView>(
      await tess.connection.invoke('instruments.register', {
        fields: balanceFields({
          assetId: 'EQ-BAL-050',
          calibrationDueUtc: toUtcIso(TEST_START_MS + 3 * DAY_MS),
        }),
        reason: 'Second balance',
      }),
    );
    expect(registered.calibrationState).toBe('due-soon');
    fresh.clock.advance(4 * DAY_MS);
    // Four days without activity lock the session: unlock as the technician would.
    await tess.connection.invoke('auth.unlock', { password: tess.password });
    const list = value<InstrumentView[]>(await tess.connection.invoke('instruments.list', {}));
    expect(list.find((instrument) => instrument.id === registered.id)!.calibrationState).toBe('overdue');
    value(
      await tess.connection.invoke('instruments.setStatus', {
        instrumentId: registered.id,
        status: 'retired',
        reason: 'Replaced',
      }),
    );
    expectError(
      await tess.connection.invoke('instruments.setStatus', {
        instrumentId: registered.id,
        status: 'active',
        reason: 'Back',
      }),
      'CONFLICT',
    );
  });
});
