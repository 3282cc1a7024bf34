/** Navigation state: the file a version was just imported from, for its screen to announce. */
export interface RecipeImportedState {
  importedFrom: string;
}

export function importedFrom(state: unknown): string | null {
  if (typeof state !== 'object' || state === null) return null;
  const file = (state as Partial<RecipeImportedState>).importedFrom;
  return typeof file === 'string' ? file : null;
}
