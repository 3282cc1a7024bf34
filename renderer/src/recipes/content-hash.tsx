import { GroupedCode } from '../ui/grouped-code';

/** A SHA-256 in groups of eight, so two hashes can be compared group by group. */
export function ContentHash({ hash, testId }: { hash: string; testId?: string }) {
  return <GroupedCode value={hash.replace(/(.{8})(?=.)/g, '$1 ')} size="small" testId={testId} />;
}
