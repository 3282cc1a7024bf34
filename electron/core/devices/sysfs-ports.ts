/**
 * Listing Linux serial ports without udev: the kernel's own view in /sys/class/tty, plus the
 * /dev/serial/by-id links. Used when `udevadm` (which `@serialport/bindings-cpp` runs to list
 * ports) is not installed or fails — minimal images and containers often lack udev.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SerialPortInfo } from './list-ports';

export interface SysfsRoots {
  /** Where sysfs is mounted; tests build a small tree elsewhere. */
  sys: string;
  /** Where device nodes live. */
  dev: string;
}

export const systemRoots: SysfsRoots = { sys: '/sys', dev: '/dev' };

/**
 * The tty names `@serialport/bindings-cpp` lists through udev, so both ways list the same kind of
 * port: 16550 UARTs (ttyS), USB adapters (ttyUSB, ttyACM, ttyWCH, ttyXRUSB), SoC UARTs (ttyAMA,
 * ttyMFD, ttyO) and Bluetooth serial (rfcomm).
 */
const SERIAL_NAME = /^(?:tty(?:S|WCH|ACM|USB|AMA|MFD|O|XRUSB)|rfcomm)\d+$/;

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

const readAttribute = (file: string) =>
  readFile(file, 'utf8').then(
    (text) => text.trim() || undefined,
    () => undefined,
  );

/**
 * The USB device a tty hangs off (its interface's parent holds idVendor, idProduct, manufacturer
 * and serial), walking up from the tty's `device` link but never above the sysfs root.
 */
async function usbAttributes(deviceDir: string, sysRoot: string): Promise<Partial<SerialPortInfo>> {
  let dir = deviceDir;
  while (dir.startsWith(sysRoot + path.sep) && dir !== sysRoot) {
    const vendorId = await readAttribute(path.join(dir, 'idVendor'));
    if (vendorId !== undefined) {
      const [productId, manufacturer, serialNumber] = await Promise.all(
        ['idProduct', 'manufacturer', 'serial'].map((name) => readAttribute(path.join(dir, name))),
      );
      return {
        vendorId,
        ...(productId !== undefined && { productId }),
        ...(manufacturer !== undefined && { manufacturer }),
        ...(serialNumber !== undefined && { serialNumber }),
      };
    }
    dir = path.dirname(dir);
  }
  return {};
}

/**
 * Serial ports from sysfs: a tty with a `device` link is backed by hardware (virtual consoles and
 * pseudo-terminals have none), and it is listed only when its node exists under /dev, so every
 * path offered can be opened. Throws when /sys/class/tty cannot be read at all.
 */
export async function listSysfsSerialPorts(roots: SysfsRoots = systemRoots): Promise<SerialPortInfo[]> {
  const classDir = path.join(roots.sys, 'class', 'tty');
  const names = await readdir(classDir);
  const sysRoot = await realpath(roots.sys);
  const devRoot = await realpath(roots.dev);
  const ports = new Map<string, SerialPortInfo>();
  for (const name of names.filter((candidate) => SERIAL_NAME.test(candidate)).sort()) {
    const node = path.join(devRoot, name);
    const deviceLink = path.join(classDir, name, 'device');
    if (!(await exists(deviceLink)) || !(await exists(node))) continue;
    const deviceDir = await realpath(deviceLink);
    ports.set(node, { path: node, ...(await usbAttributes(deviceDir, sysRoot)) });
  }
  // by-id links name USB adapters by maker and serial number; whatever they point at is a port.
  const byId = path.join(devRoot, 'serial', 'by-id');
  const links = await readdir(byId).catch(() => [] as string[]);
  for (const link of links) {
    const target = await realpath(path.join(byId, link)).catch(() => undefined);
    if (target === undefined || ports.has(target)) continue;
    const name = path.basename(target);
    const node = path.join(devRoot, name);
    if (node !== target || !SERIAL_NAME.test(name)) continue;
    ports.set(node, { path: node });
  }
  return [...ports.values()];
}
