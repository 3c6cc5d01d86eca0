import { Readable } from 'node:stream';
import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { TypedConfig } from '@app/platform';
import { cleanFilename, sizeText } from './content-sniffing';

/** The form field the file comes in. */
export const UPLOAD_FIELD = 'file';

/** What the route handler gets of the uploaded file. */
export interface UploadedAttachment {
  originalname: string;
  size: number;
  buffer: Buffer;
}

interface IncomingFile {
  originalname: string;
  stream: Readable;
}

type StorageCallback = (error: Error | null, info?: Partial<UploadedAttachment>) => void;

/**
 * multer storage keeping the file in memory up to `maxBytes`: beyond that it stops reading and
 * refuses with 413 naming the file (multer's own limit error does not name it).
 */
export function limitedMemoryStorage(maxBytes: number) {
  return {
    _handleFile(_request: unknown, file: IncomingFile, done: StorageCallback): void {
      const chunks: Buffer[] = [];
      let size = 0;
      let finished = false;
      const finish = (error: Error | null, info?: Partial<UploadedAttachment>) => {
        if (finished) return;
        finished = true;
        done(error, info);
      };
      file.stream.on('data', (chunk: Buffer) => {
        if (finished) return;
        size += chunk.length;
        if (size > maxBytes) {
          file.stream.resume();
          finish(
            new PayloadTooLargeException(
              `${cleanFilename(file.originalname)}: the file is larger than the ${sizeText(maxBytes)} limit`,
            ),
          );
          return;
        }
        chunks.push(chunk);
      });
      file.stream.on('error', (error: Error) => finish(error));
      file.stream.on('end', () => finish(null, { buffer: Buffer.concat(chunks, size), size }));
    },
    _removeFile(
      _request: unknown,
      file: Partial<UploadedAttachment>,
      done: (error: Error | null) => void,
    ): void {
      delete file.buffer;
      done(null);
    },
  };
}

/**
 * Reads one file of a multipart request (field `file`), at most ATTACHMENT_MAX_BYTES, names in
 * UTF-8 (Chinese file names arrive as browsers send them). Runs after the login guard, so nobody
 * without a token or of another role gets a body read.
 */
@Injectable()
export class AttachmentUploadInterceptor implements NestInterceptor {
  private readonly inner: NestInterceptor;

  constructor(@Inject(TypedConfig) config: TypedConfig) {
    const Upload = FileInterceptor(UPLOAD_FIELD, {
      storage: limitedMemoryStorage(config.values.ATTACHMENT_MAX_BYTES),
      limits: { files: 1, fields: 10, parts: 12, fieldSize: 10_000 },
      defParamCharset: 'utf8',
    });
    this.inner = new Upload();
  }

  intercept(
    context: ExecutionContext,
    next: CallHandler,
  ): Observable<unknown> | Promise<Observable<unknown>> {
    return this.inner.intercept(context, next);
  }
}
