import { ConflictException, Inject, Param, Res, ServiceUnavailableException } from '@nestjs/common';
import { z } from 'zod';
import { Actor, levelName, NOTICE_KINDS, NoticeView } from '@app/contracts';
import { NoticeStore, SignalStore, StoredNotice } from '@app/persistence';
import { Clock, TypedConfig } from '@app/platform';
import { RULES_BY_ID, RuleId } from '@app/rules';
import { AuthenticatedUser, scopeOf } from '../auth/authenticated-user';
import { CurrentUser, RequestActor, Roles } from '../auth/decorators';
import { ApiController, CreateRoute, ReadRoute } from '../common/api-routes';
import { inScope, orNotFound, OutOfScopeException } from '../common/lookups';
import type { FileResponse } from '../common/downloads';
import { ZodBody } from '../common/zod-api';
import { OutboundContext } from '../notifications/outbound/outbound-context';
import { ReferenceData } from '../reference/reference-data';
import { NOTICE_TITLES } from './notice-document';
import { findNoticeFonts } from './notice-fonts';
import { noticeNumberText } from './notice-number';
import { renderNoticePdf } from './notice-pdf';

const issueRequest = z.object({
  kind: z
    .enum(NOTICE_KINDS)
    .optional()
    .describe(
      'supervision (督办通知书) or recommendation (监察建议书); by default by the level: yellow → supervision, red → recommendation',
    ),
});
const noticeView = z.object({
  id: z.string(),
  kind: z.enum(NOTICE_KINDS),
  year: z.number(),
  number: z.number(),
  numberText: z.string(),
  alertKey: z.string(),
  caseId: z.string(),
  departmentId: z.string(),
  issuedBy: z.string(),
  issuedAt: z.string(),
  responseDueAt: z.string().nullable(),
  downloadUrl: z.string(),
});

/** The stored notice without its PDF's hash, with its number as printed and where to download it. */
function viewOf(notice: StoredNotice): NoticeView {
  const { sha256: _sha256, ...stored } = notice;
  return {
    ...stored,
    numberText: noticeNumberText(notice.year, notice.number),
    downloadUrl: `/api/notices/${notice.id}/pdf`,
  };
}

/**
 * Printed notices (ADR 14): from a yellow or red signal a supervisor issues a 督办通知书 or a
 * 监察建议书, an A4 PDF numbered 〔year〕第 N 号, stored; the supervisor, the auditor and the
 * signal's department download it. Every issue and every download is in the operator audit.
 */
@ApiController('notices 文书', 'api')
export class NoticesController {
  constructor(
    @Inject(NoticeStore) private readonly notices: NoticeStore,
    @Inject(SignalStore) private readonly signals: SignalStore,
    @Inject(ReferenceData) private readonly reference: ReferenceData,
    @Inject(OutboundContext) private readonly context: OutboundContext,
    @Inject(TypedConfig) private readonly config: TypedConfig,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @ReadRoute('signals/:alertKey/notices', {
    summary: 'The notices issued for a signal',
    answers: ['notices', z.array(noticeView)],
    refusals: [401, 403, 404],
  })
  @Roles('supervisor', 'auditor', 'department_officer')
  async list(
    @Param('alertKey') alertKey: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<NoticeView[]> {
    inScope(await this.signals.find(alertKey, scopeOf(user)), `signal ${alertKey}`);
    return (await this.notices.forSignal(alertKey)).map(viewOf);
  }

  @CreateRoute('signals/:alertKey/notices', {
    summary:
      'Issue a 督办通知书 or 监察建议书 for a yellow or red signal: numbered, rendered, stored (audited)',
    answers: ['the notice', noticeView],
    refusals: [400, 401, 403, 404, 409],
  })
  @Roles('supervisor')
  async issue(
    @Param('alertKey') alertKey: string,
    @ZodBody(issueRequest) body: z.infer<typeof issueRequest>,
    @RequestActor() actor: Actor,
  ): Promise<NoticeView> {
    const signal = orNotFound(
      await this.signals.find(alertKey, { departmentId: null }),
      `signal ${alertKey}`,
    );
    if (signal === 'out-of-scope' || (signal.level !== 'yellow' && signal.level !== 'red'))
      throw new ConflictException('only a yellow or red signal is supervised with a printed notice');
    const kind = body.kind ?? (signal.level === 'red' ? 'recommendation' : 'supervision');
    let fonts: ReturnType<typeof findNoticeFonts>;
    try {
      fonts = findNoticeFonts({
        NOTICE_FONT_PATH: this.config.values.NOTICE_FONT_PATH,
        NOTICE_FONT_FAMILY: this.config.values.NOTICE_FONT_FAMILY,
      });
    } catch (error) {
      throw new ServiceUnavailableException(
        `printed notices cannot be made here: ${(error as Error).message}`,
      );
    }
    const issuedAt = new Date(this.clock.now()).toISOString();
    const rule = RULES_BY_ID.get(signal.ruleId as RuleId);
    const stored = await this.notices.issue(
      {
        kind,
        alertKey,
        caseId: signal.caseId,
        departmentId: signal.departmentId,
        issuedAt,
        responseDueAt: signal.responseDueAt,
      },
      ({ year, number }) =>
        renderNoticePdf(
          {
            kind,
            officeName: this.config.values.OFFICE_NAME,
            numberText: noticeNumberText(year, number),
            departmentName: this.reference.departmentName(signal.departmentId),
            caseId: signal.caseId,
            itemCode: signal.itemCode,
            itemName: this.reference.itemName(signal.itemCode),
            ruleTitle: rule?.title.zh ?? signal.ruleId,
            levelName: levelName(signal.level),
            facts: signal.message,
            raisedAt: this.context.formatInstant(signal.raisedAt),
            legalBasis: [...(rule?.legalBasis ?? [])],
            responseDueAt: signal.responseDueAt
              ? this.context.formatInstant(signal.responseDueAt).slice(0, 10)
              : null,
            issuedAt: this.context.formatInstant(issuedAt).slice(0, 10),
            verifyHint: `${NOTICE_TITLES[kind]} · 信号 ${alertKey}`,
          },
          fonts,
        ),
      actor,
    );
    return viewOf(stored);
  }

  @ReadRoute('notices/:id/pdf', {
    summary: 'The notice as a PDF (audited)',
    produces: ['application/pdf'],
    refusals: [401, 403, 404],
  })
  @Roles('supervisor', 'auditor', 'department_officer')
  async pdf(
    @Param('id') id: string,
    @CurrentUser() user: AuthenticatedUser,
    @RequestActor() actor: Actor,
    @Res() response: FileResponse,
  ): Promise<void> {
    if (!z.uuid().safeParse(id).success) throw new OutOfScopeException(`notice ${id}`, 'not a notice id');
    const notice = orNotFound(await this.notices.find(id), `notice ${id}`);
    const own = scopeOf(user).departmentId;
    if (own !== null && notice.departmentId !== own) throw new OutOfScopeException(`notice ${id}`);
    const pdf = orNotFound(await this.notices.download(id, actor), `notice ${id}`);
    const name = `${NOTICE_TITLES[notice.kind]}-${notice.year}-${notice.number}.pdf`;
    response.status(200);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Length', String(pdf.length));
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="notice-${notice.year}-${notice.number}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'private, no-store');
    response.end(pdf);
  }
}
