// Every workspace of the console, in navigation order, with the roles that may open it (the same
// roles the server's routes allow).
import { AdminPage } from './admin-page';
import { periodInHash, ReportPage } from './report';
import { ReplayPage } from './replay-page';
import { SilencesPage } from './silences-page';
import { TodoPage } from './todo-page';
import { Wall } from './wall';
import type { Page, Workspace } from './workspace';

/** The report takes its period from the hash. */
function reportPage(page: ReportPage, rest: string): Page {
  return {
    element: page.element,
    start: () => page.start(periodInHash(`#report${rest}`)),
    stop: () => page.stop(),
  };
}

export const WORKSPACES: readonly Workspace[] = [
  {
    hash: '#wall',
    title: { zh: '监控大屏', en: 'Alarm wall' },
    roles: ['supervisor', 'department_officer', 'auditor'],
    listed: true,
    open: ({ session, logout }) => new Wall(session, logout),
  },
  {
    hash: '#todo',
    title: { zh: '部门待办', en: 'To-do' },
    roles: ['department_officer'],
    listed: true,
    open: (context) => new TodoPage(context),
  },
  {
    hash: '#silences',
    title: { zh: '静默规则', en: 'Silences' },
    roles: ['supervisor'],
    listed: true,
    open: (context) => new SilencesPage(context),
  },
  {
    hash: '#replay',
    title: { zh: '审计回放', en: 'Replay review' },
    roles: ['auditor', 'supervisor'],
    listed: true,
    open: (context) => new ReplayPage(context),
  },
  {
    hash: '#report',
    title: { zh: '绩效评估', en: 'Evaluation' },
    roles: ['supervisor', 'department_officer', 'auditor'],
    listed: true,
    open: ({ session, rest, logout }) => reportPage(new ReportPage(session, () => logout()), rest),
  },
  {
    hash: '#admin',
    title: { zh: '后台管理', en: 'Administration' },
    roles: ['administrator'],
    listed: true,
    open: (context) => new AdminPage(context),
  },
];
