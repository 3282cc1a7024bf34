import type { AuditRowView } from '../../../shared/contract/audit-trail';
import { SelectField } from '../ui/select-field';
import { pageSizes } from './use-audit-pages';

/** "← Newer" and "Older →" over keyset pages, with where this page sits and how many rows a page shows. */
export function AuditPager({
  rows,
  pageNumber,
  canNewer,
  canOlder,
  onNewer,
  onOlder,
  pageSize,
  onPageSize,
}: {
  rows: readonly AuditRowView[];
  pageNumber: number;
  canNewer: boolean;
  canOlder: boolean;
  onNewer: () => void;
  onOlder: () => void;
  pageSize: number;
  onPageSize: (size: number) => void;
}) {
  const first = rows.at(0);
  const last = rows.at(-1);
  return (
    <div className="audit-pager" data-testid="audit-pager">
      <button
        type="button"
        className="button button--large"
        onClick={onNewer}
        disabled={!canNewer}
        data-testid="page-newer"
      >
        ← Newer
      </button>
      <p className="audit-pager__where" data-testid="page-position">
        <span>Page {pageNumber}</span>
        {first && last ? (
          <span className="muted">
            · {first.seq === last.seq ? `seq ${first.seq}` : `seq ${first.seq}–${last.seq}`}
          </span>
        ) : null}
      </p>
      <button
        type="button"
        className="button button--large"
        onClick={onOlder}
        disabled={!canOlder}
        data-testid="page-older"
      >
        Older →
      </button>
      <div className="audit-pager__size">
        <SelectField
          label="Rows per page"
          value={String(pageSize)}
          options={pageSizes.map((size) => ({ value: String(size), label: String(size) }))}
          onChange={(value) => onPageSize(Number(value))}
          testId="page-size"
        />
      </div>
    </div>
  );
}
