import type { RecordFile } from '../../../shared/contract/records';

/** A generated record's bytes (base64 from the core) as a Blob URL to save. Revoke when done. */
export function recordFileUrl(file: RecordFile): string {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return URL.createObjectURL(new Blob([bytes], { type: file.mediaType }));
}
