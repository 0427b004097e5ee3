import type { PatientMedicineView, PrescriptionView, RenewalRequestView } from '@pacjent/contracts';
import { authorized } from '../../api/client';
import { downloadAuthorized } from '../../api/download';

/** "Leki": the gateway calls of the medicines page (paths from API.md). */
export const medicinesApi = {
  medicines: () => authorized<PatientMedicineView[]>({ path: '/api/medicines' }),
  prescriptions: () => authorized<PrescriptionView[]>({ path: '/api/prescriptions' }),
  renewals: () => authorized<RenewalRequestView[]>({ path: '/api/prescriptions/renewals' }),
  requestRenewal: (medicineIds: string[], note: string) =>
    authorized<RenewalRequestView>({
      method: 'POST',
      path: '/api/prescriptions/renewals',
      body: { medicineIds, ...(note.trim() ? { note: note.trim() } : {}) },
    }),

  /** "Pobierz PDF": fetches the printout with the access token and hands it to the browser as a download. */
  downloadPdf: (prescription: PrescriptionView) =>
    downloadAuthorized(
      `/api/prescriptions/${encodeURIComponent(prescription.id)}/pdf`,
      `e-recepta-${prescription.issuedAt.slice(0, 10)}.pdf`,
    ),
};
