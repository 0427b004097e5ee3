import type { AppointmentView, FileAccessView, FileView } from '@pacjent/contracts';
import { getAccessToken, refreshSession } from '../auth/session';
import { authorized } from './client';
import { downloadAuthorized } from './download';
import { ApiError, networkError, problemToApiError } from './problem';

export interface UploadInput {
  file: File;
  description: string;
  consent: boolean;
}

/** "Twoje pliki": the gateway calls of the files page (paths from API.md). */
export const filesApi = {
  list: () => authorized<FileView[]>({ path: '/api/files' }),

  accessLog: () => authorized<FileAccessView[]>({ path: '/api/files/access-log' }),

  /** The patient's upcoming phone consultations: the visits a file can be attached to. */
  phoneConsultations: () =>
    authorized<AppointmentView[]>({ path: '/api/appointments?scope=upcoming' }).then((list) =>
      list.filter((appointment) => appointment.slot.channel === 'phone' && appointment.status === 'booked'),
    ),

  attach: (fileId: string, appointmentId: string) =>
    authorized<void>({
      method: 'POST',
      path: `/api/files/${encodeURIComponent(fileId)}/attachments`,
      body: { appointmentId },
    }),

  detach: (fileId: string, appointmentId: string) =>
    authorized<void>({
      method: 'DELETE',
      path: `/api/files/${encodeURIComponent(fileId)}/attachments/${encodeURIComponent(appointmentId)}`,
    }),

  remove: (id: string) => authorized<void>({ method: 'DELETE', path: `/api/files/${encodeURIComponent(id)}` }),

  /** Fetches the bytes with the access token and hands them to the browser as a download. */
  download: (file: FileView) => downloadAuthorized(`/api/files/${encodeURIComponent(file.id)}/content`, file.name),

  /**
   * Sends the file with XMLHttpRequest, the one browser API that reports
   * upload progress (0–1 through `onProgress`). A refused token is refreshed
   * once and the upload sent again.
   */
  async upload(input: UploadInput, onProgress: (fraction: number) => void): Promise<FileView> {
    if (getAccessToken() === null) await refreshSession();
    try {
      return await sendUpload(input, onProgress);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      if ((await refreshSession()).kind !== 'ok') throw error;
      return sendUpload(input, onProgress);
    }
  },
};

function sendUpload({ file, description, consent }: UploadInput, onProgress: (fraction: number) => void) {
  return new Promise<FileView>((resolve, reject) => {
    const form = new FormData();
    // Text fields first: the gateway checks them before it reads the file.
    form.append('description', description);
    form.append('consent', String(consent));
    form.append('file', file, file.name);
    const request = new XMLHttpRequest();
    request.open('POST', '/api/files');
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('Authorization', `Bearer ${getAccessToken() ?? ''}`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText) as unknown;
      } catch {
        // not JSON: the status decides
      }
      if (request.status === 201) resolve(body as FileView);
      else reject(problemToApiError(request.status, body, request.getResponseHeader('Retry-After'), new Date()));
    };
    request.onerror = () => reject(networkError('upload failed'));
    request.send(form);
  });
}
