/**
 * A transport to a simulated instrument in the same process: what training batches use (clearly
 * marked SIMULATED in the register and on screen). Bytes cross asynchronously, as on a cable, so
 * the driver runs exactly as it does over a serial port.
 */
import type { InstrumentSimulator } from './simulators/instrument-simulator';
import type { Transport, TransportEvents } from './transport';

export class SimulatedTransport implements Transport {
  private events: TransportEvents | undefined;

  constructor(
    readonly path: string,
    private readonly simulator: InstrumentSimulator,
  ) {}

  async open(events: TransportEvents): Promise<void> {
    this.events = events;
    this.simulator.attach({
      send: (bytes) => setImmediate(() => this.events?.data(Buffer.from(bytes))),
      unplug: () => {
        const lost = this.events;
        this.events = undefined;
        this.simulator.detach();
        setImmediate(() => lost?.lost('The simulated instrument was unplugged.'));
      },
    });
  }

  async write(bytes: Buffer): Promise<void> {
    if (!this.events) throw new Error('The simulated instrument is not connected.');
    const copy = Buffer.from(bytes);
    setImmediate(() => this.simulator.receive(copy));
  }

  async close(): Promise<void> {
    this.events = undefined;
    this.simulator.detach();
  }
}
