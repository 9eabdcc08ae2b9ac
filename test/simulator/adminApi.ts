/**
 * Admin API routes under /v1 (the frame signature was verified by the caller, which also found the
 * credentials' scope). Lists answer a plain JSON array per page, as Frame's examples show; shapes
 * Frame's documents do not show are this simulator's assumptions (README.md, "Admin API").
 */
import type { AdminTenant, AuditEntry, TenantAccount, TenantScope } from './adminData';
import { scopeSeesAccount } from './adminData';
import type { Reply, RequestContext } from './reply';
import { detail, isRead, json, methodNotAllowed, notFound } from './reply';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

const forbidden = (): Reply => detail(403, 'You do not have permission to perform this action.');

/** offset/limit paging of a list; undefined items → the whole list. */
function page<T>(ctx: RequestContext, items: readonly T[]): Reply {
  const offsetText = ctx.query.get('offset');
  const limitText = ctx.query.get('limit');
  if (offsetText !== null && !/^\d{1,9}$/.test(offsetText)) return detail(400, 'offset must be a non-negative integer.');
  if (limitText !== null && (!/^\d{1,9}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_LIMIT)) {
    return detail(400, `limit must be an integer between 1 and ${MAX_LIMIT}.`);
  }
  const offset = offsetText === null ? 0 : Number(offsetText);
  const asked = limitText === null ? DEFAULT_LIMIT : Number(limitText);
  const limit = Math.min(asked, ctx.pageCap ?? asked);
  return json(200, items.slice(offset, offset + limit));
}

/** `order_by` (name, url_slug) and `order` (asc, desc); no order_by keeps creation order. */
function sorted<T extends { name: string; url_slug: string }>(ctx: RequestContext, items: readonly T[]): T[] | Reply {
  const by = ctx.query.get('order_by');
  const order = ctx.query.get('order') ?? 'asc';
  if (order !== 'asc' && order !== 'desc') return detail(400, 'order must be "asc" or "desc".');
  if (by === null) return [...items];
  if (by !== 'name' && by !== 'url_slug') return detail(400, `order_by: unknown field "${by}".`);
  const out = [...items].sort((a, b) => a[by].localeCompare(b[by]));
  return order === 'desc' ? out.reverse() : out;
}

const nameMatches = (ctx: RequestContext, name: string): boolean => {
  const q = ctx.query.get('name');
  return !q || name.toLowerCase().includes(q.toLowerCase());
};

/** The list form of an account (`GET /accounts`): the fields Frame's list example shows. */
const listed = (a: TenantAccount) => ({
  id: a.id,
  name: a.name,
  description: a.description,
  website: a.website,
  active: a.active,
  last_publish: a.last_publish,
});

/** `search` (user name, email, identity provider, kind) and `kind` (a wildcard match on the kind). */
function audit(ctx: RequestContext, entries: readonly AuditEntry[]): Reply {
  const search = ctx.query.get('search')?.toLowerCase();
  const kind = ctx.query.get('kind')?.toLowerCase();
  const kindPattern = kind ? new RegExp(kind.split('*').map(escapeRegExp).join('.*')) : undefined;
  return page(
    ctx,
    entries.filter(
      (e) =>
        (!search || [e.user_full_name, e.user_email, e.identity_provider, e.kind].some((v) => v.toLowerCase().includes(search))) &&
        (!kindPattern || kindPattern.test(e.kind.toLowerCase())),
    ),
  );
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function segment(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

export function handleAdminApi(ctx: RequestContext, tenant: AdminTenant, scope: TenantScope): Reply {
  const parts = ctx.pathname
    .replace(/^\/v1\/?/, '')
    .replace(/\/+$/, '')
    .split('/');
  const [root, rawId, sub, rawLeaf, ...rest] = parts;
  const id = segment(rawId);
  const leaf = segment(rawLeaf);
  if (rest.length || (id === undefined && rawId !== undefined)) return notFound();
  const read = isRead(ctx.method);
  const readOnly = (reply: () => Reply): Reply => (read ? reply() : methodNotAllowed(ctx.method, 'GET, HEAD'));
  const visibleAccounts = () => tenant.accounts.filter((a) => scopeSeesAccount(tenant, scope, a.id));
  const seesOrganization = (orgId: string) =>
    scope.kind === 'customer' || (scope.kind === 'organization' && scope.organizationId === orgId);

  switch (root) {
    case 'customers': {
      if (id === undefined && sub === undefined)
        return readOnly(() => (scope.kind === 'customer' ? json(200, tenant.customer) : forbidden()));
      if (id !== tenant.customer.id) return scope.kind === 'customer' ? notFound() : forbidden();
      if (scope.kind !== 'customer') return forbidden();
      if (sub === 'accounts' && leaf === undefined)
        return readOnly(() => {
          const active = ctx.query.get('active');
          const org = ctx.query.get('organization_id');
          const list = tenant.accounts.filter(
            (a) =>
              nameMatches(ctx, a.name) &&
              (active === null || String(a.active) === active.toLowerCase()) &&
              (org === null || tenant.organizationOf(a.id) === org),
          );
          const ordered = sorted(ctx, list);
          return Array.isArray(ordered) ? page(ctx, ordered.map(listed)) : ordered;
        });
      if (sub === 'audit-trails' && leaf === undefined) return readOnly(() => audit(ctx, tenant.auditTrail()));
      return notFound();
    }
    case 'organizations': {
      if (id === undefined)
        return readOnly(() => {
          if (scope.kind === 'account') return forbidden();
          // What omitting show_deleted does is not documented: here deleted ones are listed unless it is "false".
          const all =
            ctx.query.get('show_deleted') === 'false' ? tenant.organizations : [...tenant.organizations, ...tenant.deletedOrganizations];
          const ordered = sorted(
            ctx,
            all.filter((o) => seesOrganization(o.id) && nameMatches(ctx, o.name)),
          );
          return Array.isArray(ordered) ? page(ctx, ordered) : ordered;
        });
      const org = [...tenant.organizations, ...tenant.deletedOrganizations].find((o) => o.id === id);
      if (!org) return notFound();
      if (!seesOrganization(org.id)) return forbidden();
      if (sub === undefined) return readOnly(() => json(200, org));
      if (sub === 'audit-trails' && leaf === undefined) return readOnly(() => audit(ctx, tenant.auditTrail(org.id)));
      return notFound();
    }
    case 'accounts': {
      if (id === undefined)
        return readOnly(() => {
          const org = ctx.query.get('organization_id');
          return page(
            ctx,
            visibleAccounts()
              .filter((a) => nameMatches(ctx, a.name) && (org === null || tenant.organizationOf(a.id) === org))
              .map(listed),
          );
        });
      const account = tenant.accounts.find((a) => a.id === id);
      if (!account) return id === tenant.outsideAccountId ? forbidden() : notFound();
      if (!scopeSeesAccount(tenant, scope, account.id)) return forbidden();
      switch (sub) {
        case undefined:
          return readOnly(() => json(200, account));
        case 'availability_zones':
          return leaf === undefined ? readOnly(() => json(200, tenant.availabilityZones(account.id))) : notFound();
        case 'deployment_groups':
          return leaf === undefined
            ? readOnly(() => {
                const groups = tenant.deploymentGroups(account.id);
                return groups ? json(200, groups) : detail(404, 'Upgrade groups are not enabled for this account.');
              })
            : notFound();
        case 'user_volumes_settings':
          return leaf === undefined ? readOnly(() => json(200, tenant.userVolumesSettings(account.id))) : notFound();
        case 'publish': {
          if (leaf === undefined) {
            if (ctx.method !== 'POST') return methodNotAllowed(ctx.method, 'POST');
            const task = tenant.startPublish(account.id, ctx.nowMs);
            // Frame's example begins with the account; the task-id field name is this simulator's guess.
            return json(200, { account, task_id: task.id, state: task.state, started_at: task.started_at });
          }
          if (leaf === 'tasks') return readOnly(() => json(200, tenant.publishTasks(account.id)));
          return readOnly(() => {
            const task = tenant.readTask(account.id, leaf, ctx.nowMs);
            return task ? json(200, task) : notFound();
          });
        }
        default:
          return notFound();
      }
    }
    case 'cloud_providers':
      return id === undefined ? readOnly(() => json(200, tenant.cloudProviders)) : notFound();
    case 'datacenters':
      return id === undefined ? readOnly(() => json(200, tenant.datacenters)) : notFound();
    default:
      return notFound();
  }
}
