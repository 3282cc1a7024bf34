/**
 * The demo's instruments, registered by the technician as simulated (training only): a balance
 * whose calibration falls due within the fortnight, a pH meter, a scanner, and a second balance
 * taken out of service — so the technician's start page has something to show.
 */
import type { InstrumentView } from '../../../shared/contract/instruments';
import { toUtcIso } from '../clock';
import { call, type DemoFloor } from './demo-floor';

const DAY = 24 * 3_600_000;
const serial = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'xon-xoff' } as const;

export async function registerDemoInstruments(floor: DemoFloor): Promise<InstrumentView[]> {
  const technician = floor.window('tina').connection;
  const now = floor.clock.now();
  const terminalId = floor.app.runtime!.terminal.id;
  const register = (fields: Record<string, unknown>) =>
    call<InstrumentView>(technician, 'instruments.register', {
      fields: { port: 'simulator', serial, terminalId, simulated: true, ...fields },
      reason: 'Simulated instrument for demonstration and training',
    });
  const balance = await register({
    assetId: 'SIM-BAL-01',
    kind: 'balance',
    protocol: 'mt-sics',
    expectedSerialNumber: 'SIM0000001',
    model: 'Bench balance 32 kg',
    unit: 'kg',
    capacity: 32,
    readability: 0.001,
    minimumWeight: 0.1,
    calibrationDueUtc: toUtcIso(now + 9 * DAY),
  });
  const phMeter = await register({
    assetId: 'SIM-PH-01',
    kind: 'ph-meter',
    protocol: 'ph-mt',
    expectedSerialNumber: 'SIMPH00001',
    model: 'Benchtop pH meter',
    calibrationDueUtc: toUtcIso(now + 120 * DAY),
  });
  const scanner = await register({
    assetId: 'SIM-SCN-01',
    kind: 'barcode-scanner',
    protocol: 'scanner',
    expectedSerialNumber: 'SIMSCAN001',
    model: 'Handheld 2D scanner',
  });
  const spare = await register({
    assetId: 'SIM-BAL-02',
    kind: 'balance',
    protocol: 'sartorius-sbi',
    expectedSerialNumber: 'SIM0000002',
    model: 'Precision balance 220 g',
    unit: 'g',
    capacity: 220,
    readability: 0.01,
    minimumWeight: 1,
    calibrationDueUtc: toUtcIso(now + 60 * DAY),
  });
  const outOfService = await call<InstrumentView>(technician, 'instruments.setStatus', {
    instrumentId: spare.id,
    status: 'out-of-service',
    reason: 'Draft shield cracked; replacement ordered',
  });
  return [balance, phMeter, scanner, outOfService];
}
