/**
 * The documented endpoints, for completion in request files: a small static table written from
 * the API documents (`frame-web-api-v1alpha.txt` and `frame-admin-api-endpoints.md`). Only what
 * they mark documented is here: the Admin API's endpoints "seen only in a script" (one session,
 * Secure Anonymous Tokens) and operations whose path was not found are left out on purpose.
 * Paths are below the connection's base URL; `{name}` is a path parameter.
 */
import type { ApiKind } from '../api/signedApi';

export interface EndpointParameter {
  name: string;
  meaning: string;
  required?: boolean;
}

export interface Endpoint {
  api: Exclude<ApiKind, 'other'>;
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  /** The document's own caveat, when it has one ("response not retrieved"). */
  note?: string;
  query: readonly EndpointParameter[];
}

const paging: EndpointParameter[] = [
  { name: 'offset', meaning: 'Start position (with limit)' },
  { name: 'limit', meaning: 'Page size (with offset)' },
];
const sorting: EndpointParameter[] = [
  { name: 'order', meaning: '`asc` or `desc`' },
  { name: 'order_by', meaning: 'Field to sort by, e.g. `name`' },
];

export const ENDPOINTS: readonly Endpoint[] = [
  // Web API v1alpha (frame-web-api-v1alpha.txt)
  { api: 'web', method: 'GET', path: '/accounts/', summary: 'The accounts these credentials can see', query: [] },
  {
    api: 'web',
    method: 'GET',
    path: '/accounts/{account_id}/sessions',
    summary: "Links to the account's monthly session reports (CSV.zip)",
    query: [],
  },
  { api: 'web', method: 'GET', path: '/accounts/{account_id}/recent_sessions', summary: 'Recent sessions as CSV', query: [] },
  {
    api: 'web',
    method: 'GET',
    path: '/accounts/{account_id}/usage',
    summary: 'Usage hours per day (Pacific time)',
    query: [
      { name: 'date_from', meaning: 'First day, yyyy-MM-dd (PST)', required: true },
      { name: 'date_to', meaning: 'Last day, yyyy-MM-dd (PST)', required: true },
    ],
  },
  { api: 'web', method: 'GET', path: '/accounts/{account_id}/team_members', summary: "The account's team members", query: [] },
  { api: 'web', method: 'GET', path: '/accounts/{account_id}/applications', summary: "The account's applications", query: [] },
  // Admin API (frame-admin-api-endpoints.md, the endpoints it marks documented)
  {
    api: 'admin',
    method: 'GET',
    path: '/accounts',
    summary: 'Accounts these credentials can see',
    query: [
      { name: 'name', meaning: 'Full or partial name' },
      { name: 'organization_id', meaning: 'Only accounts of this organization' },
    ],
  },
  { api: 'admin', method: 'GET', path: '/accounts/{account_id}', summary: "One account's details", query: [] },
  {
    api: 'admin',
    method: 'GET',
    path: '/accounts/{account_id}/availability_zones',
    summary: "The account's availability zones",
    note: 'response not retrieved',
    query: [],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/accounts/{account_id}/deployment_groups',
    summary: "The account's upgrade groups",
    note: 'newest docs only; response not retrieved',
    query: [],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/accounts/{account_id}/user_volumes_settings',
    summary: "The account's user-volume settings",
    note: 'newest docs only; response not retrieved',
    query: [],
  },
  {
    api: 'admin',
    method: 'POST',
    path: '/accounts/{account_id}/publish',
    summary: "Start publishing the account's Sandbox (a write: it changes production)",
    note: 'response only partly retrieved',
    query: [],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/accounts/{account_id}/publish/tasks',
    summary: "The account's publish tasks",
    note: 'response not retrieved',
    query: [],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/accounts/{account_id}/publish/{task_id}',
    summary: 'Status of one publish task',
    note: 'response not retrieved',
    query: [],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/organizations',
    summary: 'Organizations',
    query: [
      { name: 'name', meaning: 'Full or partial name' },
      { name: 'show_deleted', meaning: 'Include deleted organizations (`true`/`false`)' },
      ...sorting,
      ...paging,
    ],
  },
  { api: 'admin', method: 'GET', path: '/organizations/{organization_id}', summary: "One organization's details", query: [] },
  {
    api: 'admin',
    method: 'GET',
    path: '/organizations/{organization_id}/audit-trails',
    summary: "The organization's audit trail",
    note: 'date range and paging parameters not retrieved',
    query: [
      { name: 'search', meaning: "User's name, email, identity provider, or the entry's kind" },
      { name: 'kind', meaning: 'Wildcard match on the entry kind, e.g. `launchpad`' },
    ],
  },
  { api: 'admin', method: 'GET', path: '/customers/', summary: 'The customer these credentials belong to', query: [] },
  {
    api: 'admin',
    method: 'GET',
    path: '/customers/{customer_id}/accounts',
    summary: 'Every account of the customer, across organizations',
    query: [
      { name: 'name', meaning: 'Full or partial name' },
      { name: 'active', meaning: 'Filter on the active flag, e.g. `true`' },
      { name: 'organization_id', meaning: 'Only accounts of this organization' },
      ...paging,
      ...sorting,
    ],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/customers/{customer_id}/audit-trails',
    summary: "The customer's audit trail",
    note: 'parameters only partly retrieved',
    query: [],
  },
  { api: 'admin', method: 'GET', path: '/cloud_providers', summary: 'Cloud providers Frame offers', query: [] },
  {
    api: 'admin',
    method: 'GET',
    path: '/datacenters',
    summary: 'Datacenters, with their image families and instance types',
    note: 'parameters and response not retrieved',
    query: [],
  },
];

/** The endpoints of an API (all of them when the kind is unknown). */
export function endpointsFor(api: ApiKind | undefined): Endpoint[] {
  return ENDPOINTS.filter((e) => !api || api === 'other' || e.api === api);
}

/** The documented endpoint a written path (`{{…}}` and ids in place of parameters) stands for. */
export function matchEndpoint(api: ApiKind | undefined, method: string, path: string): Endpoint | undefined {
  const bare = path.replace(/[?#].*$/, '');
  return endpointsFor(api).find((e) => {
    if (e.method !== method.toUpperCase()) return false;
    const pattern = e.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[a-z_]+\}/g, '(?:\\{\\{[^}]*\\}\\}|[^/{}]+)');
    return new RegExp(`^${pattern.replace(/\/$/, '')}/?$`).test(bare);
  });
}
