import type { ReactNode } from 'react';
import { DoctorDayView } from './DoctorDayView';
import { DoctorQuestionsView } from './DoctorQuestionsView';
import { OnlineConsultationsView } from './OnlineConsultationsView';
import { PatientsView } from './PatientsView';
import { QueueView } from './QueueView';
import { renewalTexts, RenewalsView } from './RenewalsView';
import { SchedulesView } from './SchedulesView';
import { t } from './texts';

/**
 * The console's views: each is a tab in the header (`console-nav-<name>`) and
 * an address, `/console/<name>`. A new view registers here, in the list of
 * the role that uses it; what is open inside it lives in the query
 * (router.tsx useSearchParam), so it survives a reload.
 */
export interface ConsoleView {
  name: string;
  label: () => string;
  render: () => ReactNode;
}

/** Staff (call center, front desk); the first view is where `/console/` lands. */
export const STAFF_VIEWS: readonly ConsoleView[] = [
  { name: 'patients', label: () => t.patients, render: () => <PatientsView /> },
  { name: 'queue', label: () => t.queue, render: () => <QueueView /> },
  { name: 'schedules', label: () => t.schedules, render: () => <SchedulesView /> },
];

/** A doctor without the staff role. */
export const DOCTOR_VIEWS: readonly ConsoleView[] = [
  { name: 'day', label: () => t.myDay, render: () => <DoctorDayView /> },
  { name: 'questions', label: () => t.patientQuestions, render: () => <DoctorQuestionsView /> },
  { name: 'renewals', label: () => renewalTexts.tab, render: () => <RenewalsView /> },
  { name: 'online', label: () => t.online.tab, render: () => <OnlineConsultationsView /> },
];
