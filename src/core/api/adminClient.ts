/**
 * The Frame Admin API (e.g. https://api.console.nutanix.com/v1): customers → organizations →
 * accounts, each its own endpoint, paged with offset/limit, signed like the Web API.
 * The public documentation does not show the response bodies; we accept a bare JSON list or an
 * object holding the list under `items`, `data` or `results`.
 */
import { clampInt } from '../http/limits';
import { SignedApi } from './signedApi';
import type { AdminAccount, AdminEntity, AdminOrganization, Page } from './types';
import { expectArray, expectObject, optionalText, requiredId, type Where } from './validate';

export interface PageRequest {
  offset?: number;
  /** 1 to 100 (the largest page the API serves). */
  limit?: number;
  signal?: AbortSignal;
}

export const ADMIN_MAX_PAGE = 100;

export class FrameAdminClient extends SignedApi {
  listCustomers(page: PageRequest = {}): Promise<Page<AdminEntity>> {
    return this.page('/customers', {}, page, (o, where, path) => this.entity(o, where, path));
  }

  listOrganizations(filter: { customerId?: string } = {}, page: PageRequest = {}): Promise<Page<AdminOrganization>> {
    return this.page('/organizations', { customer_id: filter.customerId }, page, (o, where, path) => ({
      ...this.entity(o, where, path),
      customerId: optionalText(o, 'customer_id', where, path),
    }));
  }

  listAccounts(filter: { customerId?: string; organizationId?: string } = {}, page: PageRequest = {}): Promise<Page<AdminAccount>> {
    return this.page('/accounts', { customer_id: filter.customerId, organization_id: filter.organizationId }, page, (o, where, path) => ({
      ...this.entity(o, where, path),
      organizationId: optionalText(o, 'organization_id', where, path),
      customerId: optionalText(o, 'customer_id', where, path),
      accountId: optionalText(o, 'account_id', where, path),
    }));
  }

  /** Every item of a list, page after page (stops at `maxItems`, default 10,000). */
  async all<T>(
    list: (page: PageRequest) => Promise<Page<T>>,
    options: { pageSize?: number; maxItems?: number; signal?: AbortSignal } = {},
  ): Promise<T[]> {
    const limit = clampLimit(options.pageSize ?? ADMIN_MAX_PAGE);
    const maxItems = options.maxItems ?? 10_000;
    const out: T[] = [];
    for (let offset = 0; out.length < maxItems; offset += limit) {
      const page = await list({ offset, limit, signal: options.signal });
      out.push(...page.items);
      if (!page.hasMore) break;
    }
    return out.slice(0, maxItems);
  }

  private entity(o: Record<string, unknown>, where: Where, path: string): AdminEntity {
    return { id: requiredId(o, 'id', where, path), name: optionalText(o, 'name', where, path) };
  }

  private async page<T>(
    path: string,
    filters: Record<string, string | undefined>,
    page: PageRequest,
    map: (o: Record<string, unknown>, where: Where, path: string) => T,
  ): Promise<Page<T>> {
    const offset = clampInt(Math.floor(page.offset ?? 0), 0, Number.MAX_SAFE_INTEGER, 0);
    const limit = clampLimit(page.limit ?? 50);
    const query: Record<string, string> = { offset: String(offset), limit: String(limit) };
    for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '') query[k] = v;
    const { body, where } = await this.getJson(path, query, page.signal);
    const list = listOf(body, where);
    const items = list.map((item, i) => map(expectObject(item, where, `[${i}]`), where, `[${i}]`));
    return { items, offset, limit, hasMore: items.length >= limit };
  }
}

function clampLimit(limit: number): number {
  return clampInt(Math.floor(limit), 1, ADMIN_MAX_PAGE, 50);
}

function listOf(body: unknown, where: Where): unknown[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object') {
    for (const key of ['items', 'data', 'results']) {
      const v = (body as Record<string, unknown>)[key];
      if (Array.isArray(v)) return v;
    }
  }
  return expectArray(body, where);
}
