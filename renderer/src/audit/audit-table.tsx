import { Fragment, useState } from 'react';
import type { AuditRowView } from '../../../shared/contract/audit-trail';
import { visibleText } from '../../../shared/text/display-text';
import { localClockParts, utcClockParts } from '../format/time';
import { useSystemInfo } from '../system/system-info-context';
import { entityTypeLabel } from './entity-types';
import { diffSummary, diffValues } from './value-diff';
import { ValueDiffView } from './value-diff-view';

const COLUMNS = 6;

/** Date, then the terminal's local time with its zone, then UTC: three short lines. */
function RowTime({ iso, timeZone }: { iso: string; timeZone: string }) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span className="table__time">{iso}</span>;
  const local = localClockParts(date, timeZone);
  const utc = utcClockParts(date);
  return (
    <span className="audit-table__time table__stack">
      <span>{local.date}</span>
      <span className="audit-table__local">
        {local.time} {local.zone}
      </span>
      <span className="table__time">
        {utc.date === local.date ? utc.time : `${utc.date} ${utc.time}`} UTC
      </span>
    </span>
  );
}

/** Long ids (UUIDs) shortened in the row; the full id is in the tooltip and in the opened row. */
function shortId(id: string): string {
  return id.length > 14 ? `${id.slice(0, 8)}…` : id;
}

function ChangeCell({ row, open, onToggle }: { row: AuditRowView; open: boolean; onToggle: () => void }) {
  if (row.oldValue === null && row.newValue === null) return <span className="muted">—</span>;
  const summary = diffSummary(
    diffValues(row.oldValue, row.newValue),
    row.oldValue !== null,
    row.newValue !== null,
  );
  return (
    <span className="table__stack">
      <span className="audit-table__summary">{summary}</span>
      <button
        type="button"
        className="button audit-table__toggle"
        aria-expanded={open}
        onClick={onToggle}
        data-testid="audit-row-toggle"
      >
        {open ? 'Close' : 'Old → new'}
      </button>
    </span>
  );
}

/** One page of audit rows, newest first; a row opens to show its old and new values side by side. */
export function AuditTable({ rows }: { rows: readonly AuditRowView[] }) {
  const { info } = useSystemInfo();
  const [openSeq, setOpenSeq] = useState<number | null>(null);
  if (rows.length === 0) return <p className="lead muted">No audit rows match this filter.</p>;
  return (
    <div className="table-frame">
      <table className="table audit-table" data-testid="audit-table">
        <caption className="visually-hidden">Audit trail rows, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Seq</th>
            <th scope="col">Time</th>
            <th scope="col">Who</th>
            <th scope="col">Action and entity</th>
            <th scope="col">Reason</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const open = openSeq === row.seq;
            return (
              <Fragment key={row.seq}>
                <tr
                  className={open ? 'audit-table__row audit-table__row--open' : 'audit-table__row'}
                  data-testid="audit-row"
                  data-seq={row.seq}
                  data-action={row.action}
                >
                  <td className="table__key">{row.seq}</td>
                  <td>
                    <RowTime iso={row.atUtc} timeZone={info.timeZone} />
                  </td>
                  <td className="audit-table__who">
                    {row.userName ? (
                      <span className="table__name">{visibleText(row.userName)}</span>
                    ) : (
                      <span className="muted">(not signed in)</span>
                    )}
                  </td>
                  <td>
                    <span className="table__stack">
                      <code className="audit-table__action">{row.action}</code>
                      <span className="audit-table__entity">
                        <span className="audit-table__entity-type" data-testid="audit-row-entity-type">
                          {entityTypeLabel(row.entityType)}
                        </span>{' '}
                        <code className="audit-table__id" title={visibleText(row.entityId)}>
                          {shortId(visibleText(row.entityId))}
                        </code>
                      </span>
                    </span>
                  </td>
                  <td className="audit-table__reason">
                    {row.reason === null ? <span className="muted">—</span> : visibleText(row.reason)}
                  </td>
                  <td className="audit-table__change">
                    <ChangeCell row={row} open={open} onToggle={() => setOpenSeq(open ? null : row.seq)} />
                  </td>
                </tr>
                {open ? (
                  <tr className="audit-table__detail" data-testid="audit-row-detail">
                    <td colSpan={COLUMNS}>
                      <ValueDiffView oldValue={row.oldValue} newValue={row.newValue} />
                      <dl className="audit-table__ids">
                        <div>
                          <dt>Entity</dt>
                          <dd>
                            {entityTypeLabel(row.entityType)} <code>{visibleText(row.entityId)}</code>
                          </dd>
                        </div>
                        <div>
                          <dt>Terminal</dt>
                          <dd>
                            <code>{row.terminalId}</code>
                          </dd>
                        </div>
                        <div>
                          <dt>Row hash</dt>
                          <dd>
                            <code>{row.hash}</code>
                          </dd>
                        </div>
                      </dl>
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
