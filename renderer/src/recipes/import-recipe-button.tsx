import { useRef, useState, type ChangeEvent } from 'react';
import type { RecipeVersionView } from '../../../shared/contract/recipes';
import { RECIPE_FILE_MAX_BYTES, recipeFileTooLarge } from '../../../shared/recipes/recipe-schema';
import { call } from '../ipc/client';
import { toIpcError } from '../ipc/ipc-error';
import { bytesToBase64 } from './file-base64';
import { importRefusal, type ImportRefusal } from './import-refusal';

/** The core refuses more; checking here first keeps a huge file from crossing the bridge. */

/**
 * "Import recipe…": a JSON file from the file picker, sent as base64 to the core, which checks it
 * and stores a Draft (or refuses it, with every problem, and stores nothing).
 */
export function ImportRecipeButton({
  onImported,
  onRefused,
}: {
  onImported: (version: RecipeVersionView, fileName: string) => void;
  onRefused: (refusal: ImportRefusal | null) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<string | null>(null);

  const chosen = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // the same file can be chosen again after a fix
    if (!file) return;
    onRefused(null);
    if (file.size > RECIPE_FILE_MAX_BYTES) {
      onRefused({
        fileName: file.name,
        code: 'VALIDATION_FAILED',
        summary: `${file.name} was not imported.`,
        problems: [
          {
            path: '',
            message: recipeFileTooLarge(file.size),
          },
        ],
      });
      return;
    }
    setPending(file.name);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const version = await call('recipes.import', { fileName: file.name, base64: bytesToBase64(bytes) });
      onImported(version, file.name);
    } catch (error) {
      onRefused(importRefusal(file.name, toIpcError(error).toData()));
    } finally {
      setPending(null);
    }
  };

  return (
    <>
      <input
        ref={input}
        className="visually-hidden"
        type="file"
        accept=".json,.xml"
        onChange={chosen}
        tabIndex={-1}
        aria-hidden="true"
        data-testid="recipe-file-input"
      />
      <button
        type="button"
        className="button button--primary button--large"
        onClick={() => input.current?.click()}
        disabled={pending !== null}
        data-testid="import-recipe"
      >
        {pending ? `Importing ${pending}…` : 'Import recipe…'}
      </button>
    </>
  );
}
