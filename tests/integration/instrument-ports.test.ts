/**
 * The OS serial ports offered in the instrument register form (`instruments.ports`): a
 * technician, who registers instruments, gets the list — through udev, or from sysfs where
 * udevadm is missing; an operator is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSysfsSerialPorts } from '../../electron/core/devices/sysfs-ports';
import type { SerialPortView } from '../../shared/contract/instruments';
import { freshApp, type FreshApp } from '../helpers/fresh-app';
import { activeUser, expectError, value, type SignedInUser } from '../helpers/identity';
import { STAND_IN_PORT, udevadmFolders, withPath, type UdevadmFolders } from '../helpers/udevadm-stand-in';

let fresh: FreshApp;
let tess: SignedInUser;
let olga: SignedInUser;
let folders: UdevadmFolders;

beforeAll(async () => {
  fresh = await freshApp();
  const admin = await fresh.admin();
  tess = await activeUser(fresh.app, admin, 'tess', ['technician']);
  olga = await activeUser(fresh.app, admin, 'olga', ['operator']);
  folders = udevadmFolders();
}, 60_000);
afterAll(async () => {
  folders?.dispose();
  await fresh?.cleanup();
});

describe('instruments.ports', () => {
  it('lists the serial ports the OS knows for a technician', async () => {
    const ports = value<SerialPortView[]>(await tess.connection.invoke('instruments.ports', {}));
    expect(Array.isArray(ports)).toBe(true);
    for (const port of ports) expect(typeof port.path).toBe('string');
  });

  it('lists them from sysfs when udevadm is not installed (not INTERNAL)', async () => {
    const result = await withPath(folders.withoutUdevadm, () =>
      tess.connection.invoke('instruments.ports', {}),
    );
    expect(value<SerialPortView[]>(result)).toEqual(await listSysfsSerialPorts());
  });

  it('lists what udevadm exports when it is there (a stand-in for the real tool)', async () => {
    const result = await withPath(folders.standIn, () => tess.connection.invoke('instruments.ports', {}));
    expect(value<SerialPortView[]>(result)).toEqual([STAND_IN_PORT]);
  });

  it('is refused for an operator', async () => {
    expectError(await olga.connection.invoke('instruments.ports', {}), 'FORBIDDEN');
  });
});
