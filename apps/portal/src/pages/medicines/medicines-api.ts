import type { PatientMedicineView, PrescriptionView, RenewalRequestView } from '@pacjent/contracts';
import { getAccessToken, refreshSession } from '../../auth/session';
import { authorized } from '../../api/client';
import { networkError, problemToApiError } from '../../api/problem';

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
  async downloadPdf(prescription: PrescriptionView): Promise<void> {
    const fetchOnce = () =>
      fetch(`/api/prescriptions/${encodeURIComponent(prescription.id)}/pdf`, {
        headers: { Authorization: `Bearer ${getAccessToken() ?? ''}` },
        credentials: 'same-origin',
      });
    let response = await fetchOnce().catch((error: unknown) => {
      throw networkError(String(error));
    });
    if (response.status === 401 && (await refreshSession()).kind === 'ok') response = await fetchOnce();
    if (!response.ok)
      throw problemToApiError(response.status, await response.json().catch(() => null), null, new Date());
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `e-recepta-${prescription.issuedAt.slice(0, 10)}.pdf`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
