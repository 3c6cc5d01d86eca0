// 后台管理: the administrator's back office (issue 17). A placeholder until its page lands.
import { h } from './dom';
import type { Page, WorkspaceContext } from './workspace';

export class AdminPage implements Page {
  readonly element = h('main', { class: 'workspace', data: { testid: 'admin' } });

  constructor(readonly context: WorkspaceContext) {}

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): void {}
}
