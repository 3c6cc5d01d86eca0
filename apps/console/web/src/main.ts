// Entry of the alarm wall page: the login form, then the wall of the logged-in user's role.
import './styles.css';
import { ApiError, login, storedSession, storeSession, type Session } from './api';
import { h } from './dom';
import { language, setLanguage, t } from './i18n';
import { periodInHash, ReportPage } from './report';
import { Wall } from './wall';

const root = document.getElementById('app') as HTMLElement;
let wall: Wall | undefined;
let report: ReportPage | undefined;

function leave(): void {
  wall?.stop();
  wall = undefined;
  report?.stop();
  report = undefined;
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

/** The wall, or the evaluation report at `#report?period=…`. */
function show(session: Session): void {
  if (session.user.role === 'administrator') {
    showLogin(t().noWall);
    return;
  }
  leave();
  if (location.hash.startsWith('#report')) {
    report = new ReportPage(session, () => showLogin());
    root.replaceChildren(report.element);
    report
      .start(periodInHash(location.hash))
      .catch((error: unknown) => console.warn('report: start failed', error));
    return;
  }
  wall = new Wall(session, (message) => showLogin(message));
  root.replaceChildren(wall.element);
  wall.start().catch((error: unknown) => console.warn('wall: start failed', error));
}

window.addEventListener('hashchange', () => {
  const current = storedSession();
  if (current) show(current);
});

setLanguage(language());
const session = storedSession();
if (session) show(session);
else showLogin();
