/**
 * A sysfs and /dev laid out as the Linux kernel lays them out, in miniature, in a folder of the
 * test's: real directories, files and symbolic links for the udev-less port listing to read.
 *
 * Ports it should list: ttyACM0 (USB 2341:0043), ttyS0 (a UART), ttyUSB0 (FTDI 0403:6001,
 * serial A10K1234, also in /dev/serial/by-id), ttyUSB5 (known only through a by-id link).
 * Not: ttyS1 (no /dev node), tty0 (a virtual console: no device link), a dangling by-id link.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SysfsRoots } from '../../electron/core/devices/sysfs-ports';

export const SYSFS_TREE_PORTS = ['ttyACM0', 'ttyS0', 'ttyUSB0', 'ttyUSB5'] as const;

export function buildSysfsTree(root: string): SysfsRoots {
  const sys = path.join(root, 'sys');
  const dev = path.join(root, 'dev');
  const dir = (...parts: string[]) => {
    const full = path.join(...parts);
    mkdirSync(full, { recursive: true });
    return full;
  };
  const file = (full: string, text = '') => writeFileSync(full, text);
  const ftdi = dir(sys, 'devices/pci0000:00/usb1/1-4');
  for (const [name, text] of [
    ['idVendor', '0403\n'],
    ['idProduct', '6001\n'],
    ['manufacturer', 'FTDI\n'],
    ['serial', 'A10K1234\n'],
  ] as const)
    file(path.join(ftdi, name), text);
  const arduino = dir(sys, 'devices/pci0000:00/usb2/2-1');
  file(path.join(arduino, 'idVendor'), '2341\n');
  file(path.join(arduino, 'idProduct'), '0043\n');
  const uart = dir(sys, 'devices/platform/serial8250');
  const tty = (name: string, device?: string) => {
    const classEntry = dir(sys, 'class/tty', name);
    if (device) symlinkSync(device, path.join(classEntry, 'device'));
  };
  tty('ttyUSB0', dir(ftdi, '1-4:1.0/ttyUSB0'));
  tty('ttyACM0', dir(arduino, '2-1:1.0'));
  tty('ttyS0', uart);
  // A UART the kernel knows but with no node in /dev: not offered.
  tty('ttyS1', uart);
  // A virtual console: no device link.
  tty('tty0');
  dir(dev, 'serial/by-id');
  for (const name of ['ttyUSB0', 'ttyACM0', 'ttyS0', 'tty0', 'ttyUSB5']) file(path.join(dev, name));
  symlinkSync('../../ttyUSB0', path.join(dev, 'serial/by-id/usb-FTDI_FT232R_USB_UART_A10K1234-if00-port0'));
  // Only by-id knows this one (a class entry the tree lacks), and one link dangles.
  symlinkSync('../../ttyUSB5', path.join(dev, 'serial/by-id/usb-Other_Adapter-if00-port0'));
  symlinkSync('../../ttyUSB9', path.join(dev, 'serial/by-id/usb-Gone_Adapter-if00-port0'));
  return { sys, dev };
}
