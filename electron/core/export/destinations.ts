import { execFile } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { lstat, readdir, readlink, statfs } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ExportDestinationView } from '../../../shared/contract/records';

/** A place an export package can be written to (the type is shared with the renderer's picker). */
export type ExportDestination = ExportDestinationView;

export interface MountEntry {
  device: string;
  mountPoint: string;
  fileSystem: string;
  options: string[];
}

/** /proc/mounts escapes space, tab, newline and backslash in fields as \040, \011, \012, \134. */
function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

export function parseProcMounts(text: string): MountEntry[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length >= 4)
    .map(([device, mountPoint, fileSystem, options]) => ({
      device: unescapeMountField(device!),
      mountPoint: unescapeMountField(mountPoint!),
      fileSystem: fileSystem!,
      options: options!.split(','),
    }));
}

const NETWORK_FILE_SYSTEMS = new Set(['nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', 'fuse.sshfs', '9p']);
/** Block-device file systems that never take an export (read-only images, swap). */
const NEVER_A_DESTINATION = new Set(['squashfs', 'iso9660', 'udf', 'swap', 'erofs']);
/** Where Linux desktops and administrators mount data drives; other fixed mounts are the system's own. */
const DATA_MOUNT_ROOTS = ['/media/', '/run/media/', '/mnt/'];

/** What a block device is, read from sysfs (`sysRoot` is /sys; tests pass a fixture tree). */
export interface BlockDeviceProbe {
  /** The whole disk a device (or partition) belongs to, e.g. sdb1 → sdb; null when not a block device. */
  diskOf(device: string): string | null;
  /** sysfs `removable` is 1, or the disk hangs off a USB bus (USB hard drives report removable 0). */
  isRemovable(disk: string): boolean;
}

export function sysfsProbe(
  sysRoot = '/sys',
  resolveDevice: (device: string) => string = realDevicePath,
): BlockDeviceProbe {
  return {
    diskOf(device) {
      const name = basename(resolveDevice(device));
      const classEntry = join(sysRoot, 'class/block', name);
      if (!existsSync(classEntry)) return null;
      // A partition's sysfs folder sits inside its disk's folder and has a `partition` file.
      if (!existsSync(join(classEntry, 'partition'))) return name;
      return basename(dirname(realpathSync(classEntry)));
    },
    isRemovable(disk) {
      const folder = join(sysRoot, 'block', disk);
      try {
        if (readFileSync(join(folder, 'removable'), 'utf8').trim() === '1') return true;
        return /\/usb\d*\//.test(realpathSync(folder));
      } catch {
        return false;
      }
    },
  };
}

/** /dev/disk/by-uuid/… and /dev/mapper/… are symbolic links to the kernel's name (sdb1, dm-0). */
function realDevicePath(device: string): string {
  try {
    return realpathSync(device);
  } catch {
    return device;
  }
}

type Candidate = Omit<ExportDestination, 'freeBytes' | 'totalBytes'>;

/** The mounts an export could go to, classified; system mounts and pseudo file systems left out. */
export function linuxCandidates(mounts: readonly MountEntry[], probe: BlockDeviceProbe): Candidate[] {
  const byMountPoint = new Map<string, Candidate>();
  for (const mount of mounts) {
    const network = NETWORK_FILE_SYSTEMS.has(mount.fileSystem);
    if (!network && (!mount.device.startsWith('/dev/') || NEVER_A_DESTINATION.has(mount.fileSystem)))
      continue;
    const disk = network ? null : probe.diskOf(mount.device);
    if (!network && disk === null) continue;
    // Snap packages and other read-only images are loop devices.
    if (disk?.startsWith('loop')) continue;
    const removable = disk !== null && probe.isRemovable(disk);
    const dataMount = DATA_MOUNT_ROOTS.some((root) => mount.mountPoint.startsWith(root));
    if (!removable && !network && !dataMount) continue;
    // A later mount on the same point hides the earlier one.
    byMountPoint.set(mount.mountPoint, {
      path: mount.mountPoint,
      label: basename(mount.mountPoint) || mount.mountPoint,
      kind: removable ? 'removable' : network ? 'network' : 'fixed',
      removable,
      readOnly: mount.options.includes('ro'),
      fileSystem: mount.fileSystem,
      device: mount.device,
    });
  }
  return [...byMountPoint.values()];
}

/** Win32_LogicalDisk.DriveType. */
const WINDOWS_DRIVE_KINDS: Record<number, ExportDestination['kind']> = {
  2: 'removable',
  3: 'fixed',
  4: 'network',
};

/**
 * Parses `Get-CimInstance Win32_LogicalDisk | Select-Object DeviceID,DriveType,VolumeName,FileSystem,
 * FreeSpace,Size | ConvertTo-Json` (an object for one drive, a list for several). CD drives
 * (DriveType 5) and empty card readers (no file system) are left out.
 */
export function parseWindowsLogicalDisks(json: string): ExportDestination[] {
  const parsed = JSON.parse(json) as unknown;
  const disks = (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[];
  const destinations: ExportDestination[] = [];
  for (const disk of disks) {
    const kind = WINDOWS_DRIVE_KINDS[Number(disk.DriveType)];
    const letter = typeof disk.DeviceID === 'string' ? disk.DeviceID : null;
    if (kind === undefined || letter === null || typeof disk.FileSystem !== 'string') continue;
    const volume = typeof disk.VolumeName === 'string' && disk.VolumeName !== '' ? disk.VolumeName : null;
    destinations.push({
      path: `${letter}\\`,
      label: volume ? `${volume} (${letter})` : letter,
      kind,
      removable: kind === 'removable',
      readOnly: false,
      fileSystem: disk.FileSystem,
      device: letter,
      freeBytes: typeof disk.FreeSpace === 'number' ? disk.FreeSpace : null,
      totalBytes: typeof disk.Size === 'number' ? disk.Size : null,
    });
  }
  return destinations;
}

/** Removable first, then network shares, then fixed drives; read-only ones last; by path within. */
export function sortDestinations(destinations: ExportDestination[]): ExportDestination[] {
  const rank = (destination: ExportDestination) =>
    (destination.readOnly ? 10 : 0) + ['removable', 'network', 'fixed', 'unknown'].indexOf(destination.kind);
  return [...destinations].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
}

const ANSWER_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, fallback: T): Promise<T> {
  return Promise.race([
    promise.catch(() => fallback),
    new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ANSWER_TIMEOUT_MS).unref()),
  ]);
}

/** Free and total bytes; null when the drive does not answer (a hung network share must not hang the list). */
async function spaceOf(path: string): Promise<{ freeBytes: number | null; totalBytes: number | null }> {
  return withTimeout(
    statfs(path).then((stats) => ({
      freeBytes: stats.bavail * stats.bsize,
      totalBytes: stats.blocks * stats.bsize,
    })),
    { freeBytes: null, totalBytes: null },
  );
}

async function withSpace(candidates: Candidate[]): Promise<ExportDestination[]> {
  return Promise.all(
    candidates.map(async (candidate) => ({ ...candidate, ...(await spaceOf(candidate.path)) })),
  );
}

/** macOS mounts every volume but the start-up disk under /Volumes; the start-up disk's entry links to "/". */
async function macCandidates(): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const name of await readdir('/Volumes').catch(() => [] as string[])) {
    const path = join('/Volumes', name);
    const entry = await lstat(path).catch(() => null);
    if (entry === null || (entry.isSymbolicLink() && (await readlink(path).catch(() => '')) === '/'))
      continue;
    candidates.push({
      path,
      label: name,
      kind: 'removable',
      removable: true,
      readOnly: false,
      fileSystem: '',
      device: name,
    });
  }
  return candidates;
}

function windowsDestinations(): Promise<ExportDestination[]> {
  const command =
    'Get-CimInstance Win32_LogicalDisk | Select-Object DeviceID,DriveType,VolumeName,FileSystem,FreeSpace,Size | ConvertTo-Json';
  return new Promise((resolve) => {
    execFile(
      'powershell.exe',
      ['-NoProfile', '-NonInteractive', '-Command', command],
      { timeout: 10_000, windowsHide: true },
      (error, stdout) => {
        try {
          resolve(error ? [] : parseWindowsLogicalDisks(stdout));
        } catch {
          resolve([]);
        }
      },
    );
  });
}

/**
 * Where an export package can go, removable drives first, each with its free space. Linux reads
 * /proc/mounts and sysfs; macOS lists /Volumes; Windows asks Win32_LogicalDisk through PowerShell
 * (no shell, 10 s limit). An empty list is an answer: the folder picker still lets a person choose.
 */
export async function listExportDestinations(): Promise<ExportDestination[]> {
  if (process.platform === 'win32') return sortDestinations(await windowsDestinations());
  if (process.platform === 'darwin') return sortDestinations(await withSpace(await macCandidates()));
  let mountsText: string;
  try {
    mountsText = readFileSync('/proc/mounts', 'utf8');
  } catch {
    return [];
  }
  return sortDestinations(await withSpace(linuxCandidates(parseProcMounts(mountsText), sysfsProbe())));
}
