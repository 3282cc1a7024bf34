/**
 * `ebr device list-ports` as a real process, with udevadm absent from its PATH and with a
 * stand-in udevadm on it — the same either way whether or not udev is installed on this machine.
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSysfsSerialPorts } from '../../../electron/core/devices/sysfs-ports';
import { STAND_IN_PORT, udevadmFolders, type UdevadmFolders } from '../../helpers/udevadm-stand-in';
import { ebrEntry } from '../../helpers/ebr-command';

const ebr = ebrEntry();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `ebr ARGS` with PATH set to `folder` only (node itself is started by its absolute path). */
function ebrWithPath(folder: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [ebr, ...args],
      { timeout: 60_000, env: { ...process.env, PATH: folder } },
      (error, stdout, stderr) => {
        const code = error ? (error as { code?: unknown }).code : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
  });
}

let folders: UdevadmFolders;
beforeAll(() => {
  folders = udevadmFolders();
});
afterAll(() => folders.dispose());

describe('ebr device list-ports', () => {
  it('without udevadm on the PATH: exit 0, the ports sysfs lists, and a note naming what is missing', async () => {
    const run = await ebrWithPath(folders.withoutUdevadm, ['device', 'list-ports', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(await listSysfsSerialPorts());
    expect(run.stderr).toBe(
      'ebr device list-ports: udevadm is not installed (it comes with the udev package): ' +
        'listed from /sys/class/tty and /dev/serial/by-id instead\n',
    );
    expect(run.stdout + run.stderr).not.toMatch(/INTERNAL|\n\s+at /);
  });

  it('with a stand-in udevadm on the PATH: lists what its `udevadm info -e` export names, as text', async () => {
    const run = await ebrWithPath(folders.standIn, ['device', 'list-ports']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `${STAND_IN_PORT.path}  (${STAND_IN_PORT.manufacturer}, USB ${STAND_IN_PORT.vendorId}:${STAND_IN_PORT.productId}, ` +
        `serial number ${STAND_IN_PORT.serialNumber})\n`,
    );
  });
});
