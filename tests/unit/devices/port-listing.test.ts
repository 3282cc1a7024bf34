/**
 * Listing serial ports on Linux both ways: through udev (`udevadm info -e` export) and, where
 * udev is missing or fails, from a sysfs tree (built here in a temp folder, real files and links).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EbrError } from '../../../shared/errors';
import { listSerialPortsWithNote } from '../../../electron/core/devices/list-ports';
import { listSysfsSerialPorts, type SysfsRoots } from '../../../electron/core/devices/sysfs-ports';
import { parseUdevExport } from '../../../electron/core/devices/udev-ports';
import { buildSysfsTree } from '../../helpers/sysfs-tree';
import { udevadmFolders, withPath, type UdevadmFolders } from '../../helpers/udevadm-stand-in';

describe('udevadm info -e export', () => {
  it.each([
    ['no devices', '', []],
    [
      'a USB adapter with maker (hex escapes), serial number and ids (0x dropped)',
      'P: /devices/x/ttyUSB0\nN: ttyUSB0\nE: DEVNAME=/dev/ttyUSB0\nE: ID_VENDOR_ENC=Future\\x20Technology\nE: ID_SERIAL_SHORT=A10K1234\nE: ID_VENDOR_ID=0x0403\nE: ID_MODEL_ID=6001\n',
      [
        {
          path: '/dev/ttyUSB0',
          manufacturer: 'Future Technology',
          serialNumber: 'A10K1234',
          vendorId: '0403',
          productId: '6001',
        },
      ],
    ],
    [
      'the ID_USB_* properties some systemd versions write instead',
      'P: /devices/y\nN: ttyACM0\nE: DEVNAME=/dev/ttyACM0\nE: ID_USB_VENDOR_ENC=Arduino\nE: ID_USB_SERIAL_SHORT=7553\nE: ID_USB_VENDOR_ID=2341\nE: ID_USB_MODEL_ID=0043\n',
      [
        {
          path: '/dev/ttyACM0',
          manufacturer: 'Arduino',
          serialNumber: '7553',
          vendorId: '2341',
          productId: '0043',
        },
      ],
    ],
    [
      'consoles, disks and pseudo-terminals left out; a UART kept',
      'P: /devices/virtual/tty/tty0\nN: tty0\nE: DEVNAME=/dev/tty0\n\nP: /devices/sda\nN: sda\nE: DEVNAME=/dev/sda\n\nP: /devices/pts\nN: pts/3\nE: DEVNAME=/dev/pts/3\n\nP: /devices/platform/serial8250/tty/ttyS0\nN: ttyS0\nE: DEVNAME=/dev/ttyS0\n',
      [{ path: '/dev/ttyS0' }],
    ],
  ])('%s', (_, text, ports) => {
    expect(parseUdevExport(text)).toEqual(ports);
  });
});

let root: string;
let roots: SysfsRoots;
let folders: UdevadmFolders;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'ebr-sysfs-'));
  roots = buildSysfsTree(root);
  folders = udevadmFolders();
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  folders.dispose();
});

describe('serial ports from sysfs', () => {
  it('lists ttys with a device link and a /dev node, USB details from the adapter, and by-id targets', async () => {
    const ports = await listSysfsSerialPorts(roots);
    const dev = (name: string) => path.join(roots.dev, name);
    expect(ports.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: dev('ttyACM0'), vendorId: '2341', productId: '0043' },
      { path: dev('ttyS0') },
      {
        path: dev('ttyUSB0'),
        vendorId: '0403',
        productId: '6001',
        manufacturer: 'FTDI',
        serialNumber: 'A10K1234',
      },
      { path: dev('ttyUSB5') },
    ]);
  });

  it('is what list-ports answers when udevadm is not on the PATH, with a note saying so', async () => {
    const listing = await withPath(folders.withoutUdevadm, () => listSerialPortsWithNote({ roots }));
    expect(listing.ports.map((port) => path.basename(port.path))).toEqual([
      'ttyACM0',
      'ttyS0',
      'ttyUSB0',
      'ttyUSB5',
    ]);
    expect(listing.note).toBe(
      `udevadm is not installed (it comes with the udev package): listed from ${roots.sys}/class/tty and ${roots.dev}/serial/by-id instead`,
    );
  });

  it('is used when udevadm fails too, naming how it failed', async () => {
    const listing = await withPath(folders.failing, () => listSerialPortsWithNote({ roots }));
    expect(listing.ports).toHaveLength(4);
    expect(listing.note).toMatch(
      /^udevadm failed \(exit code 3: stand-in udevadm: database broken\): listed from /,
    );
  });

  it('is not used when udevadm answers: its export is the list', async () => {
    const listing = await withPath(folders.standIn, () => listSerialPortsWithNote({ roots }));
    expect(listing).toEqual({
      ports: [
        {
          path: '/dev/ttyUSB97',
          manufacturer: 'EBR Stand-in Adapters',
          serialNumber: 'STANDIN0001',
          vendorId: '0403',
          productId: '6001',
        },
      ],
    });
  });

  it('refuses with PORT_LIST_UNAVAILABLE naming udevadm and /sys/class/tty when neither can be read', async () => {
    const missing = { sys: path.join(root, 'no-sys'), dev: roots.dev };
    const error = await withPath(folders.withoutUdevadm, () =>
      listSerialPortsWithNote({ roots: missing }).then(
        () => undefined,
        (caught: unknown) => caught,
      ),
    );
    expect(error).toBeInstanceOf(EbrError);
    expect((error as EbrError).toData()).toEqual({
      code: 'PORT_LIST_UNAVAILABLE',
      message:
        'The serial ports cannot be listed: udevadm is not installed (it comes with the udev package), ' +
        `and ${missing.sys}/class/tty cannot be read (ENOENT). Install udev, or type the instrument's port (e.g. /dev/ttyUSB0).`,
      details: { missing: ['udevadm', `${missing.sys}/class/tty`] },
    });
  });
});
