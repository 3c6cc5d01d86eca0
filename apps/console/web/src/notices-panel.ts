// 文书: a signal's printed notices in the case panel (督办通知书 for a yellow card, 监察建议书 for a
// red one): the list with their numbers and a PDF download each, and for a supervisor the issuing,
// after a confirmation like 销号's. The server decides again (403, 409 when the signal may not have
// one). Its styles are in notify.css, which the bundle carries through the pages importing it: this
// file imports none, so that the case panel stays importable by its spec.
import {
  NOTICE_TITLES,
  type NoticeKind,
  type NoticeView,
} from '../../../../libs/contracts/src/notification-views';
import type { WallLevel, WallLifecycleStatus } from '../../../../libs/contracts/src/wall-protocol';
import type { Api, SessionUser } from './api';
import { h } from './dom';
import { beijingDateTime } from './admin-format';
import { language, ruleName } from './i18n';
import { mayIssueNotice, noticeFilename, noticeKindFor } from './notify-logic';
import { notifyTexts } from './notify-texts';

/** The signal a notices panel is for (what the case panel knows of it). */
export interface NoticesSignal {
  alertKey: string;
  caseId: string;
  departmentId: string;
  ruleId: string;
  level: WallLevel;
  status: WallLifecycleStatus;
  escalatedTo: string | null;
}

/** A notice's title in the reader's language. */
export function noticeTitle(kind: NoticeKind): string {
  return NOTICE_TITLES[kind][language()];
}

/**
 * Asks once more before something that cannot be undone (the case panel's 销号 box): a title, what
 * will happen, and the button that does it. Replaces a box already open in `host`.
 */
export function confirmBox(
  host: HTMLElement,
  options: { title: string; body: string; yes: string; testid: string; go: () => void },
): void {
  const box = h(
    'div',
    { class: 'confirm-box notify-confirm', attrs: { role: 'alertdialog' }, data: { testid: options.testid } },
    h('strong', { text: options.title }),
    h('p', { text: options.body }),
    h(
      'div',
      { class: 'actions' },
      h('button', {
        class: 'primary danger',
        text: options.yes,
        attrs: { type: 'button' },
        data: { action: 'confirm-yes' },
        onClick: () => {
          box.remove();
          options.go();
        },
      }),
      h('button', {
        class: 'ghost',
        text: notifyTexts().cancel,
        attrs: { type: 'button' },
        onClick: () => box.remove(),
      }),
    ),
  );
  host.querySelector(':scope > .confirm-box')?.remove();
  host.append(box);
}

export class NoticesPanel {
  readonly element = h('div', { class: 'notices', data: { testid: 'notices' } });
  private notices: NoticeView[] | null = null;
  private failure = '';
  private busy = false;
  private readonly status = h('span', { class: 'muted small', attrs: { role: 'status' } });
  private readonly confirmHost = h('div', { class: 'notices-confirm' });

  constructor(
    private readonly api: Api,
    private readonly user: SessionUser,
    private signal: NoticesSignal,
  ) {
    this.element.dataset.key = signal.alertKey;
    this.draw();
    void this.load();
  }

  /** The signal changed (or the language did): drawn again from what was read. */
  update(signal: NoticesSignal): void {
    this.signal = signal;
    this.draw();
  }

  private path(): string {
    return `/api/signals/${encodeURIComponent(this.signal.alertKey)}/notices`;
  }

  private async load(): Promise<void> {
    try {
      this.notices = await this.api.get<NoticeView[]>(this.path());
      this.failure = '';
    } catch (error) {
      this.failure = `${notifyTexts().loadFailed}${(error as Error).message}`;
    }
    this.draw();
  }

  private draw(): void {
    const texts = notifyTexts();
    const kind = noticeKindFor(this.signal.level);
    const issue =
      kind && mayIssueNotice(this.user, this.signal)
        ? h('button', {
            class: 'small',
            text: texts.issue(noticeTitle(kind)),
            attrs: { type: 'button' },
            data: { action: 'issue-notice', kind },
            onClick: () => this.confirmIssue(kind),
          })
        : null;
    if (issue) issue.disabled = this.busy;
    const notices = [...(this.notices ?? [])].sort((a, b) => Date.parse(a.issuedAt) - Date.parse(b.issuedAt));
    this.element.replaceChildren(
      h(
        'div',
        { class: 'notices-head' },
        h('span', { class: 'notices-title', text: texts.noticesTitle }),
        issue,
      ),
      this.failure
        ? h('p', { class: 'error small', text: this.failure })
        : this.notices === null
          ? h('p', { class: 'muted small', text: texts.loading })
          : notices.length === 0
            ? h('p', { class: 'muted small', text: texts.noNotices })
            : h('ul', { class: 'notices-list' }, ...notices.map((notice) => this.item(notice))),
      this.confirmHost,
      this.status,
    );
  }

  private item(notice: NoticeView): HTMLElement {
    const texts = notifyTexts();
    return h(
      'li',
      { data: { notice: notice.id } },
      h(
        'div',
        { class: 'notice-line' },
        h('strong', { text: `${noticeTitle(notice.kind)} ${notice.numberText}`, title: notice.id }),
        h('button', {
          class: 'ghost small',
          text: texts.downloadPdf,
          attrs: { type: 'button' },
          data: { action: 'download-notice' },
          onClick: () => void this.download(notice),
        }),
      ),
      h('div', {
        class: 'muted small',
        text: [
          texts.issuedBy(notice.issuedBy, beijingDateTime(notice.issuedAt)),
          notice.responseDueAt ? `${texts.responseDue} ${beijingDateTime(notice.responseDueAt)}` : '',
        ]
          .filter(Boolean)
          .join(' · '),
      }),
    );
  }

  private async download(notice: NoticeView): Promise<void> {
    try {
      await this.api.download(
        notice.downloadUrl,
        noticeFilename(NOTICE_TITLES[notice.kind].zh, notice.numberText),
      );
    } catch (error) {
      this.say(`${notifyTexts().failed}${(error as Error).message}`, true);
    }
  }

  private confirmIssue(kind: NoticeKind): void {
    const texts = notifyTexts();
    const title = noticeTitle(kind);
    confirmBox(this.confirmHost, {
      title: texts.issueTitle(title),
      body: texts.issueBody(title, this.signal.caseId, ruleName(this.signal.ruleId)),
      yes: texts.issueYes,
      testid: 'confirm-notice',
      go: () => void this.issue(kind),
    });
  }

  private async issue(kind: NoticeKind): Promise<void> {
    const texts = notifyTexts();
    this.busy = true;
    this.draw();
    this.say(texts.issuing);
    try {
      const created = await this.api.post<NoticeView>(this.path(), { kind });
      this.notices = [...(this.notices ?? []).filter((n) => n.id !== created.id), created];
      this.busy = false;
      this.draw();
      this.say(texts.issued(noticeTitle(created.kind), created.numberText));
    } catch (error) {
      this.busy = false;
      this.draw();
      this.say(`${texts.failed}${(error as Error).message}`, true);
    }
  }

  private say(message: string, failed = false): void {
    this.status.textContent = message;
    this.status.classList.toggle('error', failed);
  }
}
