import type { StreamingResponse } from '../replay/http-stream';

/** Starts a download: 200, the media type in UTF-8, and the file name to save it as. */
export function startDownload(response: StreamingResponse, mediaType: string, filename: string): void {
  response.status(200);
  response.setHeader('Content-Type', `${mediaType}; charset=utf-8`);
  response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
}

/** What a file download uses of an Express response (the project carries no Express types). */
export interface FileResponse {
  status(code: number): FileResponse;
  setHeader(name: string, value: string): void;
  end(chunk: Buffer): void;
}
