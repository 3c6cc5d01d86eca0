// 监察: the supervisor's silences (issue 17). A placeholder until its page lands.
import { h } from './dom';
import type { Page, WorkspaceContext } from './workspace';

export class SilencesPage implements Page {
  readonly element = h('main', { class: 'workspace', data: { testid: 'silences' } });

  constructor(readonly context: WorkspaceContext) {}

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): void {}
}
