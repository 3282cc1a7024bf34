import type { RecipeVersionView } from '../../../shared/contract/recipes';
import type { SignedSubject } from '../signatures/signed-subject';

/** What a recipe signature covers, as the signer reads it: the version and the hash of its content. */
export function recipeSubject(
  version: RecipeVersionView,
  note: { label: string; value: string },
): SignedSubject {
  const { header } = version.recipe;
  return {
    title: `Master recipe ${header.code}, version ${header.versionLabel}`,
    lines: [
      { label: 'Recipe', value: header.name },
      { label: 'Product', value: `${header.product.code} ${header.product.name}` },
      {
        label: 'Procedure',
        value: `${version.stepCount} steps in ${version.recipe.procedure.operations.length} operations`,
      },
      { label: 'Author', value: version.authorName },
      { label: 'Content SHA-256', value: version.contentHash },
      note,
    ],
  };
}
