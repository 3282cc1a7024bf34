import type { RecipeVersionSummary } from '../../../shared/contract/recipes';
import { formatUtcInstant } from '../format/time';
import { useSystemInfo } from '../system/system-info-context';
import { lifecycleDates } from './lifecycle-dates';
import { localMinute } from './recipe-time';

/** When a version was imported, submitted, approved…, compact for a table row: local time (the column names the zone), UTC on hover. */
export function VersionDates({ version }: { version: RecipeVersionSummary }) {
  const { info } = useSystemInfo();
  return (
    <dl className="version-dates" data-testid="version-dates">
      {lifecycleDates(version).map((date) => (
        <div className="version-dates__row" key={date.label} data-label={date.label}>
          <dt className="version-dates__label">{date.label}</dt>
          <dd className="version-dates__value" title={formatUtcInstant(date.isoUtc)}>
            {localMinute(date.isoUtc, info.timeZone)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
