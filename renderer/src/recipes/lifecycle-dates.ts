import type { RecipeVersionSummary } from '../../../shared/contract/recipes';

export interface LifecycleDate {
  label: string;
  isoUtc: string;
}

/**
 * The moments a version went through, in lifecycle order. An approved version with an effective
 * date is scheduled ("Effective from"), decided by the core's status rather than this screen's clock.
 */
export function lifecycleDates(version: RecipeVersionSummary): LifecycleDate[] {
  const dates: (LifecycleDate | null)[] = [
    { label: 'Imported', isoUtc: version.importedAtUtc },
    version.submittedAtUtc ? { label: 'Submitted', isoUtc: version.submittedAtUtc } : null,
    version.approvedAtUtc ? { label: 'Approved', isoUtc: version.approvedAtUtc } : null,
    version.rejectedAtUtc ? { label: 'Rejected', isoUtc: version.rejectedAtUtc } : null,
    version.effectiveFromUtc
      ? {
          label: version.status === 'approved' ? 'Effective from' : 'Effective',
          isoUtc: version.effectiveFromUtc,
        }
      : null,
    version.supersededAtUtc ? { label: 'Superseded', isoUtc: version.supersededAtUtc } : null,
    version.retiredAtUtc ? { label: 'Retired', isoUtc: version.retiredAtUtc } : null,
  ];
  return dates.filter((date): date is LifecycleDate => date !== null);
}
