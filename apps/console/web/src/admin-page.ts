// 后台管理: the administrator's back office (issue 17): users, the catalogue (browse, upload a
// candidate, publish), webhooks and channels, the notification channels (mail, SMS, each
// department's contacts and robots, the delivery log) and the operator audit. Each tab is a hash of
// its own (`#admin/users`, `#admin/catalog`, `#admin/webhooks`, `#admin/channels`, `#admin/audit`). The server refuses every
// action to any other role (and records it); the navigation never offers this page to them.
import './admin-page.css';
import { Api } from './api';
import { h } from './dom';
import { AdminAuditTab } from './admin-audit';
import { AdminCatalogTab } from './admin-catalog';
import { AdminChannelsTab } from './admin-channels';
import { type AdminContext, type AdminTab, Notice } from './admin-common';
import { adminTexts } from './admin-texts';
import { AdminUsersTab } from './admin-users';
import { AdminWebhooksTab } from './admin-webhooks';
import { notifyTexts } from './notify-texts';
import type { Page, WorkspaceContext } from './workspace';

const TABS = ['users', 'catalog', 'webhooks', 'channels', 'audit'] as const;
type TabName = (typeof TABS)[number];

/** The tab a hash rest names (`/catalog`, `/audit?…`), the users by default. */
export function tabOf(rest: string): TabName {
  const name = rest.replace(/^\//, '').split(/[/?]/)[0] ?? '';
  return (TABS as readonly string[]).includes(name) ? (name as TabName) : 'users';
}

export class AdminPage implements Page {
  readonly element = h('main', { class: 'workspace admin', data: { testid: 'admin' } });
  private readonly tab: AdminTab;
  private readonly current: TabName;

  constructor(readonly context: WorkspaceContext) {
    const notice = new Notice();
    const admin: AdminContext = {
      session: context.session,
      http: new Api(context.session, (message) => context.logout(message)),
      notice,
    };
    this.current = tabOf(context.rest);
    const tabs: Record<TabName, () => AdminTab> = {
      users: () => new AdminUsersTab(admin),
      catalog: () => new AdminCatalogTab(admin),
      webhooks: () => new AdminWebhooksTab(admin),
      channels: () => new AdminChannelsTab(admin),
      audit: () => new AdminAuditTab(admin),
    };
    this.tab = tabs[this.current]();
    const texts = adminTexts();
    const links = TABS.map((name) =>
      h('a', {
        class: name === this.current ? 'admin-tab current' : 'admin-tab',
        text: name === 'channels' ? notifyTexts().channelsTab : texts.tabs[name],
        attrs: { href: `#admin/${name}`, ...(name === this.current ? { 'aria-current': 'page' } : {}) },
        data: { testid: `admin-tab-${name}` },
      }),
    );
    this.element.append(h('nav', { class: 'admin-tabs' }, ...links), notice.element, this.tab.element);
  }

  start(): Promise<void> {
    this.element.dataset.tab = this.current;
    return this.tab.start().finally(() => (this.element.dataset.ready = 'true'));
  }

  /** A tab that polls (the channels' tests) stops when the page is left. */
  stop(): void {
    (this.tab as AdminTab & { stop?: () => void }).stop?.();
  }
}
