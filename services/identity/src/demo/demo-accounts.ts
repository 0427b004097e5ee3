import { AccountLevel, Role, type AccountLevel as Level, type Role as RoleName } from '@pacjent/contracts';

export interface DemoAccount {
  id: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  roles: RoleName[];
  level: Level;
  /** A full patient account is confirmed at a facility, with this PESEL. */
  pesel?: string;
  phone?: string;
}

export const DEMO_PATIENT_ID = '00000000-0000-4000-8000-00000000a71e';
export const DEMO_LAB_ID = '00000000-0000-4000-8000-000000001ab0';

/**
 * The accounts the README lists. The booking service's demo doctor refers to
 * the doctor's id; the demo record (visits, results, prescriptions) belongs
 * to the patient's id.
 */
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
  {
    id: DEMO_PATIENT_ID,
    email: 'patient@demo.test',
    password: 'Patient#Demo2026',
    firstName: 'Maria',
    lastName: 'Zielińska',
    roles: [Role.PATIENT],
    level: AccountLevel.FULL,
    // Born 1985-04-12 (a valid checksum); no real person.
    pesel: '85041203465',
    phone: '+48600100200',
  },
  {
    id: DEMO_LAB_ID,
    email: 'lab@demo.test',
    password: 'Lab#Demo2026',
    firstName: 'Laboratorium',
    lastName: 'Centralne',
    roles: [Role.LAB],
    level: AccountLevel.FULL,
  },
];
