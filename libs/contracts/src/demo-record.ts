/**
 * The demo patient's record (SEED_DEMO_DATA): booking seeds these past
 * appointments with the demo doctor, consultations their outcomes, under the
 * same fixed ids so the two sides line up. Identity seeds both accounts.
 */
export const DEMO_RECORD = {
  /** patient@demo.test */
  patientId: '00000000-0000-4000-8000-00000000a71e',
  /** doctor@demo.test, lek. Anna Nowak */
  doctorAccountId: '00000000-0000-4000-8000-000000000d0c',
  /** The past visits, newest first: the i-th took place `daysAgo[i]` days ago. */
  visits: [
    { id: '00000000-0000-4000-8000-0000000e0001', daysAgo: 6 },
    { id: '00000000-0000-4000-8000-0000000e0002', daysAgo: 40 },
    { id: '00000000-0000-4000-8000-0000000e0003', daysAgo: 95 },
    { id: '00000000-0000-4000-8000-0000000e0004', daysAgo: 160 },
    { id: '00000000-0000-4000-8000-0000000e0005', daysAgo: 230 },
    { id: '00000000-0000-4000-8000-0000000e0006', daysAgo: 320 },
    { id: '00000000-0000-4000-8000-0000000e0007', daysAgo: 410 },
    { id: '00000000-0000-4000-8000-0000000e0008', daysAgo: 500 },
    { id: '00000000-0000-4000-8000-0000000e0009', daysAgo: 610 },
    { id: '00000000-0000-4000-8000-0000000e000a', daysAgo: 730 },
    { id: '00000000-0000-4000-8000-0000000e000b', daysAgo: 850 },
    { id: '00000000-0000-4000-8000-0000000e000c', daysAgo: 980 },
  ],
} as const;

/** The slot of a demo past visit (booking's side): its id with the last group's `e` turned into `f`. */
export const demoRecordSlotId = (visitId: string): string => visitId.replace(/-0000000e/, '-0000000f');
