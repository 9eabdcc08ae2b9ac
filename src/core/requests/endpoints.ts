/**
 * The documented endpoints, for completion in request files: a small static table written from
 * the API documents (`frame-web-api-v1alpha.txt` and `frame-admin-api-endpoints.md`). Only what
 * they mark documented is here: the Admin API's endpoints "seen only in a script" (one session,
 * Secure Anonymous Tokens) and operations whose path was not found are left out on purpose.
 * Paths are below the connection's base URL; `{name}` is a path parameter.
 */
import * as l10n from '@vscode/l10n';
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

// Texts are getters: read when shown, after the display language's strings are configured (not at module load).
const paging: EndpointParameter[] = [
  {
    name: 'offset',
    get meaning() {
      return l10n.t('Start position (with limit)');
    },
  },
  {
    name: 'limit',
    get meaning() {
      return l10n.t('Page size (with offset)');
    },
  },
];
const sorting: EndpointParameter[] = [
  {
    name: 'order',
    get meaning() {
      return l10n.t('`asc` or `desc`');
    },
  },
  {
    name: 'order_by',
    get meaning() {
      return l10n.t('Field to sort by, e.g. `name`');
    },
  },
];

export const ENDPOINTS: readonly Endpoint[] = [
  // Web API v1alpha (frame-web-api-v1alpha.txt)
  {
    api: 'web',
    method: 'GET',
    path: '/accounts/',
    get summary() {
      return l10n.t('The accounts these credentials can see');
    },
    query: [],
  },
  {
    api: 'web',
    method: 'GET',
    path: '/accounts/{account_id}/sessions',
    get summary() {
      return l10n.t("Links to the account's monthly session reports (CSV.zip)");
    },
    query: [],
  },
  {
    api: 'web',
    method: 'GET',
    path: '/accounts/{account_id}/recent_sessions',
    get summary() {
      return l10n.t('Recent sessions as CSV');
    },
    query: [],
  },
  {
    api: 'web',
    method: 'GET',
    path: '/accounts/{account_id}/usage',
    get summary() {
      return l10n.t('Usage hours per day (Pacific time)');
    },
    query: [
      {
        name: 'date_from',
        get meaning() {
          return l10n.t('First day, yyyy-MM-dd (PST)');
        },
        required: true,
      },
      {
        name: 'date_to',
        get meaning() {
          return l10n.t('Last day, yyyy-MM-dd (PST)');
        },
        required: true,
      },
    ],
  },
  {
    api: 'web',
    method: 'GET',
    path: '/accounts/{account_id}/team_members',
    get summary() {
      return l10n.t("The account's team members");
    },
    query: [],
  },
  {
    api: 'web',
    method: 'GET',
    path: '/accounts/{account_id}/applications',
    get summary() {
      return l10n.t("The account's applications");
    },
    query: [],
  },
  // Admin API (frame-admin-api-endpoints.md, the endpoints it marks documented)
  {
    api: 'admin',
    method: 'GET',
    path: '/accounts',
    get summary() {
      return l10n.t('Accounts these credentials can see');
    },
    query: [
      {
        name: 'name',
        get meaning() {
          return l10n.t('Full or partial name');
        },
      },
      {
        name: 'organization_id',
        get meaning() {
          return l10n.t('Only accounts of this organization');
        },
      },
    ],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/accounts/{account_id}',
    get summary() {
      return l10n.t("One account's details");
    },
    query: [],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/accounts/{account_id}/availability_zones',
    get summary() {
      return l10n.t("The account's availability zones");
    },
    get note() {
      return l10n.t('response not retrieved');
    },
    query: [],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/accounts/{account_id}/deployment_groups',
    get summary() {
      return l10n.t("The account's upgrade groups");
    },
    get note() {
      return l10n.t('newest docs only; response not retrieved');
    },
    query: [],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/accounts/{account_id}/user_volumes_settings',
    get summary() {
      return l10n.t("The account's user-volume settings");
    },
    get note() {
      return l10n.t('newest docs only; response not retrieved');
    },
    query: [],
  },
  {
    api: 'admin',
    method: 'POST',
    path: '/accounts/{account_id}/publish',
    get summary() {
      return l10n.t("Start publishing the account's Sandbox (a write: it changes production)");
    },
    get note() {
      return l10n.t('response only partly retrieved');
    },
    query: [],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/accounts/{account_id}/publish/tasks',
    get summary() {
      return l10n.t("The account's publish tasks");
    },
    get note() {
      return l10n.t('response not retrieved');
    },
    query: [],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/accounts/{account_id}/publish/{task_id}',
    get summary() {
      return l10n.t('Status of one publish task');
    },
    get note() {
      return l10n.t('response not retrieved');
    },
    query: [],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/organizations',
    get summary() {
      return l10n.t('Organizations');
    },
    query: [
      {
        name: 'name',
        get meaning() {
          return l10n.t('Full or partial name');
        },
      },
      {
        name: 'show_deleted',
        get meaning() {
          return l10n.t('Include deleted organizations (`true`/`false`)');
        },
      },
      ...sorting,
      ...paging,
    ],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/organizations/{organization_id}',
    get summary() {
      return l10n.t("One organization's details");
    },
    query: [],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/organizations/{organization_id}/audit-trails',
    get summary() {
      return l10n.t("The organization's audit trail");
    },
    get note() {
      return l10n.t('date range and paging parameters not retrieved');
    },
    query: [
      {
        name: 'search',
        get meaning() {
          return l10n.t("User's name, email, identity provider, or the entry's kind");
        },
      },
      {
        name: 'kind',
        get meaning() {
          return l10n.t('Wildcard match on the entry kind, e.g. `launchpad`');
        },
      },
    ],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/customers/',
    get summary() {
      return l10n.t('The customer these credentials belong to');
    },
    query: [],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/customers/{customer_id}/accounts',
    get summary() {
      return l10n.t('Every account of the customer, across organizations');
    },
    query: [
      {
        name: 'name',
        get meaning() {
          return l10n.t('Full or partial name');
        },
      },
      {
        name: 'active',
        get meaning() {
          return l10n.t('Filter on the active flag, e.g. `true`');
        },
      },
      {
        name: 'organization_id',
        get meaning() {
          return l10n.t('Only accounts of this organization');
        },
      },
      ...paging,
      ...sorting,
    ],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/customers/{customer_id}/audit-trails',
    get summary() {
      return l10n.t("The customer's audit trail");
    },
    get note() {
      return l10n.t('parameters only partly retrieved');
    },
    query: [],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/cloud_providers',
    get summary() {
      return l10n.t('Cloud providers Frame offers');
    },
    query: [],
  },
  {
    api: 'admin',
    method: 'GET',
    path: '/datacenters',
    get summary() {
      return l10n.t('Datacenters, with their image families and instance types');
    },
    get note() {
      return l10n.t('parameters and response not retrieved');
    },
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
