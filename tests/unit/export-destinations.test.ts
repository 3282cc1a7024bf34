import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  linuxCandidates,
  listExportDestinations,
  parseProcMounts,
  parseWindowsLogicalDisks,
  sortDestinations,
  sysfsProbe,
  type BlockDeviceProbe,
  type ExportDestination,
} from '../../electron/core/export/destinations';
import { temporaryFolder } from '../helpers/fresh-app';

/** /proc/mounts of a Linux workstation with a USB stick, a USB hard drive, an SD card, a share and the usual noise. */
const PROC_MOUNTS = `sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
udev /dev devtmpfs rw,nosuid,relatime,size=8123456k,nr_inodes=2030864,mode=755 0 0
tmpfs /run tmpfs rw,nosuid,nodev,noexec,relatime,size=1632000k,mode=755 0 0
/dev/nvme0n1p2 / ext4 rw,relatime,errors=remount-ro 0 0
/dev/nvme0n1p1 /boot/efi vfat rw,relatime,fmask=0077,dmask=0077 0 0
/dev/loop3 /snap/core22/1380 squashfs ro,nodev,relatime,errors=continue 0 0
/dev/loop4 /var/lib/images/tool squashfs ro,relatime 0 0
/dev/sdb1 /media/tina/EBR\\040EXPORT vfat rw,nosuid,nodev,relatime,uid=1000,gid=1000,fmask=0022,dmask=0022,codepage=437,iocharset=utf8,shortname=mixed,showexec,utf8,flush,errors=remount-ro 0 0
/dev/sdc1 /run/media/tina/Backup exfat rw,nosuid,nodev,relatime,uid=1000 0 0
/dev/sdd1 /media/tina/WRITE-PROTECTED vfat ro,nosuid,nodev,relatime 0 0
/dev/sda1 /mnt/data ext4 rw,relatime 0 0
/dev/sda2 /srv/db ext4 rw,relatime 0 0
/dev/sr0 /media/tina/CDROM iso9660 ro,nosuid,nodev,relatime 0 0
//fileserver/qa /mnt/qa-share cifs rw,relatime,vers=3.1.1,sec=ntlmssp 0 0
tmpfs /run/user/1000 tmpfs rw,nosuid,nodev,relatime,size=1632000k,mode=700,uid=1000 0 0
`;

/** The sysfs facts behind PROC_MOUNTS: sdb is a USB stick, sdc a USB hard drive (removable 0), sdd a write-protected stick. */
const DISKS: Record<string, { removable: boolean; usb: boolean }> = {
  nvme0n1: { removable: false, usb: false },
  sda: { removable: false, usb: false },
  sdb: { removable: true, usb: true },
  sdc: { removable: false, usb: true },
  sdd: { removable: true, usb: true },
  sr0: { removable: true, usb: false },
  loop3: { removable: false, usb: false },
  loop4: { removable: false, usb: false },
};

/** A fixture /sys: class/block links for disks and partitions, block/ links, `removable` and `partition` files. */
function fixtureSysfs(root: string): string {
  const sys = join(root, 'sys');
  mkdirSync(join(sys, 'class/block'), { recursive: true });
  mkdirSync(join(sys, 'block'), { recursive: true });
  for (const [disk, facts] of Object.entries(DISKS)) {
    const bus = facts.usb ? `pci0000:00/0000:00:14.0/usb2/2-1/host6` : 'pci0000:00/0000:00:1d.0';
    const diskFolder = join(sys, 'devices', bus, 'block', disk);
    mkdirSync(diskFolder, { recursive: true });
    writeFileSync(join(diskFolder, 'removable'), facts.removable ? '1\n' : '0\n');
    symlinkSync(diskFolder, join(sys, 'block', disk));
    symlinkSync(diskFolder, join(sys, 'class/block', disk));
    const partitions = disk.startsWith('nvme') ? ['p1', 'p2'] : disk.startsWith('sd') ? ['1', '2'] : [];
    for (const suffix of partitions) {
      const partition = join(diskFolder, `${disk}${suffix}`);
      mkdirSync(partition);
      writeFileSync(join(partition, 'partition'), `${suffix.replace('p', '')}\n`);
      symlinkSync(partition, join(sys, 'class/block', `${disk}${suffix}`));
    }
  }
  return sys;
}

describe('export destinations', () => {
  const root = temporaryFolder('ebr-destinations-');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('parses /proc/mounts, unescaping spaces in mount points', () => {
    const mounts = parseProcMounts(PROC_MOUNTS);
    expect(mounts).toHaveLength(16);
    expect(mounts.find((mount) => mount.device === '/dev/sdb1')).toEqual({
      device: '/dev/sdb1',
      mountPoint: '/media/tina/EBR EXPORT',
      fileSystem: 'vfat',
      options: expect.arrayContaining(['rw', 'nosuid', 'flush']),
    });
    expect(parseProcMounts('a\\134b /x\\011y ext4 ro 0 0\n\n')).toEqual([
      { device: 'a\\b', mountPoint: '/x\ty', fileSystem: 'ext4', options: ['ro'] },
    ]);
  });

  it('lists removable drives (sysfs removable, or on a USB bus), shares and data mounts; never system mounts, images or pseudo file systems', () => {
    const probe = sysfsProbe(fixtureSysfs(root), (device) => device);
    const candidates = linuxCandidates(parseProcMounts(PROC_MOUNTS), probe);
    const destinations = sortDestinations(
      candidates.map((candidate) => ({ ...candidate, freeBytes: 1, totalBytes: 2 })),
    );
    expect(
      destinations.map((destination) => [destination.path, destination.kind, destination.readOnly]),
    ).toEqual([
      ['/media/tina/EBR EXPORT', 'removable', false],
      ['/run/media/tina/Backup', 'removable', false],
      ['/mnt/qa-share', 'network', false],
      ['/mnt/data', 'fixed', false],
      ['/media/tina/WRITE-PROTECTED', 'removable', true],
    ]);
    expect(destinations[0]).toMatchObject({
      label: 'EBR EXPORT',
      device: '/dev/sdb1',
      fileSystem: 'vfat',
      removable: true,
    });
  });

  it('finds the disk of a partition through sysfs and tells removable disks apart', () => {
    const probe = sysfsProbe(join(root, 'sys'), (device) => device);
    expect(probe.diskOf('/dev/sdb1')).toBe('sdb');
    expect(probe.diskOf('/dev/nvme0n1p2')).toBe('nvme0n1');
    expect(probe.diskOf('/dev/sr0')).toBe('sr0');
    expect(probe.diskOf('/dev/mapper/unknown')).toBeNull();
    expect(probe.isRemovable('sdb')).toBe(true);
    expect(probe.isRemovable('sdc')).toBe(true);
    expect(probe.isRemovable('sda')).toBe(false);
    expect(probe.isRemovable('nvme0n1')).toBe(false);
  });

  it('a later mount on the same point hides the earlier one', () => {
    const probe: BlockDeviceProbe = {
      diskOf: (device) => device.slice(5, 8),
      isRemovable: (disk) => disk === 'sde',
    };
    const candidates = linuxCandidates(
      parseProcMounts('/dev/sda1 /mnt/x ext4 rw 0 0\n/dev/sde1 /mnt/x vfat rw 0 0\n'),
      probe,
    );
    expect(candidates).toEqual([
      expect.objectContaining({ path: '/mnt/x', device: '/dev/sde1', kind: 'removable' }),
    ]);
  });

  it('parses Win32_LogicalDisk as PowerShell prints it, leaving out CD drives and empty card readers', () => {
    const json = JSON.stringify([
      {
        DeviceID: 'C:',
        DriveType: 3,
        VolumeName: 'Windows',
        FileSystem: 'NTFS',
        FreeSpace: 5e10,
        Size: 2.5e11,
      },
      { DeviceID: 'D:', DriveType: 5, VolumeName: null, FileSystem: null, FreeSpace: null, Size: null },
      {
        DeviceID: 'E:',
        DriveType: 2,
        VolumeName: 'EBR USB',
        FileSystem: 'exFAT',
        FreeSpace: 3.1e10,
        Size: 3.2e10,
      },
      { DeviceID: 'F:', DriveType: 2, VolumeName: '', FileSystem: null, FreeSpace: null, Size: null },
      { DeviceID: 'Q:', DriveType: 4, VolumeName: 'qa', FileSystem: 'NTFS', FreeSpace: 1e12, Size: 2e12 },
    ]);
    const destinations = sortDestinations(parseWindowsLogicalDisks(json));
    expect(
      destinations.map((destination) => [destination.path, destination.kind, destination.label]),
    ).toEqual([
      ['E:\\', 'removable', 'EBR USB (E:)'],
      ['Q:\\', 'network', 'qa (Q:)'],
      ['C:\\', 'fixed', 'Windows (C:)'],
    ]);
    expect(destinations[0]).toMatchObject({ freeBytes: 3.1e10, totalBytes: 3.2e10, removable: true });
    // One drive: PowerShell prints an object, not a list.
    expect(
      parseWindowsLogicalDisks(JSON.stringify({ DeviceID: 'C:', DriveType: 3, FileSystem: 'NTFS' })),
    ).toHaveLength(1);
  });

  it('on this machine: a list (possibly empty) with free space for each entry, removable ones first', async () => {
    const destinations: ExportDestination[] = await listExportDestinations();
    const firstFixed = destinations.findIndex((destination) => !destination.removable);
    const lastRemovable = destinations.findLastIndex(
      (destination) => destination.removable && !destination.readOnly,
    );
    if (firstFixed !== -1 && lastRemovable !== -1) expect(lastRemovable).toBeLessThan(firstFixed);
    for (const destination of destinations) {
      expect(destination.freeBytes === null || destination.freeBytes >= 0).toBe(true);
    }
  });
});
