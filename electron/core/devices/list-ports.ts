/** The serial ports the OS lists, for choosing an instrument's port (registry, `ebr device list-ports`). */
import { SerialPort } from 'serialport';

export interface SerialPortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
}

export async function listSerialPorts(): Promise<SerialPortInfo[]> {
  const ports = await SerialPort.list();
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
