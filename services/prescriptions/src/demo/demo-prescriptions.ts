import type { RefundLevel } from '@pacjent/contracts';

/** Identity's demo accounts (services/identity/src/demo/demo-accounts.ts): patient@demo.test and doctor@demo.test. */
export const DEMO_PATIENT_ID = '00000000-0000-4000-8000-00000000a71e';
export const DEMO_DOCTOR_ID = '00000000-0000-4000-8000-000000000d0c';

export interface DemoPrescription {
  /** Issued this many days before the seeding. */
  issuedDaysAgo: number;
  validDays: number;
  dispensed: boolean;
  items: Array<{
    name: string;
    strength: string;
    packSize: number;
    dosage: string;
    quantity: number;
    refundLevel: RefundLevel;
    supplyDays?: number;
  }>;
}

/**
 * The demo patient's treatment: hypothyroidism and hypertension on a
 * prescription that has expired (so "Zamów e-Receptę" has something to
 * renew), type 2 diabetes and cholesterol on an active chronic one, and an
 * antibiotic that was dispensed last winter.
 */
export const DEMO_PRESCRIPTIONS: readonly DemoPrescription[] = [
  {
    issuedDaysAgo: 120,
    validDays: 7,
    dispensed: true,
    items: [
      {
        name: 'Amoksiklav',
        strength: '875 mg + 125 mg',
        packSize: 14,
        dosage: '1 tabl. co 12 godzin przez 7 dni',
        quantity: 1,
        refundLevel: '100%',
      },
    ],
  },
  {
    issuedDaysAgo: 50,
    validDays: 30,
    dispensed: false,
    items: [
      {
        name: 'Euthyrox N',
        strength: '75 µg',
        packSize: 100,
        dosage: '1 tabl. rano na czczo',
        quantity: 1,
        refundLevel: 'R',
      },
      { name: 'Bisocard', strength: '5 mg', packSize: 30, dosage: '1 tabl. rano', quantity: 2, refundLevel: '30%' },
    ],
  },
  {
    issuedDaysAgo: 10,
    validDays: 180,
    dispensed: false,
    items: [
      {
        name: 'Metformax',
        strength: '850 mg',
        packSize: 60,
        dosage: '1 tabl. 2 x dziennie po posiłku',
        quantity: 3,
        refundLevel: '30%',
        supplyDays: 90,
      },
      {
        name: 'Atoris',
        strength: '20 mg',
        packSize: 30,
        dosage: '1 tabl. wieczorem',
        quantity: 3,
        refundLevel: '30%',
        supplyDays: 90,
      },
    ],
  },
];
