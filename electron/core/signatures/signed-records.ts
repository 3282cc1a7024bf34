import type { RecordRef } from '../../../shared/contract/signatures';

/**
 * How the current content of each kind of signed record is read back. A signature is verified
 * against the record as it is NOW, so any change after signing is caught (P11-70).
 */
export type SignedContentReader = (recordId: string) => unknown;

/**
 * Record type → reader. signatures/ sits below the domains and imports none of them: each domain's
 * reader is registered where the services are composed (electron/core/signed-record-readers.ts).
 */
export class SignedRecords {
  private readonly readers = new Map<string, SignedContentReader>();

  register(recordType: string, reader: SignedContentReader): void {
    if (this.readers.has(recordType)) throw new Error(`Signed record type ${recordType} registered twice`);
    this.readers.set(recordType, reader);
  }

  /** undefined when the type is unknown or the record is gone. */
  contentOf(record: RecordRef): unknown {
    const reader = this.readers.get(record.type);
    if (!reader) return undefined;
    return reader(record.id) ?? undefined;
  }
}
