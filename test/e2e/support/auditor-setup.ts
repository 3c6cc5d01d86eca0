// Set-up of the auditor's workspace test that is another role's job (the administrator's
// catalogue), done over the REST API, and the reads the test checks the page against.
import type { CatalogData, Item } from '@app/contracts';
import { loadCatalogDirectorySync } from '@app/catalog';
import { restCall, type HttpAnswer } from '../../support/rest-call';
import { CATALOG_DIR } from '../../support/system-bed';
import type { ConsoleProcess } from './wall-bed';

/** A REST call as a logged-in user; the body parsed as JSON when it is. */
export function call<T = unknown>(
  instance: ConsoleProcess,
  token: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<HttpAnswer<T>> {
  return restCall<T>(instance.url, method, route, { token, body });
}

/**
 * The administrator's candidate catalogue: the demo catalogue with one item's promised time limit
 * `shorterBy` working days shorter, in the place of version 1 for all history (effective at the epoch).
 */
export async function shorterLimitCandidate(
  instance: ConsoleProcess,
  adminToken: string,
  itemCode: string,
  shorterBy: number,
): Promise<number> {
  const demo = loadCatalogDirectorySync(CATALOG_DIR);
  const changed: CatalogData = {
    ...demo,
    items: demo.items.map(
      (item): Item =>
        item.code === itemCode ? { ...item, promisedDays: item.promisedDays - shorterBy } : item,
    ),
  };
  const created = await call<{ id: number }>(instance, adminToken, 'POST', '/api/catalog/versions', {
    kind: 'candidate',
    effectiveFrom: '1970-01-01T00:00:00Z',
    note: `${itemCode} 承诺时限缩短 ${shorterBy} 个工作日`,
    basedOn: 1,
    catalog: changed,
  });
  if (created.status !== 201)
    throw new Error(`candidate refused: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.id;
}
