/**
 * Admin API routes under /v1 (frame signature verified by the caller). The public documents do
 * not show the response shape: the simulator answers a plain JSON array per page (see README).
 */
import type { SimulatorData } from './data';
import type { Reply, RequestContext } from './reply';
import { detail, isRead, json, methodNotAllowed, notFound } from './reply';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

function page<T>(ctx: RequestContext, items: readonly T[]): Reply {
  const offsetText = ctx.query.get('offset');
  const limitText = ctx.query.get('limit');
  if (offsetText !== null && !/^\d{1,9}$/.test(offsetText)) return detail(400, 'offset must be a non-negative integer.');
  if (limitText !== null && (!/^\d{1,9}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_LIMIT)) {
    return detail(400, `limit must be an integer between 1 and ${MAX_LIMIT}.`);
  }
  const offset = offsetText === null ? 0 : Number(offsetText);
  const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
  return json(200, items.slice(offset, offset + limit));
}

export function handleAdminApi(ctx: RequestContext, data: SimulatorData): Reply {
  const m = /^\/v1\/(customers|organizations|accounts)\/?$/.exec(ctx.pathname);
  if (!m) return notFound();
  if (!isRead(ctx.method)) return methodNotAllowed(ctx.method, 'GET, HEAD');
  const customerId = ctx.query.get('customer_id');
  const organizationId = ctx.query.get('organization_id');
  switch (m[1]) {
    case 'customers':
      return page(ctx, data.customers);
    case 'organizations':
      return page(
        ctx,
        data.organizations.filter((o) => customerId === null || o.customer_id === customerId),
      );
    default:
      return page(
        ctx,
        data.adminAccounts.filter(
          (a) => (customerId === null || a.customer_id === customerId) && (organizationId === null || a.organization_id === organizationId),
        ),
      );
  }
}
