import type { ExportedFile } from '../../../shared/contract/audit-trail';

/** An exported file's bytes (base64 from the core) as a Blob URL for a download link. Revoke when done. */
export function exportedFileUrl(file: ExportedFile): string {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return URL.createObjectURL(new Blob([bytes], { type: file.mediaType }));
}
