/**
 * Commissioning check: open a port, let the instrument identify itself, take one stable reading
 * (or wait for one scan), close. Everything must happen within one overall time limit.
 */
import { toUtcIso } from '../clock';
import { DeviceError } from './device-error';
import { InstrumentDriver } from './driver';
import { protocolFor } from './protocols/registry';
import type { InstrumentKind, ProtocolName } from './protocols/protocol';
import type { ScannerOptions } from './protocols/scanner';
import { SerialTransport } from './serial-transport';
import { shownLine, type ReadingStatus } from './reading';
import { describeSettings, type SerialSettings } from './serial-settings';
import type { Transport } from './transport';

export interface ProbeRequest {
  path: string;
  protocol: ProtocolName;
  /** Overrides of the protocol's factory defaults. */
  settings?: Partial<SerialSettings>;
  timeoutMs: number;
  scanner?: ScannerOptions;
  /** Tests put another transport here; the serial port at `path` otherwise. */
  transport?: Transport;
}

export interface ProbeResult {
  port: string;
  protocol: ProtocolName;
  settings: string;
  model?: string;
  serialNumber?: string;
  /** The balance's whole answer when the serial number was taken out of it (SBI `SerNo.    0031801165`). */
  serialNumberAnswer?: string;
  reading?: {
    status: string;
    value?: number;
    valueText?: string;
    unit?: string;
    temperatureC?: number;
    rawHex: string;
    receivedAtUtc: string;
  };
  scan?: { data: string; symbology?: string; gs1: boolean; rawHex: string; receivedAtUtc: string };
}

/** Why a probe's reading is not a stable value, and what to do about it. */
function notStableAdvice(kind: InstrumentKind, status: Exclude<ReadingStatus, 'stable'>): string {
  if (status === 'unstable') return 'keep the pan still and free of draughts, then try again';
  if (kind !== 'balance') return 'check the electrode and the sample';
  return status === 'overload' ? 'take load off the pan' : 'fit the pan and empty it, then zero the balance';
}

/**
 * The overall time ran out. Before the instrument identified itself, nothing usable came back:
 * the connection is in doubt. After, the cable and settings work: the reading never settled.
 */
function timeLimitMessage(
  instrument: string,
  seconds: string,
  identified: ProbeResult | undefined,
  settings: SerialSettings,
): string {
  if (!identified) {
    return (
      `${instrument}: no answer within ${seconds} s (${describeSettings(settings)}) — ` +
      "check that it is switched on, the cable, the port and the instrument's interface settings"
    );
  }
  const who = [identified.model, identified.serialNumber && `serial number ${identified.serialNumber}`]
    .filter(Boolean)
    .join(', ');
  const as = who === '' ? '' : ` (${who})`;
  if (identified.protocol === 'scanner') {
    return `${instrument}: no barcode was scanned within ${seconds} s — scan a label`;
  }
  return (
    `${instrument}: identified itself${as}, so the cable and settings work, but gave no stable reading ` +
    `within ${seconds} s — keep the pan still and free of draughts, and check the load`
  );
}

export async function probeInstrument(request: ProbeRequest): Promise<ProbeResult> {
  const protocol = protocolFor(request.protocol, request.scanner);
  const settings: SerialSettings = { ...protocol.defaultSettings, ...request.settings };
  const transport = request.transport ?? new SerialTransport({ path: request.path, settings });
  const driver = new InstrumentDriver({
    protocol,
    transport,
    reconnect: false,
    timing: {
      commandTimeoutMs: Math.min(2_000, request.timeoutMs),
      settleTimeoutMs: request.timeoutMs,
      heartbeatIntervalMs: 0,
    },
  });
  const instrument = `${protocol.label} on ${request.path}`;
  const seconds = (request.timeoutMs / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 });
  let identified: ProbeResult | undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeLimit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DeviceError('timeout', timeLimitMessage(instrument, seconds, identified, settings))),
      request.timeoutMs,
    );
  });
  const probing = async (): Promise<ProbeResult> => {
    const status = await driver.connect();
    if (status.state !== 'ready') {
      throw new DeviceError('not-connected', status.message ?? `${instrument}: ${status.state}`);
    }
    const result: ProbeResult = {
      port: request.path,
      protocol: request.protocol,
      settings: describeSettings(settings),
      ...(status.identity?.model !== undefined && { model: status.identity.model }),
      ...(status.identity?.serialNumber !== undefined && { serialNumber: status.identity.serialNumber }),
      ...(status.identity?.serialNumberAnswer !== undefined && {
        serialNumberAnswer: status.identity.serialNumberAnswer,
      }),
    };
    identified = result;
    if (protocol.kind === 'barcode-scanner') {
      const scan = await driver.nextScan(request.timeoutMs);
      return {
        ...result,
        scan: {
          data: scan.data,
          ...(scan.symbology && { symbology: scan.symbology.identifier }),
          gs1: scan.symbology?.gs1 ?? false,
          rawHex: scan.raw.hex,
          receivedAtUtc: toUtcIso(scan.receivedAtMs),
        },
      };
    }
    const reading = await driver.readStable();
    if (reading.status !== 'stable') {
      throw new DeviceError(
        reading.status === 'unstable' ? 'not-executable' : 'out-of-range',
        `${instrument}: the ${protocol.kind === 'ph-meter' ? 'meter' : 'balance'} reports ${reading.status} ` +
          `("${shownLine(reading.raw)}") — ${notStableAdvice(protocol.kind, reading.status)}`,
        reading.raw,
      );
    }
    return {
      ...result,
      reading: {
        status: reading.status,
        ...(reading.value !== undefined && { value: reading.value }),
        ...(reading.valueText !== undefined && { valueText: reading.valueText }),
        ...(reading.unit !== undefined && { unit: reading.unit }),
        ...(reading.temperatureC !== undefined && { temperatureC: reading.temperatureC }),
        rawHex: reading.raw.hex,
        receivedAtUtc: toUtcIso(reading.receivedAtMs),
      },
    };
  };
  const run = probing();
  // When the time limit wins, closing the driver rejects the probe too: that rejection is expected.
  run.catch(() => undefined);
  try {
    return await Promise.race([run, timeLimit]);
  } finally {
    clearTimeout(timer);
    await driver.close();
  }
}
