/**
 * PATH folders for listing serial ports with and without udev, whether or not the real udevadm is
 * installed on this machine (CI installs udev; a bare machine has none).
 *
 * - `withoutUdevadm`: an empty folder — a PATH of only it lacks udevadm.
 * - `standIn`: a folder whose `udevadm` is a STAND-IN for the real tool, not udev itself: a shell
 *   script that prints, for `udevadm info -e`, the export of one made-up USB serial adapter
 *   (STAND_IN_PORT), in the format the real tool uses. Anything else exits 1.
 * - `failing`: a `udevadm` that exits 3, like a broken udev database.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const STAND_IN_PORT = {
  path: '/dev/ttyUSB97',
  manufacturer: 'EBR Stand-in Adapters',
  serialNumber: 'STANDIN0001',
  vendorId: '0403',
  productId: '6001',
} as const;

const standInScript = `#!/bin/sh
# Stand-in for udevadm, written by tests/helpers/udevadm-stand-in.ts: NOT the real udev tool.
if [ "$1" != "info" ] || [ "$2" != "-e" ]; then echo "stand-in udevadm: only 'info -e'" >&2; exit 1; fi
# Shell built-ins only: the PATH may hold nothing but this folder.
while IFS= read -r line; do printf '%s\n' "$line"; done <<'EXPORT'
P: /devices/virtual/tty/tty0
N: tty0
E: DEVNAME=/dev/tty0
E: SUBSYSTEM=tty

P: /devices/pci0000:00/0000:00:14.0/usb1/1-4/1-4:1.0/ttyUSB97/tty/ttyUSB97
N: ttyUSB97
L: 0
S: serial/by-id/usb-EBR_Stand-in_Adapters_STANDIN0001-if00-port0
E: DEVPATH=/devices/pci0000:00/0000:00:14.0/usb1/1-4/1-4:1.0/ttyUSB97/tty/ttyUSB97
E: DEVNAME=/dev/ttyUSB97
E: SUBSYSTEM=tty
E: ID_VENDOR_ENC=EBR\\x20Stand-in\\x20Adapters
E: ID_SERIAL_SHORT=STANDIN0001
E: ID_VENDOR_ID=0403
E: ID_MODEL_ID=6001
E: DEVLINKS=/dev/serial/by-id/usb-EBR_Stand-in_Adapters_STANDIN0001-if00-port0

EXPORT
`;

export interface UdevadmFolders {
  withoutUdevadm: string;
  standIn: string;
  failing: string;
  dispose(): void;
}

function script(folder: string, text: string): string {
  mkdirSync(folder);
  const file = path.join(folder, 'udevadm');
  writeFileSync(file, text);
  chmodSync(file, 0o755);
  return folder;
}

export function udevadmFolders(): UdevadmFolders {
  const root = mkdtempSync(path.join(tmpdir(), 'ebr-udevadm-'));
  const withoutUdevadm = path.join(root, 'no-udevadm');
  mkdirSync(withoutUdevadm);
  return {
    withoutUdevadm,
    standIn: script(path.join(root, 'stand-in'), standInScript),
    failing: script(
      path.join(root, 'failing'),
      '#!/bin/sh\necho "stand-in udevadm: database broken" >&2\nexit 3\n',
    ),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Runs `action` with PATH set to `folder` only, in this process (spawn looks udevadm up in it). */
export async function withPath<T>(folder: string, action: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH;
  process.env.PATH = folder;
  try {
    return await action();
  } finally {
    process.env.PATH = saved;
  }
}
