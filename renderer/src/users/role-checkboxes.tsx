import { roleLabels, roles, type Role } from '../../../shared/permissions';
import { CheckboxField } from '../ui/checkbox-field';

const roleDuties: Record<Role, string> = {
  operator: 'Executes batch steps, signs as performer.',
  supervisor: 'Co-signs critical steps, approves overrides.',
  qa: 'Reviews by exception, releases batches.',
  technician: 'Devices, backups, exports.',
  'material-handler': 'Materials and lots: receives, registers and imports them.',
  trainer: 'SOPs and qualifications; records read-and-understood and assessments.',
  administrator: 'Users, terminals, security settings, alerts.',
};

/** Roles as big checkboxes; a user can hold several. */
export function RoleCheckboxes({
  value,
  onChange,
  error,
  stacked = false,
}: {
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
  error?: string | undefined;
  /** One per line, for a narrow column. */
  stacked?: boolean;
}) {
  const toggle = (role: Role, on: boolean) =>
    onChange(roles.filter((candidate) => (candidate === role ? on : value.includes(candidate))));
  return (
    <fieldset className={error ? 'roles field--invalid' : 'roles'} data-testid="role-checkboxes">
      <legend className="field__label">Roles</legend>
      <div className={stacked ? 'roles__grid roles__grid--stacked' : 'roles__grid'}>
        {roles.map((role) => (
          <CheckboxField
            key={role}
            checked={value.includes(role)}
            onChange={(on) => toggle(role, on)}
            detail={roleDuties[role]}
            testId={`role-${role}`}
          >
            {roleLabels[role]}
          </CheckboxField>
        ))}
      </div>
      {error ? <p className="field__error">{error}</p> : null}
    </fieldset>
  );
}
