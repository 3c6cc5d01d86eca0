// The console's workspaces: one page per job, reached from a navigation that shows only what the
// user's role may do. The server refuses the same things on its own; this only keeps the page honest.
import type { Bilingual, WallRole } from '../../../../libs/contracts/src/wall-protocol';
import type { Session } from './api';

/** A page of the console: built, started when shown, stopped when left. */
export interface Page {
  readonly element: HTMLElement;
  start(): Promise<void>;
  stop(): void;
}

export interface WorkspaceContext {
  session: Session;
  /** The hash after the workspace's own, e.g. `?period=2026-11` or `/users`. */
  rest: string;
  /** Ends the session (a 401, or the user logging out). */
  logout: (message?: string) => void;
}

export interface Workspace {
  /** The location hash it lives at, e.g. `#todo`. */
  hash: string;
  title: Bilingual;
  roles: readonly WallRole[];
  /** Whether the navigation lists it (the report is reached from the wall). */
  listed: boolean;
  open(context: WorkspaceContext): Page;
}

/** The workspace a hash names (its own hash, then `/` or `?` and more), if any. */
export function workspaceAt(
  workspaces: readonly Workspace[],
  hash: string,
): { workspace: Workspace; rest: string } | undefined {
  for (const workspace of workspaces) {
    if (hash === workspace.hash) return { workspace, rest: '' };
    if (hash.startsWith(workspace.hash) && /^[/?]/.test(hash.slice(workspace.hash.length)))
      return { workspace, rest: hash.slice(workspace.hash.length) };
  }
  return undefined;
}

/** The workspaces a role may open, in navigation order. */
export function workspacesOf(workspaces: readonly Workspace[], role: WallRole): Workspace[] {
  return workspaces.filter((workspace) => workspace.roles.includes(role));
}
