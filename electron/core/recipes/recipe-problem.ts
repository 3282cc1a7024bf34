/** One thing wrong with a recipe file: where (a JSON path, "" for the file as a whole) and what. */
export interface RecipeProblem {
  path: string;
  message: string;
}

export type PathSegment = string | number;

const plainKey = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** ["procedure", "operations", 0, "steps", 3, "limits", "max"] → "procedure.operations[0].steps[3].limits.max" */
export function formatPath(segments: readonly PathSegment[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (plainKey.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

/** Quotes a value from the file for a message, shortened so a hostile file cannot flood the output. */
export function quote(value: string, max = 60): string {
  const shown = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(shown);
}
