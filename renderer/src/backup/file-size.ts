const units = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;

/** `48.2 MB` (powers of 1024, as file managers show it); exact bytes go in the tooltip. */
export function fileSizeText(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** The folder and file name joined the way the folder is written (Windows backslashes or slashes). */
export function backupPath(folder: string, file: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(separator) ? `${folder}${file}` : `${folder}${separator}${file}`;
}
