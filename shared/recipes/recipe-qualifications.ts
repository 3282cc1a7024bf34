import type { SignatureMeaning } from '../signatures';
import type { Recipe } from './recipe-schema';

/** What a step asks of people (issue 20): the performer's qualifications, and each signature meaning's. */
export interface StepQualificationNeeds {
  performer: string[];
  signatures: Partial<Record<SignatureMeaning, string[]>>;
}

/** The recipe's, the operation's and the step's own qualifications, for the step `stepId`. */
export function stepQualificationNeeds(recipe: Recipe, stepId: string): StepQualificationNeeds {
  for (const operation of recipe.procedure.operations) {
    const step = operation.steps.find((candidate) => candidate.id === stepId);
    if (!step) continue;
    const performer = [
      ...(recipe.header.qualifications ?? []),
      ...(operation.qualifications ?? []),
      ...(step.qualifications ?? []),
    ];
    const signatures: StepQualificationNeeds['signatures'] = {};
    for (const signature of step.signatures) {
      if (!signature.qualifications) continue;
      signatures[signature.meaning] = [
        ...new Set([...(signatures[signature.meaning] ?? []), ...signature.qualifications]),
      ];
    }
    return { performer: [...new Set(performer)], signatures };
  }
  return { performer: [], signatures: {} };
}

/** Every qualification code the recipe names, with where (a path as the validator reports it). */
export function namedQualifications(recipe: Recipe): { path: string; code: string }[] {
  const named: { path: string; code: string }[] = [];
  const add = (path: string, codes: readonly string[] | undefined) =>
    codes?.forEach((code, index) => named.push({ path: `${path}.qualifications[${index}]`, code }));
  add('header', recipe.header.qualifications);
  recipe.procedure.operations.forEach((operation, o) => {
    add(`procedure.operations[${o}]`, operation.qualifications);
    operation.steps.forEach((step, s) => {
      const stepPath = `procedure.operations[${o}].steps[${s}]`;
      add(stepPath, step.qualifications);
      step.signatures.forEach((signature, g) =>
        add(`${stepPath}.signatures[${g}]`, signature.qualifications),
      );
    });
  });
  return named;
}
