import { listSerialPortsWithNote } from '../../core/devices/list-ports';
import type { CliIo } from '../io';
import type { ParsedOptions } from '../options';

/**
 * `ebr device list-ports`: the serial ports the OS lists (path, maker, USB serial number and ids).
 * How they were listed goes to stderr when udev could not list them; nothing listable exits 2.
 */
export async function deviceListPortsCommand(options: ParsedOptions, io: CliIo): Promise<number> {
  const { ports, note } = await listSerialPortsWithNote();
  if (note !== undefined) io.err(`ebr device list-ports: ${note}`);
  if (options.json !== undefined) {
    io.out(JSON.stringify(ports, null, 2));
    return 0;
  }
  if (ports.length === 0) {
    io.out('No serial ports found.');
    return 0;
  }
  for (const port of ports) {
    const usb = port.vendorId && port.productId ? `USB ${port.vendorId}:${port.productId}` : undefined;
    const details = [
      port.manufacturer,
      usb,
      port.serialNumber && `serial number ${port.serialNumber}`,
    ].filter(Boolean);
    io.out(details.length > 0 ? `${port.path}  (${details.join(', ')})` : port.path);
  }
  return 0;
}
