import type { RecipeVersionView } from '../../../shared/contract/recipes';
import { formatUtcInstant } from '../format/time';
import { useSystemInfo } from '../system/system-info-context';
import { FactList, type Fact } from '../ui/fact-list';
import { ContentHash } from './content-hash';
import { lifecycleDates } from './lifecycle-dates';
import { formatQuantity } from './recipe-numbers';
import { shortLocalTime } from './recipe-time';

/** What the version is: code, name, product, version, batch size, description, hash and its state. */
export function RecipeHeader({ version }: { version: RecipeVersionView }) {
  const { info } = useSystemInfo();
  const { header } = version.recipe;
  const dates: Fact[] = lifecycleDates(version).map((date) => ({
    label: date.label,
    value: (
      <span className="recipe-header__when">
        {shortLocalTime(date.isoUtc, info.timeZone)}
        <span className="recipe-header__utc">{formatUtcInstant(date.isoUtc)}</span>
      </span>
    ),
  }));
  return (
    <section className="panel panel--wide recipe-header" aria-label="Recipe" data-testid="recipe-header">
      <h2 className="recipe-header__name" data-testid="recipe-name">
        {header.name}
      </h2>
      {version.contentIntact ? null : (
        <p className="recipe-header__tampered" role="alert" data-testid="content-not-intact">
          <span aria-hidden="true">!</span> The stored content of this version no longer matches its content
          hash: it was changed outside the application. Do not use, approve or release anything from it;
          report it to QA and an administrator.
        </p>
      )}
      <div className="recipe-header__grid">
        <FactList
          facts={[
            { label: 'Recipe code', value: header.code, testId: 'recipe-code', code: true },
            { label: 'Version', value: header.versionLabel, testId: 'recipe-version-label', code: true },
            {
              label: 'Product',
              value: (
                <>
                  <span className="recipe-header__product-code">{header.product.code}</span>{' '}
                  {header.product.name}
                </>
              ),
              testId: 'recipe-product',
            },
            {
              label: 'Nominal batch',
              value: formatQuantity(header.nominalBatchSize.quantity, header.nominalBatchSize.unit),
              testId: 'recipe-batch-size',
            },
          ]}
        />
        <FactList
          facts={[
            { label: 'Author', value: version.authorName, testId: 'recipe-author' },
            ...dates,
            {
              label: 'Content hash',
              value: <ContentHash hash={version.contentHash} testId="recipe-content-hash" />,
            },
          ]}
        />
      </div>
      {header.description ? (
        <p className="recipe-header__description" data-testid="recipe-description">
          {header.description}
        </p>
      ) : null}
    </section>
  );
}
