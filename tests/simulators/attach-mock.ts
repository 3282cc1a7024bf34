/**
 * Simulators behind the serialport mock binding (no pseudo-terminals, no socat): a binding for
 * SerialTransport whose ports are wired to simulators, with unplug and plug-in.
 */
import { SerialPortMock } from 'serialport';
import type { SerialBinding } from '../../electron/core/devices/serial-transport';
import type { InstrumentSimulator } from './instrument-simulator';

/** The parts of @serialport/binding-mock used here (its package exports no types for ESM resolution). */
interface MockPortBinding {
  isOpen: boolean;
  write(buffer: Buffer): Promise<void>;
  close(): Promise<void>;
  emitData(data: Buffer): void;
}

interface MockBindingApi {
  reset(): void;
  createPort(path: string, options?: { echo?: boolean; record?: boolean }): void;
  open(options: { path: string; baudRate: number }): Promise<MockPortBinding>;
}

const MockBinding = SerialPortMock.binding as MockBindingApi;

export interface MockBench {
  binding: SerialBinding;
  /** Makes a port at `path` with `simulator` at its far end. */
  connect(path: string, simulator: InstrumentSimulator): void;
  /** The cable is pulled: the open port fails as a real one does, and opening fails until `plugIn`. */
  unplug(path: string): void;
  plugIn(path: string): void;
}

export function mockBench(): MockBench {
  MockBinding.reset();
  const simulators = new Map<string, InstrumentSimulator>();
  const openPorts = new Map<string, MockPortBinding>();
  const unplugged = new Set<string>();

  const unplug = (path: string) => {
    unplugged.add(path);
    const port = openPorts.get(path);
    openPorts.delete(path);
    simulators.get(path)?.detach();
    if (!port) return;
    // What a vanished device does to reads: the pending one and every later one fail.
    const gone = () => Object.assign(new Error('device unplugged'), { disconnected: true });
    const internals = port as unknown as {
      pendingRead: ((error?: Error) => void) | null;
      read(): Promise<never>;
    };
    const pending = internals.pendingRead;
    internals.pendingRead = null;
    internals.read = () => Promise.reject(gone());
    pending?.(gone());
  };

  const binding: MockBindingApi = {
    ...MockBinding,
    async open(options) {
      if (unplugged.has(options.path))
        throw new Error(`Error: No such file or directory, cannot open ${options.path}`);
      const port = await MockBinding.open(options);
      const simulator = simulators.get(options.path);
      if (!simulator) return port;
      openPorts.set(options.path, port);
      const write = port.write.bind(port);
      port.write = async (buffer: Buffer) => {
        await write(buffer);
        simulator.receive(Buffer.from(buffer));
      };
      const close = port.close.bind(port);
      port.close = async () => {
        if (openPorts.get(options.path) === port) {
          openPorts.delete(options.path);
          simulator.detach();
        }
        await close();
      };
      simulator.attach({
        send: (bytes) => {
          if (port.isOpen) port.emitData(bytes);
        },
        unplug: () => unplug(options.path),
      });
      return port;
    },
  };

  return {
    binding: binding as unknown as SerialBinding,
    connect(path, simulator) {
      MockBinding.createPort(path, { echo: false, record: false });
      simulators.set(path, simulator);
    },
    unplug,
    plugIn(path) {
      unplugged.delete(path);
    },
  };
}
