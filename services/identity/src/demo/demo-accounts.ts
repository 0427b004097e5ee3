import { AccountLevel, Role, type AccountLevel as Level, type Role as RoleName } from '@pacjent/contracts';

export interface DemoAccount {
  id: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  roles: RoleName[];
  level: Level;
}

/** The accounts the README lists. The booking service's demo doctor refers to the doctor's id. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    id: '00000000-0000-4000-8000-0000000057af',
    email: 'staff@demo.test',
    password: 'Staff#Demo2026',
    firstName: 'Katarzyna',
    lastName: 'Wiśniewska',
    roles: [Role.STAFF],
    level: AccountLevel.FULL,
  },
  {
    id: '00000000-0000-4000-8000-000000000d0c',
    email: 'doctor@demo.test',
    password: 'Doctor#Demo2026',
    // The same person as the booking service's demo doctor, "lek. Anna Nowak".
    firstName: 'Anna',
    lastName: 'Nowak',
    roles: [Role.DOCTOR],
    level: AccountLevel.FULL,
  },
];
