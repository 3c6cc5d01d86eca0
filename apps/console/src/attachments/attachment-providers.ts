import { DataSource } from 'typeorm';
import { AttachmentStore, PgAttachmentStore } from '@app/persistence';
import { AttachmentUploadInterceptor } from './attachment-upload';
import { AttachmentsService } from './attachments.service';

/** What the api role needs for attachments: the store on the process's pool, the service, the upload. */
export const ATTACHMENT_PROVIDERS = [
  {
    provide: AttachmentStore,
    inject: [DataSource],
    useFactory: (dataSource: DataSource) => new PgAttachmentStore(dataSource),
  },
  AttachmentsService,
  AttachmentUploadInterceptor,
];
