import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ReviewRecordedState } from '../audit-reviews/review-recorded';
import { useChannel } from '../ipc/use-channel';
import { usePermission } from '../shell/use-permission';
import { ErrorNotice } from '../ui/error-notice';
import { LoadingNotice } from '../ui/loading-notice';
import { Panel } from '../ui/panel';
import { ScreenHeader } from '../ui/screen-header';
import { AuditExports } from './audit-exports';
import { AuditFilterForm } from './audit-filter-form';
import { AuditPager } from './audit-pager';
import { describeScope } from './audit-scope';
import { AuditTable } from './audit-table';
import { IntegrityCheck } from './integrity-check';
import { RecordReviewDialog } from './record-review-dialog';
import { useAuditPages } from './use-audit-pages';

/** The audit trail: filter, read page by page (newest first), export, verify, and record a review. */
export function AuditScreen() {
  const pages = useAuditPages();
  const people = useChannel('audit.people', {});
  const canReview = usePermission('audit.review');
  const canVerify = usePermission('audit.verify');
  const navigate = useNavigate();
  const [reviewing, setReviewing] = useState(false);
  const peopleList = people.state.status === 'ready' ? people.state.value : [];
  const scopeWords = describeScope(pages.filter, peopleList);

  return (
    <div className="screen">
      <ScreenHeader
        title="Audit trail"
        purpose="Every recorded change with who, when, where and why. Filter it, read old and new values, export it, check its integrity."
        action={
          <div className="screen__actions">
            <Link className="button button--large" to="/audit-reviews" data-testid="open-reviews">
              Reviews
            </Link>
            {canReview ? (
              <button
                type="button"
                className="button button--primary button--large"
                onClick={() => setReviewing(true)}
                data-testid="record-review"
              >
                Record review…
              </button>
            ) : null}
          </div>
        }
      />
      <section className="audit-filter-bar" aria-label="Filter">
        <AuditFilterForm people={peopleList} onApply={pages.apply} />
      </section>
      <Panel title="Rows, newest first" wide>
        <div className="audit-toolbar">
          <p className="audit-scope" data-testid="audit-scope">
            <span className="audit-scope__caption">Showing:</span> {scopeWords}
          </p>
          <AuditExports key={JSON.stringify(pages.filter)} filter={pages.filter} />
        </div>
        {pages.error ? <ErrorNotice error={pages.error.toData()} onRetry={pages.reload} /> : null}
        {!pages.page && !pages.error ? <LoadingNotice what="audit rows" /> : null}
        {pages.page ? (
          <div
            className={pages.loading ? 'audit-results audit-results--loading' : 'audit-results'}
            aria-busy={pages.loading}
            data-testid="audit-results"
            data-loading={String(pages.loading)}
          >
            <AuditTable rows={pages.page.rows} names={pages.page} />
            <AuditPager
              rows={pages.page.rows}
              pageNumber={pages.pageNumber}
              canNewer={pages.canNewer}
              canOlder={pages.canOlder}
              onNewer={pages.newer}
              onOlder={pages.older}
              pageSize={pages.pageSize}
              onPageSize={pages.setPageSize}
            />
          </div>
        ) : null}
      </Panel>
      {canVerify ? (
        <Panel title="Integrity check" wide>
          <IntegrityCheck />
        </Panel>
      ) : null}
      {reviewing ? (
        <RecordReviewDialog
          filter={pages.filter}
          scopeWords={scopeWords}
          onClose={() => setReviewing(false)}
          onRecorded={(review) => {
            setReviewing(false);
            void navigate('/audit-reviews', {
              state: { recordedReviewId: review.id } satisfies ReviewRecordedState,
            });
          }}
        />
      ) : null}
    </div>
  );
}
