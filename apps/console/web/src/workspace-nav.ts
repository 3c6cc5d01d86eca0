// The navigation of every workspace: the pages the user's role may open (and only those), who is
// logged in, the language switch and logging out.
import type { SessionUser } from './api';
import { h } from './dom';
import { language, setLanguage, t } from './i18n';
import type { Workspace } from './workspace';

export interface NavActions {
  /** The language changed: draw the page again. */
  redraw(): void;
  logout(): void;
}

export function workspaceNav(
  user: SessionUser,
  workspaces: readonly Workspace[],
  current: Workspace | undefined,
  actions: NavActions,
): HTMLElement {
  const texts = t();
  const links = workspaces
    .filter((workspace) => workspace.listed)
    .map((workspace) =>
      h('a', {
        class: workspace === current ? 'nav-link current' : 'nav-link',
        text: workspace.title[language()],
        attrs: { href: workspace.hash, ...(workspace === current ? { 'aria-current': 'page' } : {}) },
        data: { testid: `nav-${workspace.hash.slice(1)}` },
      }),
    );
  return h(
    'nav',
    { class: 'workspace-nav no-print', data: { testid: 'workspace-nav' } },
    h('span', { class: 'nav-brand', text: texts.title }),
    h('span', { class: 'nav-links' }, ...links),
    h(
      'span',
      { class: 'nav-right' },
      h('span', { class: 'who', text: `${user.displayName} · ${texts.roles[user.role]}` }),
      h('button', {
        class: 'ghost',
        text: texts.language,
        attrs: { type: 'button' },
        onClick: () => {
          setLanguage(language() === 'zh' ? 'en' : 'zh');
          actions.redraw();
        },
      }),
      h('button', {
        class: 'ghost',
        text: texts.logout,
        attrs: { type: 'button' },
        data: { testid: 'nav-logout' },
        onClick: () => actions.logout(),
      }),
    ),
  );
}

/** What a role sees at a workspace it may not open. */
export function refusal(message: string): HTMLElement {
  return h('main', { class: 'refusal', data: { testid: 'refusal' } }, h('p', { text: message }));
}
