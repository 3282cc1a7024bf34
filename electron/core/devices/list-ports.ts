/** The serial ports the OS lists, for choosing an instrument's port (registry, `ebr device list-ports`). */
import { readdirSync } from 'node:fs';
import { SerialPort } from 'serialport';

export interface SerialPortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
}

/** Device names of serial ports under /dev: on-board, USB adapters, USB-CDC, Raspberry Pi. */
const SERIAL_DEVICE = /^tty(S|USB|ACM|AMA)\d+$/;

/**
 * Where the serial port library cannot ask the OS (on Linux it runs `udevadm`, absent without
 * udev, e.g. in containers), the port names under /dev: a technician still picks from a list.
 */
function devicePorts(): SerialPortInfo[] {
  try {
    return readdirSync('/dev')
      .filter((name) => SERIAL_DEVICE.test(name))
      .map((name) => ({ path: `/dev/${name}` }));
  } catch {
    return [];
  }
}

async function osPorts(): Promise<SerialPortInfo[]> {
  try {
    return await SerialPort.list();
  } catch (error) {
    if (process.platform !== 'linux') throw error;
    return devicePorts();
  }
}

export async function listSerialPorts(): Promise<SerialPortInfo[]> {
  const ports = await osPorts();
  return ports
    .map((port) => {
      const info: SerialPortInfo = { path: port.path };
      if (port.manufacturer) info.manufacturer = port.manufacturer;
      if (port.serialNumber) info.serialNumber = port.serialNumber;
      if (port.vendorId) info.vendorId = port.vendorId;
      if (port.productId) info.productId = port.productId;
      return info;
    })
    .sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
}
