// The back office's (后台管理) contract between the console and its page: plain types only (no
// import), so the page (apps/console/web) compiles against the same file as the server. The page
// imports this file itself, not the `@app/contracts` index, so its bundle takes no runtime code of
// the library.

/** `GET /api/audit/operator-actions`: one entry of the operator audit. */
export interface OperatorActionRecord {
  id: number;
  at: string;
  actorUsername: string;
  actorRole: string;
  address: string | null;
  action: string;
  target: string;
  details: Record<string, unknown>;
}
