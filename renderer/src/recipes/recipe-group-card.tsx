import { Link } from 'react-router';
import type { RecipeVersionSummary } from '../../../shared/contract/recipes';
import { useSystemInfo } from '../system/system-info-context';
import { DataTable } from '../ui/data-table';
import type { RecipeGroup } from './recipe-groups';
import { RecipeStatusBadge } from './recipe-status-badge';
import { VersionDates } from './version-dates';

/** One recipe code with all its versions: status, product, steps, author, dates, and a way in. */
export function RecipeGroupCard({ group }: { group: RecipeGroup }) {
  const { info } = useSystemInfo();
  return (
    <section
      className="recipe-group"
      aria-label={`Recipe ${group.code}`}
      data-testid="recipe-group"
      data-code={group.code}
    >
      <header className="recipe-group__header">
        <h2 className="recipe-group__title">
          <code className="recipe-group__code">{group.code}</code> {group.name}
        </h2>
        <p className="recipe-group__product">
          {group.product.code} · {group.product.name}
        </p>
      </header>
      <DataTable<RecipeVersionSummary>
        caption={`Versions of ${group.code}`}
        rows={group.versions}
        rowKey={(version) => version.id}
        rowTestId="recipe-version-row"
        empty="No version."
        rowClassName={(version) =>
          version.status === 'superseded' || version.status === 'retired' || version.status === 'rejected'
            ? 'table__row--inactive'
            : undefined
        }
        columns={[
          {
            header: 'Version',
            cell: (version) => (
              <span className="table__stack">
                <Link
                  className="button recipe-row__open"
                  to={`/recipes/${version.id}`}
                  data-testid="open-recipe"
                  aria-label={`Open ${version.code} version ${version.versionLabel}`}
                >
                  <span className="recipe-row__version" data-testid="recipe-row-version">
                    {version.versionLabel}
                  </span>
                  <span aria-hidden="true">›</span>
                </Link>
                <span className="recipe-row__steps" data-testid="recipe-row-steps">
                  {version.stepCount} {version.stepCount === 1 ? 'step' : 'steps'}
                </span>
              </span>
            ),
          },
          { header: 'Status', cell: (version) => <RecipeStatusBadge status={version.status} /> },
          {
            header: 'Product',
            cell: (version) => (
              <span
                className="recipe-row__product"
                title={version.product.name}
                data-testid="recipe-row-product"
              >
                {version.product.code}
              </span>
            ),
          },
          { header: 'Author', cell: (version) => version.authorName },
          { header: `Dates, ${info.timeZone}`, cell: (version) => <VersionDates version={version} /> },
        ]}
      />
    </section>
  );
}
