/** The query parameter of "Verify a package" that fills in the folder. */
export const VERIFY_FOLDER_PARAM = 'folder';

/** The address of "Verify a package" with the folder filled in. */
export function verifyPackagePath(folder: string): string {
  return `/exports/verify?${new URLSearchParams({ [VERIFY_FOLDER_PARAM]: folder }).toString()}`;
}
