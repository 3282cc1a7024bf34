import canonicalize from 'canonicalize';

/** RFC 8785 (JCS) canonical JSON: the exact bytes that hashes and signatures cover. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('Value has no JSON form (undefined, function or symbol)');
  return text;
}
