/**
 * The serial ports the OS lists, for choosing an instrument's port (registry, `ebr device list-ports`).
 *
 * On Linux ports are listed through udev (`udevadm info -e`, as `serialport` does). Where udev is
 * not installed, or udevadm fails, they are listed from sysfs instead; only when that is
 * impossible too is the caller told, naming what is missing. Never a stack trace: a technician
 * can always type a path. Windows and macOS: `serialport`'s own listing.
 */
import { SerialPort } from 'serialport';
import { EbrError } from '../../../shared/errors';
import { listSysfsSerialPorts, systemRoots, type SysfsRoots } from './sysfs-ports';
import { parseUdevExport, udevExport } from './udev-ports';

export interface SerialPortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
}

export interface PortListing {
  ports: SerialPortInfo[];
  /** How the list was made when udev could not make it, for the person reading it. */
  note?: string;
}

export interface ListPortsOptions {
  platform?: NodeJS.Platform;
  /** Tests point the udev-less listing at a tree of their own. */
  roots?: SysfsRoots;
}

const byPath = (a: SerialPortInfo, b: SerialPortInfo) =>
  a.path.localeCompare(b.path, 'en', { numeric: true });

/** Why `udevadm` gave no list: not installed (spawn ENOENT), or it ran and failed. */
function udevProblem(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === 'ENOENT') return 'udevadm is not installed (it comes with the udev package)';
  return `udevadm failed (${typeof message === 'string' ? message : String(error)})`;
}

async function listThroughOs(): Promise<SerialPortInfo[]> {
  const ports = await SerialPort.list();
  return ports.map((port) => {
    const info: SerialPortInfo = { path: port.path };
    if (port.manufacturer) info.manufacturer = port.manufacturer;
    if (port.serialNumber) info.serialNumber = port.serialNumber;
    if (port.vendorId) info.vendorId = port.vendorId;
    if (port.productId) info.productId = port.productId;
    return info;
  });
}

export async function listSerialPortsWithNote(options: ListPortsOptions = {}): Promise<PortListing> {
  const platform = options.platform ?? process.platform;
  if (platform !== 'linux') {
    try {
      return { ports: (await listThroughOs()).sort(byPath) };
    } catch (error) {
      throw new EbrError(
        'PORT_LIST_UNAVAILABLE',
        `The operating system did not list its serial ports (${(error as Error).message}). ` +
          "Type the instrument's port (e.g. COM3).",
      );
    }
  }
  try {
    return { ports: parseUdevExport(await udevExport()).sort(byPath) };
  } catch (error) {
    const problem = udevProblem(error);
    const roots = options.roots ?? systemRoots;
    try {
      const ports = await listSysfsSerialPorts(roots);
      return {
        ports: ports.sort(byPath),
        note: `${problem}: listed from ${roots.sys}/class/tty and ${roots.dev}/serial/by-id instead`,
      };
    } catch (fallbackError) {
      const reason = (fallbackError as NodeJS.ErrnoException).code ?? (fallbackError as Error).message;
      throw new EbrError(
        'PORT_LIST_UNAVAILABLE',
        `The serial ports cannot be listed: ${problem}, and ${roots.sys}/class/tty cannot be read (${reason}). ` +
          "Install udev, or type the instrument's port (e.g. /dev/ttyUSB0).",
        { missing: ['udevadm', `${roots.sys}/class/tty`] },
      );
    }
  }
}

export async function listSerialPorts(options: ListPortsOptions = {}): Promise<SerialPortInfo[]> {
  return (await listSerialPortsWithNote(options)).ports;
}
