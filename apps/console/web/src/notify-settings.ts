// 通知设置: one department's notifications beyond the wall (or the supervision office's own, id
// `office`): its contacts, its subscriptions (channel, levels, families, recipients), its two group
// robots with their masked URL, and a test per channel whose messages are followed until the
// channel answered. The officer's 部门待办 shows it for their department, 后台管理 · 通知渠道 for the
// department chosen. The server checks everything again (400 naming the entry and field).
import {
  AUDIENCES,
  type Audience,
  CONTACT_ROLES,
  type ContactRole,
  type DepartmentRobot,
  type NotificationSettings,
  OUTBOUND_CHANNELS,
  type OutboundChannel,
  type OutboundMessageDetail,
  type OutboundMessageView,
  ROBOT_KINDS,
  type RobotKind,
} from '../../../../libs/contracts/src/notification-views';
import type { Bilingual, WallLevel } from '../../../../libs/contracts/src/wall-protocol';
import type { Api } from './api';
import { h, option } from './dom';
import { beijingDateTime } from './admin-format';
import { aside, language, t } from './i18n';
import { confirmBox } from './notices-panel';
import {
  type ContactDraft,
  contactDrafts,
  isFinal,
  isRobotChannel,
  LEVELS,
  newSubscription,
  parseFamilies,
  POLL_EVERY_MS,
  pollState,
  problemPlaces,
  robotInput,
  settingsInput,
  type SubscriptionDraft,
  subscriptionDrafts,
  toggleFamily,
  truncated,
} from './notify-logic';
import { EditableRows } from './notify-rows';
import { notifyTexts } from './notify-texts';
import { button, field } from './page-kit';

/** A rule family to offer as a chip (the wall's reference names them). */
export interface FamilyChoice {
  id: string;
  title: Bilingual;
}

export interface SettingsPanelOptions {
  departmentId: string;
  /** The families to pick from; without them the families are typed (a comma list). */
  families?: readonly FamilyChoice[];
  /** Test messages were queued (the delivery log beside may show them). */
  onSent?: () => void;
}

interface ContactRow {
  row: HTMLTableRowElement;
  role: HTMLSelectElement;
  name: HTMLInputElement;
  email: HTMLInputElement;
  mobile: HTMLInputElement;
  actorId: HTMLInputElement;
}

interface SubscriptionRow {
  row: HTMLTableRowElement;
  channel: HTMLSelectElement;
  levels: Map<WallLevel, HTMLInputElement>;
  families: HTMLInputElement;
  audience: Map<Audience, HTMLInputElement>;
  enabled: HTMLInputElement;
}

/** A status badge of an outbound message. */
export function statusBadge(status: OutboundMessageView['status']): HTMLElement {
  return h('span', {
    class: `notify-badge status-${status}`,
    text: notifyTexts().statuses[status],
    data: { status },
  });
}

/** A part of the settings: its heading and the hint under it. */
const heading = (title: string, hint: string): HTMLElement[] => [
  h('h3', { class: 'notify-heading', text: title }),
  h('p', { class: 'muted small', text: hint }),
];

const checkbox = (checked: boolean, data: Record<string, string> = {}): HTMLInputElement => {
  const box = h('input', { attrs: { type: 'checkbox' }, data });
  box.checked = checked;
  return box;
};

const textInput = (value: string, attrs: Record<string, string> = {}): HTMLInputElement => {
  const input = h('input', { attrs: { type: 'text', ...attrs } });
  input.value = value;
  return input;
};

export class NotificationSettingsPanel {
  readonly element: HTMLElement;
  private settings: NotificationSettings | null = null;
  private readonly contacts = new EditableRows<ContactRow>({
    testid: 'notify-contacts',
    titles: (texts) => [texts.role, texts.name, texts.email, texts.mobile, texts.actorId, ''],
    empty: (texts) => texts.noContacts,
    removeTestid: 'notify-remove-contact',
  });
  private readonly subscriptions = new EditableRows<SubscriptionRow>({
    testid: 'notify-subscriptions',
    titles: (texts) => [texts.channel, texts.levels, texts.families, texts.audience, texts.enabled, ''],
    empty: (texts) => texts.noSubscriptions,
    removeTestid: 'notify-remove-subscription',
  });
  private readonly robots = h('div', { class: 'notify-robots' });
  private readonly tests = h('div', { class: 'notify-tests' });
  private readonly saveButton: HTMLButtonElement;
  private readonly saveStatus = h('p', {
    class: 'notify-status',
    attrs: { role: 'status', 'aria-live': 'polite' },
    data: { testid: 'notify-save-status' },
  });
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private stopped = false;

  constructor(
    private readonly api: Api,
    private readonly options: SettingsPanelOptions,
  ) {
    this.element = h('div', {
      class: 'notify-settings',
      data: { testid: 'notify-settings', department: options.departmentId },
    });
    this.saveButton = button(notifyTexts().save, () => void this.save(), 'notify-save', 'primary');
  }

  async start(): Promise<void> {
    const texts = notifyTexts();
    this.stopped = false;
    this.element.replaceChildren(h('p', { class: 'muted', text: texts.loading }));
    try {
      this.settings = await this.api.get<NotificationSettings>(
        `${this.departmentPath()}/notification-settings`,
      );
    } catch (error) {
      this.element.replaceChildren(
        h('p', { class: 'error', text: `${texts.loadFailed}${messageOf(error)}` }),
      );
      return;
    }
    this.draw(this.settings);
  }

  /** Ends the tests' polling (the page is left, or another department chosen). */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private departmentPath(): string {
    return `/api/departments/${encodeURIComponent(this.options.departmentId)}`;
  }

  private draw(settings: NotificationSettings): void {
    const texts = notifyTexts();
    this.fillContacts(contactDrafts(settings.contacts));
    this.fillSubscriptions(subscriptionDrafts(settings.subscriptions));
    this.drawRobots(settings.robots);
    this.drawTests();
    this.element.replaceChildren(
      h('p', { class: 'notify-quiet', text: texts.quietHours, data: { testid: 'notify-quiet-hours' } }),
      ...heading(texts.contactsTitle, texts.contactsHint),
      this.contacts.table(),
      button(
        texts.addContact,
        () => {
          const contact = this.contactRow({ role: 'contact', name: '', email: '', mobile: '', actorId: '' });
          this.contacts.add(contact);
          contact.name.focus();
        },
        'notify-add-contact',
        'ghost small',
      ),
      ...heading(texts.subscriptionsTitle, texts.subscriptionsHint),
      this.subscriptions.table(),
      button(
        texts.addSubscription,
        () => this.subscriptions.add(this.subscriptionRow(newSubscription())),
        'notify-add-subscription',
        'ghost small',
      ),
      h('div', { class: 'notify-save' }, this.saveButton, this.saveStatus),
      ...heading(texts.robotsTitle, texts.robotsHint),
      this.robots,
      ...heading(texts.testsTitle, texts.testsHint),
      this.tests,
    );
  }

  // ---- contacts ----

  private fillContacts(drafts: ContactDraft[]): void {
    this.contacts.replace(drafts.map((draft) => this.contactRow(draft)));
  }

  private contactRow(draft: ContactDraft): ContactRow {
    const texts = notifyTexts();
    const role = h(
      'select',
      { data: { field: 'role' }, attrs: { 'aria-label': texts.role } },
      ...CONTACT_ROLES.map((r) => option(r, texts.roles[r], r === draft.role)),
    );
    const name = textInput(draft.name, { maxlength: '100', size: '8', 'aria-label': texts.name });
    const email = textInput(draft.email, {
      type: 'email',
      maxlength: '200',
      size: '20',
      'aria-label': texts.email,
      placeholder: 'name@example.gov.cn',
    });
    const mobile = textInput(draft.mobile, {
      type: 'tel',
      maxlength: '20',
      size: '12',
      'aria-label': texts.mobile,
      placeholder: '138 0000 0000',
    });
    const actorId = textInput(draft.actorId, { maxlength: '100', size: '12', 'aria-label': texts.actorId });
    name.dataset.field = 'name';
    email.dataset.field = 'email';
    mobile.dataset.field = 'mobile';
    actorId.dataset.field = 'actorId';
    const syncRole = () => {
      const handler = role.value === 'handler';
      actorId.disabled = !handler;
      actorId.placeholder = handler ? 'actor.id' : texts.actorIdOnlyHandler;
    };
    role.addEventListener('change', syncRole);
    syncRole();
    const row = h(
      'tr',
      { data: { contact: '' } },
      h('td', {}, role),
      h('td', {}, name),
      h('td', {}, email),
      h('td', {}, mobile),
      h('td', {}, actorId),
      h('td'),
    );
    return { row, role, name, email, mobile, actorId };
  }

  private contactDraft(contact: ContactRow): ContactDraft {
    return {
      role: contact.role.value as ContactRole,
      name: contact.name.value,
      email: contact.email.value,
      mobile: contact.mobile.value,
      actorId: contact.actorId.value,
    };
  }

  // ---- subscriptions ----

  private fillSubscriptions(drafts: SubscriptionDraft[]): void {
    this.subscriptions.replace(drafts.map((draft) => this.subscriptionRow(draft)));
  }

  private subscriptionRow(draft: SubscriptionDraft): SubscriptionRow {
    const texts = notifyTexts();
    const levelNames = t().levels;
    const channel = h(
      'select',
      { data: { field: 'channel' }, attrs: { 'aria-label': texts.channel } },
      ...OUTBOUND_CHANNELS.map((c) => option(c, texts.channels[c], c === draft.channel)),
    );
    const levels = new Map(LEVELS.map((level) => [level, checkbox(draft.levels.includes(level), { level })]));
    const families = textInput(draft.families, {
      size: '18',
      placeholder: texts.familiesPlaceholder,
      'aria-label': texts.families,
    });
    families.dataset.field = 'families';
    const audience = new Map(
      AUDIENCES.map((who) => [who, checkbox(draft.audience.includes(who), { audience: who })]),
    );
    const robotNote = h('span', { class: 'muted small', text: texts.robotAudience });
    const audienceCell = h(
      'td',
      { data: { field: 'audience' } },
      ...[...audience].map(([who, box]) => h('label', { class: 'notify-check' }, box, texts.audiences[who])),
      robotNote,
    );
    const syncChannel = () => {
      const robot = isRobotChannel(channel.value as OutboundChannel);
      for (const box of audience.values()) (box.closest('label') as HTMLElement).hidden = robot;
      robotNote.hidden = !robot;
    };
    channel.addEventListener('change', syncChannel);
    syncChannel();
    const enabled = checkbox(draft.enabled, { field: 'enabled' });
    const row = h(
      'tr',
      { data: { subscription: '' } },
      h('td', {}, channel),
      h(
        'td',
        { data: { field: 'levels' } },
        ...[...levels].map(([level, box]) =>
          h('label', { class: `notify-check level-${level}` }, box, levelNames[level]),
        ),
      ),
      h('td', { class: 'notify-families' }, families, this.familyChips(families)),
      audienceCell,
      h('td', {}, enabled),
      h('td'),
    );
    return { row, channel, levels, families, audience, enabled };
  }

  /** The known families as chips that add or remove themselves in the list (none: typed only). */
  private familyChips(input: HTMLInputElement): HTMLElement | null {
    const families = this.options.families ?? [];
    if (families.length === 0) return null;
    const chips = families.map((family) =>
      h('button', {
        class: 'notify-chip',
        text: family.title[language()],
        title: family.id,
        attrs: { type: 'button' },
        data: { family: family.id },
        onClick: () => {
          input.value = toggleFamily(input.value, family.id);
          sync();
        },
      }),
    );
    const sync = () => {
      const chosen = new Set(parseFamilies(input.value));
      for (const chip of chips) chip.classList.toggle('on', chosen.has(chip.dataset.family ?? ''));
    };
    input.addEventListener('input', sync);
    sync();
    return h('div', { class: 'notify-chips' }, ...chips);
  }

  private subscriptionDraft(subscription: SubscriptionRow): SubscriptionDraft {
    return {
      channel: subscription.channel.value as OutboundChannel,
      levels: [...subscription.levels].filter(([, box]) => box.checked).map(([level]) => level),
      families: subscription.families.value,
      audience: [...subscription.audience].filter(([, box]) => box.checked).map(([who]) => who),
      enabled: subscription.enabled.checked,
    };
  }

  // ---- saving contacts and subscriptions ----

  private async save(): Promise<void> {
    const texts = notifyTexts();
    for (const marked of this.element.querySelectorAll('.invalid')) marked.classList.remove('invalid');
    const checked = settingsInput(
      this.contacts.all.map((contact) => this.contactDraft(contact)),
      this.subscriptions.all.map((subscription) => this.subscriptionDraft(subscription)),
      texts.validation,
    );
    if (!checked.ok) {
      this.sayOnSave(checked.problems.join('；'), true);
      return;
    }
    this.saveButton.disabled = true;
    this.sayOnSave(texts.saving);
    try {
      const saved = await this.api.put<NotificationSettings>(
        `${this.departmentPath()}/notification-settings`,
        checked.value,
      );
      this.settings = saved;
      this.fillContacts(contactDrafts(saved.contacts));
      this.fillSubscriptions(subscriptionDrafts(saved.subscriptions));
      this.sayOnSave(texts.saved);
    } catch (error) {
      const message = messageOf(error);
      this.sayOnSave(`${texts.saveFailed}${message}`, true);
      this.markProblems(message);
    } finally {
      this.saveButton.disabled = false;
    }
  }

  /** Marks the rows (and fields) a refusal names. */
  private markProblems(message: string): void {
    for (const place of problemPlaces(message)) {
      const row = (place.list === 'contacts' ? this.contacts : this.subscriptions).all[place.index]?.row;
      if (!row) continue;
      row.classList.add('invalid');
      if (place.field) row.querySelector(`[data-field="${place.field}"]`)?.classList.add('invalid');
    }
  }

  private sayOnSave(message: string, failed = false): void {
    this.saveStatus.textContent = message;
    this.saveStatus.classList.toggle('failed', failed);
  }

  // ---- robots ----

  private drawRobots(robots: readonly DepartmentRobot[]): void {
    this.robots.replaceChildren(
      ...ROBOT_KINDS.map((kind) =>
        this.robotCard(
          kind,
          robots.find((r) => r.kind === kind),
        ),
      ),
    );
  }

  /** A robot's form; `note` says what was just done to it. */
  private robotCard(kind: RobotKind, robot: DepartmentRobot | undefined, note = ''): HTMLElement {
    const texts = notifyTexts();
    const name = texts.channels[kind];
    const label = textInput(robot?.label ?? '', {
      maxlength: '100',
      placeholder: texts.robotLabelPlaceholder,
    });
    label.dataset.field = 'label';
    const url = textInput('', {
      type: 'url',
      autocomplete: 'off',
      placeholder: robot?.urlHint ?? 'https://',
    });
    url.dataset.field = 'url';
    const secret = h('input', {
      attrs: { type: 'password', autocomplete: 'new-password', maxlength: '200' },
      data: { field: 'signSecret' },
    });
    const enabled = checkbox(robot?.enabled ?? true, { field: 'enabled' });
    const status = h('p', { class: 'notify-status', text: note, attrs: { role: 'status' } });
    const say = (message: string, failed = false) => {
      status.textContent = message;
      status.classList.toggle('failed', failed);
    };
    const card = h('section', { class: 'notify-robot', data: { kind, testid: `notify-robot-${kind}` } });
    const save = button(
      texts.saveRobot,
      () => {
        const checked = robotInput(
          kind,
          { label: label.value, url: url.value, signSecret: secret.value, enabled: enabled.checked },
          robot !== undefined,
          texts.validation,
        );
        if (!checked.ok) {
          say(checked.problems.join('；'), true);
          return;
        }
        save.disabled = true;
        say(texts.saving);
        this.api
          .put<DepartmentRobot>(`${this.departmentPath()}/robots/${kind}`, checked.value)
          .then(
            (saved) => {
              this.replaceRobot(kind, saved);
              card.replaceWith(this.robotCard(kind, saved, texts.robotSaved(name)));
            },
            (error: unknown) => say(`${texts.saveFailed}${messageOf(error)}`, true),
          )
          .finally(() => (save.disabled = false));
      },
      'notify-robot-save',
      'primary small',
    );
    const remove = robot
      ? button(
          texts.removeRobot,
          () =>
            confirmBox(card, {
              title: texts.removeRobotTitle(name),
              body: texts.removeRobotBody,
              yes: texts.removeRobot,
              testid: 'confirm-robot-remove',
              go: () =>
                void this.api.delete(`${this.departmentPath()}/robots/${kind}`).then(
                  () => {
                    this.replaceRobot(kind, undefined);
                    card.replaceWith(this.robotCard(kind, undefined, texts.robotRemoved(name)));
                  },
                  (error: unknown) => say(`${texts.failed}${messageOf(error)}`, true),
                ),
            }),
          'notify-robot-remove',
          'ghost small notify-danger',
        )
      : null;
    card.append(
      h(
        'div',
        { class: 'notify-robot-head' },
        h('strong', { text: name }),
        h('span', {
          class: `tag${robot?.enabled ? ' on' : ''}`,
          text: robot ? (robot.enabled ? texts.robotOn : texts.robotOff) : texts.robotNotSet,
        }),
      ),
      field(texts.robotLabel, label, 'notify-field'),
      field(texts.robotUrl, url, 'notify-field', robot ? texts.robotUrlCurrent(robot.urlHint) : undefined),
      ...(kind === 'dingtalk'
        ? [
            field(
              texts.signSecret,
              secret,
              'notify-field',
              robot?.hasSignSecret ? texts.signSecretSet : texts.signSecretNone,
            ),
          ]
        : []),
      h('label', { class: 'notify-check' }, enabled, texts.enabled),
      ...(robot
        ? [
            h('div', {
              class: 'muted small',
              text: texts.updatedBy(beijingDateTime(robot.updatedAt), robot.updatedBy),
            }),
          ]
        : []),
      h('div', { class: 'actions' }, save, remove),
      status,
    );
    return card;
  }

  private replaceRobot(kind: RobotKind, robot: DepartmentRobot | undefined): void {
    if (!this.settings) return;
    this.settings = {
      ...this.settings,
      robots: [...this.settings.robots.filter((r) => r.kind !== kind), ...(robot ? [robot] : [])],
    };
  }

  // ---- tests ----

  private drawTests(): void {
    const texts = notifyTexts();
    this.tests.replaceChildren(
      ...OUTBOUND_CHANNELS.map((channel) => {
        const list = h('ul', { class: 'notify-test-messages', data: { testid: `notify-test-${channel}` } });
        const send = button(
          texts.sendTest,
          () => void this.sendTest(channel, send, list),
          'notify-send-test',
          'ghost small',
        );
        send.dataset.channel = channel;
        return h(
          'div',
          { class: 'notify-test', data: { channel } },
          h('span', { class: 'notify-test-channel', text: texts.channels[channel] }),
          send,
          list,
        );
      }),
    );
  }

  private async sendTest(
    channel: OutboundChannel,
    send: HTMLButtonElement,
    list: HTMLElement,
  ): Promise<void> {
    const texts = notifyTexts();
    send.disabled = true;
    list.replaceChildren(h('li', { class: 'muted small', text: texts.testSending }));
    let messages: OutboundMessageView[];
    try {
      const answer = await this.api.post<{ messages: OutboundMessageView[] }>(
        `${this.departmentPath()}/channels/${channel}/test`,
      );
      messages = answer.messages;
    } catch (error) {
      send.disabled = false;
      list.replaceChildren(h('li', { class: 'error small', text: `${texts.failed}${messageOf(error)}` }));
      return;
    }
    this.options.onSent?.();
    const startedAt = Date.now();
    const show = (timedOut: boolean) =>
      list.replaceChildren(
        h('li', { class: 'muted small', text: texts.testQueued(messages.length) }),
        ...messages.map((message) => testLine(message)),
        ...(timedOut ? [h('li', { class: 'notify-status failed small', text: texts.testTimeout })] : []),
      );
    show(false);
    const tick = async (): Promise<void> => {
      if (this.stopped) return;
      const state = pollState(
        messages.map((m) => m.status),
        startedAt,
        Date.now(),
      );
      if (state !== 'waiting') {
        send.disabled = false;
        show(state === 'timeout');
        return;
      }
      messages = await Promise.all(
        messages.map((message) =>
          isFinal(message.status)
            ? Promise.resolve(message)
            : this.api
                .get<OutboundMessageDetail>(`/api/notification-messages/${message.id}`)
                .catch(() => message),
        ),
      );
      if (this.stopped) return;
      show(false);
      this.later(() => void tick(), POLL_EVERY_MS);
    };
    this.later(() => void tick(), POLL_EVERY_MS);
  }

  private later(run: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }
}

/** One test message: who, its status, the channel's answer (whole on hover). */
function testLine(message: OutboundMessageView): HTMLElement {
  const texts = notifyTexts();
  return h(
    'li',
    { data: { message: String(message.id), status: message.status } },
    h('span', {
      text: `${message.recipientName}${aside(message.recipientHint)}`,
      title: message.recipientHint,
    }),
    ' ',
    statusBadge(message.status),
    message.attempts > 0
      ? h('span', { class: 'muted small', text: ` ${texts.attemptsOf(message.attempts)}` })
      : null,
    message.lastAnswer
      ? h('span', {
          class: 'muted small notify-answer',
          text: ` ${truncated(message.lastAnswer, 80)}`,
          title: message.lastAnswer,
        })
      : null,
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
