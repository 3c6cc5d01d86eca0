// Uploads one attachment with its progress (fetch reports none while sending, XMLHttpRequest does).
import { ApiError, messageOf, type Session } from './api';

export interface UploadedAttachment {
  id: number;
  filename: string;
  size: number;
}

export function uploadAttachment(
  session: Session,
  alertKey: string,
  file: File,
  onProgress: (percent: number) => void,
  onUnauthorized: () => void,
): Promise<UploadedAttachment> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/signals/${encodeURIComponent(alertKey)}/attachments`);
    request.setRequestHeader('authorization', `Bearer ${session.token}`);
    request.responseType = 'json';
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(Math.min(100, Math.round((event.loaded / event.total) * 100)));
    });
    request.addEventListener('load', () => {
      const body: unknown = request.response;
      if (request.status === 401) onUnauthorized();
      if (request.status >= 200 && request.status < 300) {
        onProgress(100);
        resolve(body as UploadedAttachment);
        return;
      }
      reject(new ApiError(request.status, messageOf(body, request.status)));
    });
    request.addEventListener('error', () => reject(new ApiError(0, 'network error')));
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}
