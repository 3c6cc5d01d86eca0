import { createHash } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { Actor } from '@app/contracts';
import { AttachmentRecord, AttachmentStore, SignalRecord, SignalScope, SignalStore } from '@app/persistence';
import { Clock, TypedConfig } from '@app/platform';
import { inScope } from '../common/lookups';
import { decideAttach } from './attachment-policy';
import { checkFile, cleanFilename } from './content-sniffing';
import type { UploadedAttachment } from './attachment-upload';

/**
 * Evidence files of a department's answer: checked (size, allow-listed content, name agreeing
 * with it), stored with the signal's audit entry, read back only by those who may see the signal.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    @Inject(AttachmentStore) private readonly attachments: AttachmentStore,
    @Inject(SignalStore) private readonly signals: SignalStore,
    @Inject(TypedConfig) private readonly config: TypedConfig,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async upload(
    alertKey: string,
    file: UploadedAttachment | undefined,
    actor: Actor,
  ): Promise<AttachmentRecord> {
    // whether the signal exists for them and may take files, before anything about the file
    const early = decideAttach(
      alertKey,
      await this.visible(alertKey, { departmentId: actor.departmentId }),
      actor,
    );
    if (!early.allowed) refuse(early);
    if (!file) throw new BadRequestException(`send one file in the multipart form field "file"`);
    const filename = cleanFilename(file.originalname);
    if (!filename) throw new BadRequestException('the file has no name');
    const checked = checkFile(filename, file.buffer, this.config.values.ATTACHMENT_MAX_BYTES);
    if (!checked.ok) throw new BadRequestException(`${filename}: ${checked.reason}`);
    const at = new Date(this.clock.now()).toISOString();
    return this.attachments.attach(
      alertKey,
      {
        filename,
        kind: checked.kind,
        contentType: checked.info.contentType,
        content: file.buffer,
        sha256: createHash('sha256').update(file.buffer).digest('hex'),
      },
      actor,
      at,
      (signal) => {
        // decided again with the signal locked: it may have been answered meanwhile
        const decision = decideAttach(alertKey, signal, actor);
        if (!decision.allowed || !signal) refuse(decision.allowed ? notFound(alertKey) : decision);
        return signal;
      },
    );
  }

  async list(alertKey: string, scope: SignalScope): Promise<AttachmentRecord[]> {
    await this.visible(alertKey, scope);
    return this.attachments.list(alertKey);
  }

  async download(alertKey: string, id: number, scope: SignalScope) {
    await this.visible(alertKey, scope);
    const found = await this.attachments.content(alertKey, id);
    if (!found) throw new NotFoundException(`no attachment ${id} of signal ${alertKey}`);
    return found;
  }

  /** The signal as the user may see it: another department's is refused like the signals' routes. */
  private async visible(alertKey: string, scope: SignalScope): Promise<SignalRecord> {
    return inScope(await this.signals.find(alertKey, scope), `signal ${alertKey}`);
  }
}

const notFound = (alertKey: string) => ({
  allowed: false as const,
  refusal: 'not-found' as const,
  reason: `no signal ${alertKey}`,
});

function refuse(decision: { refusal: 'forbidden' | 'not-found' | 'conflict'; reason: string }): never {
  if (decision.refusal === 'forbidden') throw new ForbiddenException(decision.reason);
  if (decision.refusal === 'not-found') throw new NotFoundException(decision.reason);
  throw new ConflictException(decision.reason);
}
