// Entry of the console page: the login form, then the workspaces of the logged-in user's role.
import './styles.css';
import { ApiError, login, storedSession, storeSession, type Session } from './api';
import { h } from './dom';
import { language, setLanguage, t } from './i18n';
import { workspaceAt, workspacesOf, type Page, type Workspace } from './workspace';
import { refusal, workspaceNav } from './workspace-nav';
import { WORKSPACES } from './workspaces';

const root = document.getElementById('app') as HTMLElement;
let page: Page | undefined;

function leave(): void {
  page?.stop();
  page = undefined;
}

function showLogin(message = ''): void {
  leave();
  storeSession(null);
  const texts = t();
  const username = h('input', {
    attrs: { name: 'username', autocomplete: 'username', placeholder: texts.username, required: '' },
  });
  const password = h('input', {
    attrs: {
      name: 'password',
      type: 'password',
      autocomplete: 'current-password',
      placeholder: texts.password,
      required: '',
    },
  });
  const error = h('p', { class: 'error', text: message, data: { testid: 'login-error' } });
  const submit = h('button', { class: 'primary', text: texts.login, attrs: { type: 'submit' } });
  const toggle = h('button', {
    class: 'ghost',
    text: texts.language,
    attrs: { type: 'button' },
    onClick: () => {
      setLanguage(language() === 'zh' ? 'en' : 'zh');
      showLogin(error.textContent ?? '');
    },
  });
  const form = h(
    'form',
    { class: 'login-card' },
    h('div', { class: 'login-head' }, h('h1', { text: texts.loginTitle }), toggle),
    h('p', { class: 'muted', text: texts.loginHint }),
    username,
    password,
    submit,
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    login(username.value.trim(), password.value).then(
      (session) => {
        storeSession(session);
        show(session);
      },
      (failure: unknown) => {
        submit.disabled = false;
        error.textContent =
          failure instanceof ApiError && failure.status === 429 ? failure.message : t().loginFailed;
      },
    );
  });
  root.replaceChildren(h('div', { class: 'login' }, form));
  username.focus();
}

/**
 * The workspace the hash names, if the user's role may open it; the role's first workspace when the
 * hash names none; a refusal when it names one the role may not open.
 */
function show(session: Session): void {
  leave();
  const mine = workspacesOf(WORKSPACES, session.user.role);
  const found = workspaceAt(WORKSPACES, location.hash);
  const redraw = () => show(session);
  const nav = (current: Workspace | undefined) =>
    workspaceNav(session.user, mine, current, { redraw, logout: () => showLogin() });
  if (!found) {
    const first = mine[0];
    if (!first) {
      showLogin(t().noWorkspace);
      return;
    }
    history.replaceState(null, '', first.hash);
    show(session);
    return;
  }
  if (!mine.includes(found.workspace)) {
    root.replaceChildren(nav(undefined), refusal(t().notYourWorkspace));
    return;
  }
  page = found.workspace.open({ session, rest: found.rest, logout: (message) => showLogin(message) });
  root.replaceChildren(nav(found.workspace), page.element);
  page.start().catch((error: unknown) => console.warn(`${found.workspace.hash}: start failed`, error));
}

window.addEventListener('hashchange', () => {
  const current = storedSession();
  if (current) show(current);
});

setLanguage(language());
const session = storedSession();
if (session) show(session);
else showLogin();
