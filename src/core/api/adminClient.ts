/**
 * The Frame Admin API (e.g. https://api.console.nutanix.com/v1), as Frame's documents describe it
 * (../shared/api-docs/frame-admin-api-endpoints.md): the customer behind the credentials
 * (`GET /customers/`, one object), organizations and accounts (each its own endpoint, offset/limit
 * paging), account details and the sections only the newest documents list, publishing the
 * Sandbox and its tasks, audit trails, cloud providers and datacenters.
 *
 * Documented fields are validated (an entity needs its `id`); everything else is read leniently
 * and kept as received (`raw`), because most response shapes were never published: lists are a
 * bare array (Frame's examples) or an object holding one under `items`, `data` or `results`.
 */
import * as l10n from '@vscode/l10n';
import { clampInt } from '../http/limits';
import { FrameApiError } from '../http/errors';
import { LIMITS, SignedApi } from './signedApi';
import type { AdminAccount, AdminAccountDetails, AdminCustomer, AdminEntity, AdminOrganization, CloudProvider, Page } from './types';
import { boolAt, isObject, listIn, textAt } from './loose';
import { Pager, mayHaveMore, totalIn } from './paging';
import { expectArray, expectObject, optionalText, requiredId, type Where } from './validate';

export interface PageRequest {
  offset?: number;
  /** 1 to 100 (the most this client asks for; a server may serve fewer, which does not end the list). */
  limit?: number;
  signal?: AbortSignal;
}

export const ADMIN_MAX_PAGE = 100;

/** The account sections the newest documents list after account details (responses not retrieved). */
export const ACCOUNT_SECTIONS = {
  availabilityZones: { path: 'availability_zones' },
  upgradeGroups: { path: 'deployment_groups' },
  userVolumes: { path: 'user_volumes_settings' },
} as const;
export type AccountSection = keyof typeof ACCOUNT_SECTIONS;

/** Whose audit trail: the customer's or one organization's. */
export interface AuditScope {
  kind: 'customer' | 'organization';
  id: string;
}

/** The audit-trail filters Frame documents (`search`, `kind`); its date-range parameters were not retrieved. */
export interface AuditQuery {
  search?: string;
  kind?: string;
}

/** What `POST /accounts/{id}/publish` answered, as received (the task id's field name is not documented). */
export interface PublishResponse {
  body: unknown;
  status: number;
}

export class FrameAdminClient extends SignedApi {
  /** `GET /customers/`: the customer the credentials belong to (one object; a one-item list is accepted too). */
  async getCustomer(signal?: AbortSignal): Promise<AdminCustomer> {
    const { body, where } = await this.getJson('/customers/', undefined, signal);
    const o = expectObject(Array.isArray(body) && body.length === 1 ? body[0] : body, where, '');
    return {
      ...entity(o, where, ''),
      description: textAt(o, 'description'),
      notes: textAt(o, 'notes'),
      urlSlug: textAt(o, 'url_slug'),
      website: textAt(o, 'website'),
      ownerEmail: textAt(o, 'owner_email'),
      tenantDomain: textAt(o, 'tenant_domain'),
      active: boolAt(o, 'active'),
    };
  }

  /** `GET /organizations`: by default sorted by name, deleted ones left out. */
  listOrganizations(
    filter: { name?: string; showDeleted?: boolean; orderBy?: string; order?: 'asc' | 'desc' } = {},
    page: PageRequest = {},
  ): Promise<Page<AdminOrganization>> {
    const query = {
      name: filter.name,
      show_deleted: String(filter.showDeleted ?? false),
      order_by: filter.orderBy ?? 'name',
      order: filter.order ?? 'asc',
    };
    return this.page('/organizations', query, page, organization);
  }

  async getOrganization(id: string, signal?: AbortSignal): Promise<AdminOrganization> {
    const { body, where } = await this.getJson(`/organizations/${segment(id, 'organization')}`, undefined, signal);
    return organization(expectObject(body, where, ''), where, '');
  }

  /** `GET /accounts`: what the credentials can see, optionally of one organization and/or by (partial) name. */
  listAccounts(filter: { organizationId?: string; name?: string } = {}, page: PageRequest = {}): Promise<Page<AdminAccount>> {
    return this.page('/accounts', { organization_id: filter.organizationId, name: filter.name }, page, account);
  }

  /** `GET /accounts/{id}`. */
  async getAccount(id: string, signal?: AbortSignal): Promise<AdminAccountDetails> {
    const { body, where } = await this.getJson(accountPath(id), undefined, signal);
    const o = expectObject(body, where, '');
    return {
      ...account(o, where, ''),
      notes: textAt(o, 'notes'),
      urlSlug: textAt(o, 'url_slug'),
      kind: textAt(o, 'kind'),
      insertedAt: textAt(o, 'inserted_at'),
    };
  }

  /** One of the account's sections (zones, upgrade groups, user volumes): the JSON as received. */
  async getAccountSection(id: string, section: AccountSection, signal?: AbortSignal): Promise<unknown> {
    return (await this.getJson(`${accountPath(id)}/${ACCOUNT_SECTIONS[section].path}`, undefined, signal)).body;
  }

  /**
   * `POST /accounts/{id}/publish`: starts replacing production with the Sandbox image. Sent once,
   * never retried (not by the transport, whatever the settings: `retryable: false`), because a
   * second POST could start a second publish. The body is returned as received.
   */
  async publishSandbox(id: string, signal?: AbortSignal): Promise<PublishResponse> {
    const url = this.urlFor(`${accountPath(id)}/publish`);
    const res = await this.options.transport.requestJson({
      method: 'POST',
      url,
      ...this.signed('POST'),
      retryable: false,
      signal,
      maxBytes: LIMITS.json,
    });
    return { body: res.body, status: res.status };
  }

  /** `GET /accounts/{id}/publish/{task_id}`: the task as received (its fields are not documented). */
  async getPublishTask(accountId: string, taskId: string, signal?: AbortSignal): Promise<unknown> {
    return (await this.getJson(`${accountPath(accountId)}/publish/${segment(taskId, 'publish task')}`, undefined, signal)).body;
  }

  /** `GET /accounts/{id}/publish/tasks`: as received (read with `parsePublishTasks`). */
  async listPublishTasks(accountId: string, signal?: AbortSignal): Promise<unknown> {
    return (await this.getJson(`${accountPath(accountId)}/publish/tasks`, undefined, signal)).body;
  }

  /** `GET /customers/{id}/audit-trails` or `/organizations/{id}/audit-trails`, one page; entries kept as received. */
  async listAuditTrail(scope: AuditScope, query: AuditQuery = {}, page: PageRequest = {}): Promise<Page<Record<string, unknown>>> {
    const base = scope.kind === 'customer' ? 'customers' : 'organizations';
    return this.page(
      `/${base}/${segment(scope.id, scope.kind)}/audit-trails`,
      { search: query.search?.trim(), kind: query.kind?.trim() },
      page,
      (o) => o,
      // An entry that is not an object is kept all the same, as { value }.
      (item) => (isObject(item) ? item : { value: item }),
    );
  }

  /** `GET /cloud_providers` (documented). */
  async listCloudProviders(signal?: AbortSignal): Promise<CloudProvider[]> {
    const { body, where } = await this.getJson('/cloud_providers', undefined, signal);
    return listOf(body, where).map((item, i) => {
      const o = expectObject(item, where, `[${i}]`);
      return {
        name: textAt(o, 'name'),
        displayName: textAt(o, 'display_name', 'name') || l10n.t('(provider {0})', i + 1),
        externalId: textAt(o, 'external_id'),
        byoCompatible: boolAt(o, 'byo_compatible'),
        formationUrl: textAt(o, 'formation_url'),
        raw: o,
      };
    });
  }

  /** `GET /datacenters` (parameters and response not retrieved): as received, read with `parseDatacenters`. */
  async listDatacenters(signal?: AbortSignal): Promise<unknown> {
    return (await this.getJson('/datacenters', undefined, signal)).body;
  }

  /**
   * Every item of a list, page after page (stops at `maxItems`, default 10,000), each id once: a
   * short page is not the end, and a server that repeats its pages is stopped (see Pager).
   */
  async all<T extends { id: string }>(
    list: (page: PageRequest) => Promise<Page<T>>,
    options: { pageSize?: number; maxItems?: number; signal?: AbortSignal } = {},
  ): Promise<T[]> {
    const pager = new Pager<T>(
      (offset, limit) => list({ offset, limit, signal: options.signal }),
      (item) => item,
      (item) => item.id,
    );
    return pager.takeAll(clampLimit(options.pageSize ?? ADMIN_MAX_PAGE), options.maxItems ?? 10_000);
  }

  private async page<T>(
    path: string,
    filters: Record<string, string | undefined>,
    page: PageRequest,
    map: (o: Record<string, unknown>, where: Where, path: string) => T,
    toObject?: (item: unknown) => Record<string, unknown>,
  ): Promise<Page<T>> {
    const offset = clampInt(Math.floor(page.offset ?? 0), 0, Number.MAX_SAFE_INTEGER, 0);
    const limit = clampLimit(page.limit ?? 50);
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '') query[k] = v;
    query.offset = String(offset);
    query.limit = String(limit);
    const { body, where } = await this.getJson(path, query, page.signal);
    const list = listOf(body, where);
    // More than asked is cut to what was asked (a server ignoring `limit` could send 100,000).
    const kept = list.length > limit ? list.slice(0, limit) : list;
    const items = kept.map((item, i) => map(toObject ? toObject(item) : expectObject(item, where, `[${i}]`), where, `[${i}]`));
    const total = totalIn(body);
    // Frame documents no maximum page size: a short page is not the end, an empty one is (or a total).
    return {
      items,
      offset,
      limit,
      hasMore: mayHaveMore(offset, items.length, total),
      ...(total === undefined ? {} : { total }),
      ...(list.length > limit ? { oversized: list.length } : {}),
    };
  }
}

function entity(o: Record<string, unknown>, where: Where, path: string): AdminEntity {
  return { id: requiredId(o, 'id', where, path), name: optionalTextOrEmpty(o, 'name', where, path), raw: o };
}

function organization(o: Record<string, unknown>, where: Where, path: string): AdminOrganization {
  return {
    ...entity(o, where, path),
    description: textAt(o, 'description'),
    urlSlug: textAt(o, 'url_slug'),
    website: textAt(o, 'website'),
  };
}

function account(o: Record<string, unknown>, where: Where, path: string): AdminAccount {
  return {
    ...entity(o, where, path),
    description: textAt(o, 'description'),
    website: textAt(o, 'website'),
    active: boolAt(o, 'active'),
    lastPublish: textAt(o, 'last_publish'),
  };
}

/** A name that is text, a number, or missing; anything else is shown as '' rather than failing the list. */
function optionalTextOrEmpty(o: Record<string, unknown>, key: string, where: Where, path: string): string {
  const v = o[key];
  return typeof v === 'string' || typeof v === 'number' || v === undefined || v === null ? optionalText(o, key, where, path) : '';
}

function clampLimit(limit: number): number {
  return clampInt(Math.floor(limit), 1, ADMIN_MAX_PAGE, 50);
}

function listOf(body: unknown, where: Where): unknown[] {
  return listIn(body) ?? expectArray(body, where);
}

/** One URL path segment from an id (encoded; an empty id is refused before anything is sent). */
function segment(id: string, what: 'customer' | 'organization' | 'account' | 'publish task'): string {
  if (typeof id !== 'string' || id.trim() === '') throw new FrameApiError('invalid-request', idRequired(what));
  return encodeURIComponent(id);
}

function idRequired(what: 'customer' | 'organization' | 'account' | 'publish task'): string {
  switch (what) {
    case 'customer':
      return l10n.t('A customer ID is required.');
    case 'organization':
      return l10n.t('An organization ID is required.');
    case 'account':
      return l10n.t('An account ID is required.');
    case 'publish task':
      return l10n.t('A publish task ID is required.');
  }
}

function accountPath(id: string): string {
  return `/accounts/${segment(id, 'account')}`;
}
