import { applyDecorators, Inject, Param, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import type { Actor } from '@app/contracts';
import { AttachmentRecord } from '@app/persistence';
import { AuthenticatedUser, scopeOf } from '../auth/authenticated-user';
import { CurrentUser, RequestActor, Roles } from '../auth/decorators';
import { ApiController, CreateRoute, ReadRoute } from '../common/api-routes';
import { ParseIdPipe } from '../common/request-pipes';
import { errorSchema, openApiSchema } from '../common/zod-api';
import { alertKeyParam } from '../signals/alert-key-param';
import { AttachmentUploadInterceptor, UPLOAD_FIELD, type UploadedAttachment } from './attachment-upload';
import { AttachmentsService } from './attachments.service';
import type { FileResponse } from '../common/downloads';
import { ALLOWED_LIST, ATTACHMENT_KINDS, contentDisposition, KINDS } from './content-sniffing';

export const attachmentView = z.object({
  id: z.number(),
  alertKey: z.string(),
  filename: z.string(),
  kind: z.enum(ATTACHMENT_KINDS).describe('what the content was recognised as'),
  contentType: z.string(),
  size: z.number().describe('bytes'),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});
export type AttachmentView = z.infer<typeof attachmentView>;

const viewOf = (record: AttachmentRecord): AttachmentView => record as AttachmentView;

/** What a download is answered with: the allow-list's types, as files. */
const DOWNLOAD_TYPES = [...new Set(Object.values(KINDS).map((kind) => kind.contentType.split(';')[0] ?? ''))];

const uploadDocs = () =>
  applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: [UPLOAD_FIELD],
        properties: { [UPLOAD_FIELD]: { type: 'string', format: 'binary' } },
      },
    }),
    ApiResponse({
      status: 413,
      description: 'the file is larger than ATTACHMENT_MAX_BYTES: the message names it',
      schema: openApiSchema(errorSchema, 'output'),
    }),
  );

/**
 * Files a department attaches to a signal as evidence of its answer (情况说明/整改), ADR 13. Only
 * users who may see the signal list and download them; only an officer of its department uploads,
 * while it is open or acknowledged. Downloads are always files (`Content-Disposition: attachment`,
 * `nosniff`, a sandboxing CSP), never shown inline.
 */
@ApiController('attachments 附件', 'api')
export class AttachmentsController {
  constructor(@Inject(AttachmentsService) private readonly attachments: AttachmentsService) {}

  @CreateRoute('signals/:alertKey/attachments', {
    summary: `Attach one file (form field "file"; ${ALLOWED_LIST}, checked by content; recorded in the signal's audit trail)`,
    answers: ['stored', attachmentView],
    refusals: [400, 401, 403, 404, 409],
  })
  @Roles('department_officer')
  @alertKeyParam()
  @uploadDocs()
  @UseInterceptors(AttachmentUploadInterceptor)
  async upload(
    @Param('alertKey') alertKey: string,
    @UploadedFile() file: UploadedAttachment | undefined,
    @RequestActor() actor: Actor,
  ): Promise<AttachmentView> {
    return viewOf(await this.attachments.upload(alertKey, file, actor));
  }

  @ReadRoute('signals/:alertKey/attachments', {
    summary: 'The files attached to a signal, oldest first (an officer: their department’s signals only)',
    answers: ['attachments', z.array(attachmentView)],
    refusals: [401, 403, 404],
  })
  @Roles('supervisor', 'auditor', 'department_officer')
  @alertKeyParam()
  async list(
    @Param('alertKey') alertKey: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AttachmentView[]> {
    return (await this.attachments.list(alertKey, scopeOf(user))).map(viewOf);
  }

  @ReadRoute('signals/:alertKey/attachments/:id', {
    summary: 'Download an attachment (always as a file, never inline)',
    produces: DOWNLOAD_TYPES,
    refusals: [400, 401, 403, 404],
  })
  @Roles('supervisor', 'auditor', 'department_officer')
  @alertKeyParam()
  async download(
    @Param('alertKey') alertKey: string,
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: FileResponse,
  ): Promise<void> {
    const { record, content } = await this.attachments.download(alertKey, id, scopeOf(user));
    const kind = KINDS[record.kind as keyof typeof KINDS];
    response.status(200);
    response.setHeader('Content-Type', kind?.contentType ?? 'application/octet-stream');
    response.setHeader('Content-Length', String(content.length));
    response.setHeader('Content-Disposition', contentDisposition(record.filename));
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('X-Download-Options', 'noopen');
    response.end(content);
  }
}
