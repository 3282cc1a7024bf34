/**
 * The people of the demonstration terminal: one per role and a shift lead with several roles.
 * Their passwords are demo passwords, printed once by `ebr demo` (and by `npm run preview`);
 * each already changed from the administrator's temporary one, so every account can sign.
 */
import type { Role } from '../../../shared/permissions';

export interface DemoPerson {
  username: string;
  fullName: string;
  roles: Role[];
  password: string;
}

export const DEMO_ADMIN: DemoPerson = {
  username: 'admin',
  fullName: 'Ada Admin',
  roles: ['administrator'],
  password: 'Keys-Vault7-Demo',
};

/** Everyone else, created by the administrator in this order. */
export const DEMO_STAFF = {
  olga: { username: 'olga', fullName: 'Olga Operator', roles: ['operator'], password: 'Tablet-Line-26!' },
  oscar: { username: 'oscar', fullName: 'Oscar Operator', roles: ['operator'], password: 'Granule-Mix-26!' },
  sven: {
    username: 'sven',
    fullName: 'Sven Supervisor',
    roles: ['supervisor'],
    password: 'Cosign-Shift-26!',
  },
  quinn: { username: 'quinn', fullName: 'Quinn QA', roles: ['qa'], password: 'Release-Gate-26!' },
  tina: {
    username: 'tina',
    fullName: 'Tina Technician',
    roles: ['technician'],
    password: 'Balance-Cal-26!',
  },
  mia: {
    username: 'mia',
    fullName: 'Mia Material-Handler',
    roles: ['material-handler'],
    password: 'Lot-Receipt-26!',
  },
  morgan: {
    username: 'morgan',
    fullName: 'Morgan Shift-Lead',
    roles: ['supervisor', 'qa', 'technician'],
    password: 'Lead-Hand-26!',
  },
} as const satisfies Record<string, DemoPerson>;

export type DemoStaffName = keyof typeof DEMO_STAFF;

/** The administrator's setup password and the temporary one new accounts get (both replaced). */
export const DEMO_SETUP_PASSWORD = 'Demo-Setup-2026!';
export const DEMO_TEMPORARY_PASSWORD = 'Demo-Temporary-1';

/** The account the demo locks by mistyped passwords, so the administrator has an alert to handle. */
export const DEMO_LOCKED_OUT = 'oscar';

export const DEMO_TERMINAL = { name: 'DEMO-01', location: 'Demonstration bench' };

/** Everyone with a demo password, for the printed table. */
export function demoPeople(): DemoPerson[] {
  return [DEMO_ADMIN, ...Object.values(DEMO_STAFF)];
}

/** The table `ebr demo` and `npm run preview` print: username, password, roles, printed name. */
export function demoPeopleTable(): string {
  const rows = demoPeople().map((person) => [
    person.username,
    person.password,
    person.roles.join(', '),
    person.fullName,
  ]);
  const header = ['User', 'Demo password', 'Roles', 'Printed name'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    '',
    `Note: ${DEMO_LOCKED_OUT} is locked after failed sign-ins (a security alert): sign in as ${DEMO_ADMIN.username} and unlock the account under Users.`,
  ].join('\n');
}
