import type { RecipeImportProblem } from '../../../shared/contract/recipes';
import type { EbrErrorData } from '../../../shared/errors';

/** A refused import as shown: the file, one sentence, and every problem the core found. */
export interface ImportRefusal {
  fileName: string;
  code: EbrErrorData['code'];
  summary: string;
  problems: RecipeImportProblem[];
}

function problemList(details: Record<string, unknown> | undefined): RecipeImportProblem[] {
  const problems = details?.problems;
  if (!Array.isArray(problems)) return [];
  return problems.filter(
    (problem): problem is RecipeImportProblem =>
      typeof problem === 'object' &&
      problem !== null &&
      typeof (problem as RecipeImportProblem).path === 'string' &&
      typeof (problem as RecipeImportProblem).message === 'string',
  );
}

export function importRefusal(fileName: string, error: EbrErrorData): ImportRefusal {
  const problems = problemList(error.details);
  if (problems.length > 0) {
    return {
      fileName,
      code: error.code,
      summary: `${fileName} is not a valid recipe: ${problems.length === 1 ? '1 problem' : `${problems.length} problems`}.`,
      problems,
    };
  }
  if (error.code === 'CONFLICT')
    return {
      fileName,
      code: error.code,
      summary: 'This version already exists.',
      problems: [{ path: '', message: error.message }],
    };
  return {
    fileName,
    code: error.code,
    summary: `${fileName} was not imported.`,
    problems: [{ path: '', message: error.message }],
  };
}
