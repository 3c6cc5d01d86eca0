// 部门待办: the officer's workspace (issue 17). A placeholder until its page lands.
import { h } from './dom';
import type { Page, WorkspaceContext } from './workspace';

export class TodoPage implements Page {
  readonly element = h('main', { class: 'workspace', data: { testid: 'todo' } });

  constructor(readonly context: WorkspaceContext) {}

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): void {}
}
