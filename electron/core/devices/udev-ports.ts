/**
 * Listing Linux serial ports through udev: `udevadm info -e`, read the way
 * `@serialport/bindings-cpp` reads it. Run here rather than through `SerialPort.list()` because
 * the binding resolves an empty list when udevadm fails (its output ends before its exit code
 * arrives) — a failure must be told apart from "no ports".
 */
import { execFile } from 'node:child_process';
import type { SerialPortInfo } from './list-ports';

/** As the binding matches udev device names (`N:` lines). */
const SERIAL_DEVICE = /(tty(S|WCH|ACM|USB|AMA|MFD|O|XRUSB)|rfcomm)/;

/** udev properties → port fields; ID_USB_* cover a systemd that leaves the plain ones out. */
const fields: Record<string, keyof SerialPortInfo> = {
  DEVNAME: 'path',
  ID_VENDOR_ENC: 'manufacturer',
  ID_USB_VENDOR_ENC: 'manufacturer',
  ID_SERIAL_SHORT: 'serialNumber',
  ID_USB_SERIAL_SHORT: 'serialNumber',
  ID_VENDOR_ID: 'vendorId',
  ID_USB_VENDOR_ID: 'vendorId',
  ID_MODEL_ID: 'productId',
  ID_USB_MODEL_ID: 'productId',
};

const decodeHexEscapes = (text: string) =>
  text.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The serial ports in a `udevadm info -e` export: one block per device, `P:` starts each. */
export function parseUdevExport(text: string): SerialPortInfo[] {
  const ports: SerialPortInfo[] = [];
  let port: SerialPortInfo | undefined;
  let skip = false;
  for (const line of text.split('\n')) {
    const type = line.slice(0, 1);
    const data = line.slice(3);
    if (type === 'P') {
      port = undefined;
      skip = false;
    } else if (skip) {
      continue;
    } else if (type === 'N') {
      if (SERIAL_DEVICE.test(data)) ports.push((port = { path: '' }));
      else skip = true;
    } else if (type === 'E' && port) {
      const match = /^([^=]+)=(.*)$/.exec(data);
      const field = match && fields[match[1]!.toUpperCase()];
      if (!match || !field) continue;
      const value = match[2]!.trim();
      if (field === 'manufacturer') port.manufacturer = decodeHexEscapes(value);
      else port[field] = value.replace(/^0x/, '');
    }
  }
  return ports.filter((candidate) => candidate.path !== '');
}

/** Runs `udevadm info -e`; rejects when it is missing (code ENOENT) or exits with an error. */
export function udevExport(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'udevadm',
      ['info', '-e'],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 20_000 },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const detail = stderr.trim().split('\n')[0];
        const failure = error as NodeJS.ErrnoException & { code?: unknown };
        if (failure.code === 'ENOENT') return reject(failure);
        reject(
          new Error(
            typeof failure.code === 'number'
              ? `exit code ${failure.code}${detail ? `: ${detail}` : ''}`
              : failure.message,
          ),
        );
      },
    );
  });
}
