import { readableRaw } from './raw-bytes-text';
import '../styles/instruments-live.css';

/** The reply line exactly as the instrument sent it, spaces kept, control bytes escaped. */
export function RawBytes({ hex }: { hex: string }) {
  return <code className="raw-bytes">{readableRaw(hex)}</code>;
}
