import { randomUUID } from 'node:crypto';
import type {
  InstrumentReadingEvent,
  InstrumentScanEvent,
  InstrumentStateEvent,
  LiveInstrument,
  LiveReading,
} from '../../../shared/contract/live-instruments';
import type { InstrumentView } from '../../../shared/contract/instruments';
import { EbrError } from '../../../shared/errors';
import { instrumentKindLabels } from '../../../shared/instruments/instrument-kinds';
import { toUtcIso, type Clock } from '../clock';
import { DeviceError } from '../devices/device-error';
import { InstrumentDriver, type DriverStatus } from '../devices/driver';
import type { DriverTiming } from '../devices/driver-timing';
import { protocolFor } from '../devices/protocols/registry';
import type { Reading, ScanRead } from '../devices/reading';
import { SerialTransport } from '../devices/serial-transport';
import type { Transport } from '../devices/transport';
import { SimulatedTransport } from '../devices/simulated-transport';
import type { InstrumentSimulator } from '../devices/simulators/instrument-simulator';
import { applySimulatorAction, simulatorFor, type SimulatorAction } from './simulated-instruments';
import type { InstrumentRegistry } from './instrument-registry';

/** How long a scanner's read can still be recorded by the step it was scanned for. */
const SCAN_KEPT_MS = 15 * 60 * 1000;
const SCANS_KEPT = 50;

export interface DeviceHubEvents {
  'instrument.reading': InstrumentReadingEvent;
  'instrument.state': InstrumentStateEvent;
  'instrument.scan': InstrumentScanEvent;
}

export interface DeviceHubDeps {
  registry: InstrumentRegistry;
  terminalId: string;
  clock: Clock;
  publish<E extends keyof DeviceHubEvents>(event: E, payload: DeviceHubEvents[E]): void;
  /** The serial port by default; tests may give another transport. */
  transportFor?(instrument: InstrumentView): Transport;
  timing?: Partial<DriverTiming>;
}

interface Connected {
  /** The register's view, kept current for everything but the connection itself. */
  instrument: InstrumentView;
  driver: InstrumentDriver;
  tare: LiveInstrument['tare'];
}

export interface RecentScan {
  scanId: string;
  instrument: InstrumentView;
  scan: ScanRead;
  serialNumber: string | null;
  model: string | null;
  port: string;
}

/** What the driver was opened with: a change to any of it means reconnecting. */
function connectionOf(instrument: InstrumentView): string {
  const { protocol, port, serial, expectedSerialNumber } = instrument;
  return JSON.stringify({ protocol, port, serial, expectedSerialNumber });
}

export function liveReadingOf(reading: Reading): LiveReading {
  return {
    status: reading.status,
    value: reading.value ?? null,
    valueText: reading.valueText ?? null,
    unit: reading.unit ?? null,
    label: reading.label ?? null,
    temperatureC: reading.temperatureC ?? null,
    receivedAtUtc: toUtcIso(reading.receivedAtMs),
  };
}

/**
 * The instruments of this terminal, connected: one driver per active instrument the registry
 * assigns here. Readings, state changes and scans go out as events; capture and tare go through it.
 */
export class DeviceHub {
  private readonly connected = new Map<string, Connected>();
  private readonly scans: RecentScan[] = [];
  /** Simulated instruments (training only): the simulator at the far end of each. */
  private readonly simulators = new Map<string, InstrumentSimulator>();
  private closed = false;

  constructor(private readonly deps: DeviceHubDeps) {}

  private eligible(): InstrumentView[] {
    return this.deps.registry
      .list()
      .filter(
        (instrument) => instrument.status === 'active' && instrument.terminalId === this.deps.terminalId,
      );
  }

  /** Brings the drivers in line with the registry: new ones connect, changed ones reconnect, removed ones close. */
  async refresh(): Promise<void> {
    if (this.closed) return;
    const wanted = new Map(this.eligible().map((instrument) => [instrument.id, instrument]));
    for (const [id, entry] of this.connected) {
      const now = wanted.get(id);
      if (!now || connectionOf(now) !== connectionOf(entry.instrument)) {
        this.connected.delete(id);
        await entry.driver.close();
        this.publishState(entry.instrument, entry.driver.status, null);
      } else entry.instrument = now;
    }
    const starting: Promise<unknown>[] = [];
    for (const [id, instrument] of wanted) {
      if (this.connected.has(id)) continue;
      starting.push(this.start(instrument));
    }
    await Promise.all(starting);
  }

  private async start(instrument: InstrumentView): Promise<void> {
    const driver = new InstrumentDriver({
      protocol: protocolFor(instrument.protocol),
      transport: this.transportOf(instrument),
      expectedSerialNumber: instrument.expectedSerialNumber,
      instrumentName: `${instrumentKindLabels[instrument.kind]} ${instrument.assetId}`,
      clock: this.deps.clock,
      ...(this.deps.timing && { timing: this.deps.timing }),
    });
    const entry: Connected = { instrument, driver, tare: null };
    this.connected.set(instrument.id, entry);
    driver.on('state', (status) => this.publishState(instrument, status, entry.tare));
    driver.on('reading', (reading) =>
      this.deps.publish('instrument.reading', {
        instrumentId: instrument.id,
        reading: liveReadingOf(reading),
      }),
    );
    driver.on('scan', (scan) => this.keepScan(entry, scan));
    await driver.connect();
  }

  private transportOf(instrument: InstrumentView): Transport {
    if (instrument.simulated) {
      const simulator = simulatorFor(instrument);
      this.simulators.get(instrument.id)?.stop();
      this.simulators.set(instrument.id, simulator);
      return new SimulatedTransport(`simulator:${instrument.assetId}`, simulator);
    }
    return (
      this.deps.transportFor?.(instrument) ??
      new SerialTransport({ path: instrument.port, settings: instrument.serial })
    );
  }

  /** Training: put a load on a simulated balance, change a simulated pH, read a simulated code. */
  simulate(instrumentId: string, action: SimulatorAction): LiveInstrument {
    const entry = this.connected.get(instrumentId);
    const simulator = this.simulators.get(instrumentId);
    if (!entry || !simulator || !entry.instrument.simulated) {
      throw new EbrError(
        'VALIDATION_FAILED',
        'Only a simulated instrument connected at this terminal can be driven from the screen.',
      );
    }
    applySimulatorAction(simulator, action);
    return this.liveOf(entry.instrument, entry.driver.status, entry.tare);
  }

  private keepScan(entry: Connected, scan: ScanRead): void {
    const recent: RecentScan = {
      scanId: randomUUID(),
      instrument: entry.instrument,
      scan,
      serialNumber: entry.driver.identity?.serialNumber ?? null,
      model: entry.driver.identity?.model ?? null,
      port: entry.driver.port,
    };
    this.scans.push(recent);
    if (this.scans.length > SCANS_KEPT) this.scans.shift();
    this.deps.publish('instrument.scan', {
      instrumentId: entry.instrument.id,
      scanId: recent.scanId,
      code: scan.data,
      symbology: scan.symbology?.identifier ?? null,
      receivedAtUtc: toUtcIso(scan.receivedAtMs),
    });
  }

  private publishState(instrument: InstrumentView, status: DriverStatus, tare: LiveInstrument['tare']): void {
    this.deps.publish('instrument.state', { instrument: this.liveOf(instrument, status, tare) });
  }

  private liveOf(
    instrument: InstrumentView,
    status: DriverStatus,
    tare: LiveInstrument['tare'],
  ): LiveInstrument {
    const latest = this.connected.get(instrument.id)?.driver.latestReading;
    return {
      instrumentId: instrument.id,
      assetId: instrument.assetId,
      kind: instrument.kind,
      simulated: instrument.simulated,
      state: status.state,
      message: status.message ?? null,
      serialNumber: status.identity?.serialNumber ?? null,
      model: status.identity?.model ?? null,
      streaming: status.streaming,
      tare,
      latest: latest ? liveReadingOf(latest) : null,
    };
  }

  live(): LiveInstrument[] {
    return [...this.connected.values()].map((entry) =>
      this.liveOf(entry.instrument, entry.driver.status, entry.tare),
    );
  }

  /** The connected driver of an instrument, ready; otherwise a refusal the operator can act on. */
  ready(instrumentId: string): Connected {
    const entry = this.connected.get(instrumentId);
    if (!entry) {
      throw new EbrError(
        'EXECUTION_REFUSED',
        'This instrument is not connected at this terminal: it must be active and assigned to this terminal in the instrument register.',
        { reason: 'instrument-unavailable' },
      );
    }
    const { state, message } = entry.driver.status;
    if (state !== 'ready') {
      throw new EbrError(
        'EXECUTION_REFUSED',
        message ?? `${entry.instrument.assetId} is ${state}: check the cable and that it is switched on.`,
        { reason: 'instrument-unavailable', state },
      );
    }
    return entry;
  }

  /** Tares the balance and reads the tare back, so the capture knows what is on the pan. */
  async tare(instrumentId: string): Promise<LiveInstrument> {
    const entry = this.ready(instrumentId);
    try {
      const result = await entry.driver.tare();
      const readBack =
        result.value === undefined ? await entry.driver.readTare().catch(() => result) : result;
      entry.tare =
        readBack.value !== undefined && readBack.unit !== undefined
          ? {
              value: readBack.value,
              valueText: readBack.valueText ?? String(readBack.value),
              unit: readBack.unit,
            }
          : null;
    } catch (error) {
      throw this.refusal(error);
    }
    const live = this.liveOf(entry.instrument, entry.driver.status, entry.tare);
    this.deps.publish('instrument.state', { instrument: live });
    return live;
  }

  async zero(instrumentId: string): Promise<LiveInstrument> {
    const entry = this.ready(instrumentId);
    try {
      await entry.driver.zero();
    } catch (error) {
      throw this.refusal(error);
    }
    entry.tare = null;
    return this.liveOf(entry.instrument, entry.driver.status, entry.tare);
  }

  /** Live readings on or off (MT-SICS SIR and the like), for the balance widget. */
  async stream(instrumentId: string, on: boolean): Promise<LiveInstrument> {
    const entry = this.ready(instrumentId);
    try {
      if (on) await entry.driver.startStreaming();
      else {
        await entry.driver.stopStreaming();
        // Stopping a stream resets MT-SICS balances (`@`), which clears their tare: forget ours.
        if (entry.instrument.protocol === 'mt-sics') entry.tare = null;
      }
    } catch (error) {
      throw this.refusal(error);
    }
    return this.liveOf(entry.instrument, entry.driver.status, entry.tare);
  }

  refusal(error: unknown): EbrError {
    if (error instanceof DeviceError) {
      return new EbrError('EXECUTION_REFUSED', error.message, {
        reason: 'instrument-error',
        code: error.code,
      });
    }
    if (error instanceof EbrError) return error;
    return new EbrError('EXECUTION_REFUSED', `The instrument did not answer: ${(error as Error).message}`, {
      reason: 'instrument-error',
    });
  }

  /** A scanner's read still recordable, by the id its event carried. */
  recentScan(scanId: string): RecentScan | undefined {
    const scan = this.scans.find((candidate) => candidate.scanId === scanId);
    if (!scan || this.deps.clock.now() - scan.scan.receivedAtMs > SCAN_KEPT_MS) return undefined;
    return scan;
  }

  async close(): Promise<void> {
    this.closed = true;
    const drivers = [...this.connected.values()].map((entry) => entry.driver);
    this.connected.clear();
    await Promise.all(drivers.map((driver) => driver.close()));
    for (const simulator of this.simulators.values()) simulator.stop();
    this.simulators.clear();
  }
}
