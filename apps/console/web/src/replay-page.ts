// 审计回放: the auditor's replay review (issue 17). A placeholder until its page lands.
import { h } from './dom';
import type { Page, WorkspaceContext } from './workspace';

export class ReplayPage implements Page {
  readonly element = h('main', { class: 'workspace', data: { testid: 'replay' } });

  constructor(readonly context: WorkspaceContext) {}

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): void {}
}
