import { Fragment, useState } from 'react';
import { auditActionLabel } from '../../../shared/audit/action-labels';
import type { AuditPageView, AuditRowView } from '../../../shared/contract/audit-trail';
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

/** What a page's entities and terminals are called (from `audit.query`); absent: ids are shown. */
export type AuditNames = Pick<AuditPageView, 'entityNames' | 'terminalNames'>;

const noNames: AuditNames = { entityNames: {}, terminalNames: {} };

function ChangeCell({ row, open, onToggle }: { row: AuditRowView; open: boolean; onToggle: () => void }) {
  const hasValues = row.oldValue !== null || row.newValue !== null;
  const summary = hasValues
    ? diffSummary(diffValues(row.oldValue, row.newValue), row.oldValue !== null, row.newValue !== null)
    : null;
  return (
    <span className="table__stack">
      {summary ? <span className="audit-table__summary">{summary}</span> : null}
      <button
        type="button"
        className="button audit-table__toggle"
        aria-expanded={open}
        onClick={onToggle}
        data-testid="audit-row-toggle"
      >
        {open ? 'Close' : hasValues ? 'Old → new' : 'Details'}
      </button>
    </span>
  );
}

/**
 * One page of audit rows, newest first, for people: actions in words, records and terminals by
 * name. A row opens to show its old and new values side by side and the codes and ids it holds.
 */
export function AuditTable({ rows, names = noNames }: { rows: readonly AuditRowView[]; names?: AuditNames }) {
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
            const entityName = names.entityNames[`${row.entityType}:${row.entityId}`];
            return (
              <Fragment key={row.seq}>
                <tr
                  className={open ? 'audit-table__row audit-table__row--open' : 'audit-table__row'}
                  data-testid="audit-row"
                  data-seq={row.seq}
                  data-action={row.action}
                  data-entity-type={row.entityType}
                >
                  <td className="table__key">{row.seq}</td>
                  <td>
                    <RowTime iso={row.atUtc} timeZone={info.timeZone} />
                  </td>
                  <td className="audit-table__who">
                    <span className="table__stack">
                      {row.userName ? (
                        <span className="table__name">{visibleText(row.userName)}</span>
                      ) : (
                        <span className="muted">(not signed in)</span>
                      )}
                      <span className="audit-table__terminal">
                        at {visibleText(names.terminalNames[row.terminalId] ?? shortId(row.terminalId))}
                      </span>
                    </span>
                  </td>
                  <td>
                    <span className="table__stack">
                      <span className="audit-table__action" data-testid="audit-row-action">
                        {auditActionLabel(row.action)}
                      </span>
                      <span className="audit-table__entity" data-testid="audit-row-entity">
                        <span className="audit-table__entity-type" data-testid="audit-row-entity-type">
                          {entityTypeLabel(row.entityType)}
                        </span>{' '}
                        {entityName === undefined ? (
                          <code className="audit-table__id" title={visibleText(row.entityId)}>
                            {shortId(visibleText(row.entityId))}
                          </code>
                        ) : (
                          <span className="audit-table__name">{visibleText(entityName)}</span>
                        )}
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
                      {row.oldValue !== null || row.newValue !== null ? (
                        <ValueDiffView oldValue={row.oldValue} newValue={row.newValue} />
                      ) : null}
                      <dl className="audit-table__ids" data-testid="audit-row-codes">
                        <div>
                          <dt>Action code</dt>
                          <dd>
                            <code>{row.action}</code>
                          </dd>
                        </div>
                        <div>
                          <dt>Entity</dt>
                          <dd>
                            {entityTypeLabel(row.entityType)} <code>{visibleText(row.entityId)}</code>
                          </dd>
                        </div>
                        <div>
                          <dt>Terminal</dt>
                          <dd>
                            {names.terminalNames[row.terminalId] ?? ''} <code>{row.terminalId}</code>
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
