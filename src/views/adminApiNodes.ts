/**
 * Admin API nodes of the Accounts view. Below an Admin API connection: the customer, its
 * organizations (sorted by name, paged) and their accounts (paged), each account with its Publish
 * Tasks; then Cloud Providers and Datacenters. Credentials that cannot see the customer start at
 * what they can see (organizations, else accounts), with a note saying why.
 *
 * Every entity node is an `AdminItem`: Copy ID copies its id and Show Details opens its JSON as
 * Frame returned it (for accounts also zones, upgrade groups and user-volume settings).
 */
import * as vscode from 'vscode';
import {
  parseDatacenters,
  parsePublishTasks,
  type AdminAccount,
  type AdminAccountDetails,
  type AdminCustomer,
  type AdminEntity,
  type AdminOrganization,
  type AuditScope,
  type CloudProvider,
  type Datacenter,
  type DetailsSection,
  type FrameAdminClient,
  type Page,
  type PublishTaskInfo,
} from '../core/api';
import { isCancellation, isFrameError, userMessage } from '../core/errors';
import { formatUtcTime, parseApiTime, relativeTime } from '../core/time';
import type { Connection } from '../connections/connection';
import { COMMANDS } from '../commands/ids';
import { textTooltip } from '../ui/markdown';
import { CONTEXT } from './contextValues';
import type { AccountsContext } from './nodeContext';
import { MessageNode, PagedNode, ParentNode, TreeNode } from './tree/treeNode';

/** How often a Publish Tasks list with a task under way reloads itself. */
export const PUBLISH_TASKS_REFRESH_MS = 5000;

/** What Copy ID and Show Details act on. */
export interface AdminItem {
  readonly connection: Connection;
  /** Copy ID: the entity's id ('' when Frame gave none) and what it is, in words. */
  readonly copyable: { id: string; what: string };
  /** Show Details: a title, a file name and the labelled sections (read now where they need a request). */
  details(signal: AbortSignal): Promise<{ title: string; fileName: string; sections: DetailsSection[] }>;
}

export function isAdminItem(v: unknown): v is AdminItem {
  const x = v as Partial<AdminItem> | undefined;
  return !!x && typeof x === 'object' && typeof x.details === 'function' && !!x.copyable && typeof x.copyable.id === 'string';
}

/** A node that reads its connection from the node above it, for certain. */
type Owner = TreeNode & { readonly connection: Connection };

const documented = (key: string, label: string, value: unknown): DetailsSection => ({ key, label, documented: true, value });

/** Reads one section of Show Details; a failure becomes that section's note (cancellation still stops). */
async function section(key: string, label: string, isDocumented: boolean, read: () => Promise<unknown>): Promise<DetailsSection> {
  try {
    return { key, label, documented: isDocumented, value: await read() };
  } catch (e) {
    if (isCancellation(e)) throw e;
    return { key, label, documented: isDocumented, error: userMessage(e) };
  }
}

/** Lines of a tooltip for the fields that have a value. */
function lines(...pairs: [string, string | undefined][]): string[] {
  return pairs.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}: ${v}`);
}

/** "2026-11-03 14:22 UTC (3 days ago)", or the text as sent when it is not a time. */
function timeText(raw: string, nowMs = Date.now()): string {
  const ms = parseApiTime(raw);
  return ms === undefined ? raw : `${formatUtcTime(ms)} (${relativeTime(ms, nowMs)})`;
}

/** The connection's children: the customer (or what scoped credentials can see), then infrastructure. */
export async function adminConnectionChildren(owner: Owner, ctx: AccountsContext): Promise<TreeNode[]> {
  const admin = await ctx.clients.admin(owner.connection);
  const infrastructure = [new CloudProvidersNode(owner, ctx), new DatacentersNode(owner, ctx)];
  try {
    return [new CustomerNode(owner, await admin.getCustomer(), ctx), ...infrastructure];
  } catch (e) {
    if (!isFrameError(e, 'forbidden') && !isFrameError(e, 'not-found')) throw e;
    const why = isFrameError(e, 'forbidden') ? 'refused (HTTP 403)' : 'not found (HTTP 404)';
    // Organization-scoped credentials list organizations; account-scoped ones are refused that too.
    let orgsVisible = false;
    try {
      orgsVisible = (await admin.listOrganizations({}, { limit: 1 })).items.length > 0;
    } catch (inner) {
      if (!isFrameError(inner, 'forbidden') && !isFrameError(inner, 'not-found')) throw inner;
    }
    const message = new MessageNode(
      owner,
      'scope',
      orgsVisible
        ? `The customer is ${why} for these credentials: showing the organizations they can see.`
        : `The customer and its organizations are ${why} for these credentials: showing the accounts they can see.`,
      'info',
    );
    return [message, orgsVisible ? new ScopedOrganizationsNode(owner, ctx) : new ScopedAccountsNode(owner, ctx), ...infrastructure];
  }
}

/** Pages of one Admin API list; stops if the server ignores `offset` (the first item comes round again). */
abstract class AdminPagedNode<T extends AdminEntity> extends PagedNode<T> {
  private firstId: string | undefined;

  constructor(
    protected readonly owner: Owner,
    key: string,
    readonly ctx: AccountsContext,
  ) {
    super(owner, key);
  }

  override get connection(): Connection {
    return this.owner.connection;
  }

  protected pageSize(): number {
    return this.ctx.admin.pageSize();
  }

  protected abstract list(admin: FrameAdminClient, offset: number, limit: number): Promise<Page<T>>;

  protected async fetchPage(offset: number, limit: number): Promise<{ items: T[]; hasMore: boolean }> {
    const page = await this.list(await this.ctx.clients.admin(this.connection), offset, limit);
    if (offset === 0) this.firstId = page.items[0]?.id;
    else if (page.items.length > 0 && page.items[0]!.id === this.firstId) return { items: [], hasMore: false };
    return { items: page.items, hasMore: page.hasMore };
  }

  protected get filter() {
    return this.ctx.admin.filterOf(this.connection.id);
  }
}

/** A list of organizations (below the customer, or at the top for organization-scoped credentials). */
abstract class OrganizationListNode extends AdminPagedNode<AdminOrganization> {
  protected readonly what = 'organizations';

  protected list(admin: FrameAdminClient, offset: number, limit: number): Promise<Page<AdminOrganization>> {
    return admin.listOrganizations({ name: this.filter.organizations }, { offset, limit });
  }

  protected toNode(o: AdminOrganization): TreeNode {
    return new OrganizationNode(this, o, this.ctx);
  }

  protected override emptyLabel(): string {
    const name = this.filter.organizations;
    return name ? `No organization named like “${name}”` : 'No organizations';
  }
}

/** A list of accounts (of an organization, or at the top for account-scoped credentials); inactive ones may be hidden. */
abstract class AccountListNode extends AdminPagedNode<AdminAccount> {
  protected readonly what = 'accounts';

  protected toNode(a: AdminAccount): TreeNode {
    return new AdminAccountNode(this, a, this.ctx);
  }

  protected override emptyLabel(): string {
    const name = this.filter.accounts;
    return name ? `No account named like “${name}”` : 'No accounts';
  }

  /** The loaded accounts, without the inactive ones while they are hidden (and a line saying so). */
  override async getChildren(): Promise<TreeNode[]> {
    const nodes = await super.getChildren();
    if (!this.ctx.admin.hideInactive) return nodes;
    const shown = nodes.filter((n) => !(n instanceof AdminAccountNode && n.inactive));
    const hidden = nodes.length - shown.length;
    if (hidden === 0) return nodes;
    const note = new MessageNode(this, 'inactive-hidden', `${hidden} inactive account${hidden === 1 ? '' : 's'} hidden`, 'eye-closed', {
      command: COMMANDS.showInactiveAccounts,
      title: 'Show Inactive Accounts',
    });
    const more = shown.findIndex((n) => n.getTreeItem().contextValue === CONTEXT.loadMore);
    shown.splice(more < 0 ? shown.length : more, 0, note);
    return shown;
  }
}

export class CustomerNode extends OrganizationListNode implements AdminItem {
  constructor(
    owner: Owner,
    readonly customer: AdminCustomer,
    ctx: AccountsContext,
  ) {
    super(owner, `cust:${customer.id}`, ctx);
  }

  get copyable() {
    return { id: this.customer.id, what: 'customer ID' };
  }

  get auditScope(): AuditScope & { name: string } {
    return { kind: 'customer', id: this.customer.id, name: this.customer.name || this.customer.id };
  }

  getTreeItem(): vscode.TreeItem {
    const c = this.customer;
    const item = this.item(c.name || c.id, CONTEXT.customer, vscode.TreeItemCollapsibleState.Expanded);
    item.description = 'customer';
    item.iconPath = new vscode.ThemeIcon('briefcase');
    item.tooltip = textTooltip(
      c.name || '(no name)',
      ...lines(
        ['Customer ID', c.id],
        ['URL slug', c.urlSlug],
        ['Owner', c.ownerEmail],
        ['Tenant domain', c.tenantDomain],
        ['Website', c.website],
        ['Description', c.description],
        ['Notes', c.notes],
        ['Status', c.active === false ? 'inactive' : c.active ? 'active' : undefined],
      ),
    );
    return item;
  }

  async details() {
    return {
      title: `Customer "${this.customer.name || this.customer.id}"`,
      fileName: `Customer ${this.customer.name || this.customer.id}`,
      sections: [documented('customer', 'GET /customers/: the customer', this.customer.raw)],
    };
  }
}

/** The organizations organization-scoped credentials can see (the customer is refused them). */
export class ScopedOrganizationsNode extends OrganizationListNode {
  constructor(owner: Owner, ctx: AccountsContext) {
    super(owner, 'orgs', ctx);
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item('Organizations', CONTEXT.adminList, vscode.TreeItemCollapsibleState.Expanded);
    item.description = 'visible to these credentials';
    item.iconPath = new vscode.ThemeIcon('symbol-namespace');
    return item;
  }
}

export class OrganizationNode extends AccountListNode implements AdminItem {
  constructor(
    owner: Owner,
    readonly organization: AdminOrganization,
    ctx: AccountsContext,
  ) {
    super(owner, `org:${organization.id}`, ctx);
  }

  get copyable() {
    return { id: this.organization.id, what: 'organization ID' };
  }

  get auditScope(): AuditScope & { name: string } {
    return { kind: 'organization', id: this.organization.id, name: this.organization.name || this.organization.id };
  }

  protected list(admin: FrameAdminClient, offset: number, limit: number): Promise<Page<AdminAccount>> {
    return admin.listAccounts({ organizationId: this.organization.id, name: this.filter.accounts }, { offset, limit });
  }

  getTreeItem(): vscode.TreeItem {
    const o = this.organization;
    const item = this.item(o.name || o.id, CONTEXT.organization, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = 'organization';
    item.iconPath = new vscode.ThemeIcon('symbol-namespace');
    item.tooltip = textTooltip(
      o.name || '(no name)',
      ...lines(['Organization ID', o.id], ['URL slug', o.urlSlug], ['Website', o.website], ['Description', o.description]),
    );
    return item;
  }

  async details() {
    return {
      title: `Organization "${this.organization.name || this.organization.id}"`,
      fileName: `Organization ${this.organization.name || this.organization.id}`,
      sections: [documented('organization', 'GET /organizations: the organization', this.organization.raw)],
    };
  }
}

/** The accounts account-scoped credentials can see. */
export class ScopedAccountsNode extends AccountListNode {
  constructor(owner: Owner, ctx: AccountsContext) {
    super(owner, 'accounts', ctx);
  }

  protected list(admin: FrameAdminClient, offset: number, limit: number): Promise<Page<AdminAccount>> {
    return admin.listAccounts({ name: this.filter.accounts }, { offset, limit });
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item('Accounts', CONTEXT.adminList, vscode.TreeItemCollapsibleState.Expanded);
    item.description = 'visible to these credentials';
    item.iconPath = new vscode.ThemeIcon('organization');
    return item;
  }
}

/** An Admin API account: inactive marked, its last publish, details on hover; Publish Tasks below. */
export class AdminAccountNode extends ParentNode implements AdminItem {
  protected readonly what = 'publish tasks';
  private detailsRead: Promise<AdminAccountDetails> | undefined;

  constructor(
    private readonly owner: Owner,
    readonly adminAccount: AdminAccount,
    readonly ctx: AccountsContext,
  ) {
    super(owner, `aacct:${adminAccount.id}`);
  }

  override get connection(): Connection {
    return this.owner.connection;
  }

  /** The account as the account commands see it (Copy Account ID accepts any API). */
  get account() {
    return { accountId: this.adminAccount.id, name: this.adminAccount.name, email: '' };
  }

  get copyable() {
    return { id: this.adminAccount.id, what: 'account ID' };
  }

  /** Frame said it is inactive (an account Frame says nothing about counts as active). */
  get inactive(): boolean {
    return this.adminAccount.active === false;
  }

  /** "inactive · published 3 days ago" */
  get summary(): string {
    const a = this.adminAccount;
    const ms = parseApiTime(a.lastPublish);
    const published = !a.lastPublish
      ? 'never published'
      : ms === undefined
        ? `published ${a.lastPublish}`
        : `published ${relativeTime(ms, Date.now())}`;
    return [this.inactive ? 'inactive' : '', published].filter(Boolean).join(' · ');
  }

  getTreeItem(): vscode.TreeItem {
    const a = this.adminAccount;
    const readOnly = this.connection.readOnly === true;
    const item = this.item(
      a.name || a.id,
      readOnly ? CONTEXT.adminAccountReadOnly : CONTEXT.adminAccount,
      vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.description = this.summary;
    item.iconPath = this.inactive
      ? new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'))
      : new vscode.ThemeIcon('organization');
    // The tooltip needs GET /accounts/{id}: resolved on hover (resolveTreeItem).
    item.tooltip = undefined;
    return item;
  }

  override async resolveTreeItem(item: vscode.TreeItem, signal: AbortSignal): Promise<vscode.TreeItem> {
    item.tooltip = await this.tooltip(signal);
    return item;
  }

  /** The tooltip: the list fields, then the details of GET /accounts/{id} (or why they could not be read). */
  async tooltip(signal?: AbortSignal): Promise<vscode.MarkdownString> {
    const a = this.adminAccount;
    const base = lines(
      ['Account ID', a.id],
      ['Status', a.active === undefined ? undefined : a.active ? 'active' : 'inactive'],
      ['Last publish', a.lastPublish ? timeText(a.lastPublish) : 'never'],
    );
    try {
      this.detailsRead ??= this.ctx.clients.admin(this.connection).then((admin) => admin.getAccount(a.id, signal));
      const d = await this.detailsRead;
      return textTooltip(
        d.name || a.name || '(no name)',
        ...base,
        ...lines(
          ['Kind', d.kind],
          ['URL slug', d.urlSlug],
          ['Created', d.insertedAt ? timeText(d.insertedAt) : undefined],
          ['Description', d.description],
          ['Notes', d.notes],
          ['Website', d.website],
        ),
        'Times are UTC (Frame sends some without a time zone; they are read as UTC).',
      );
    } catch (e) {
      this.detailsRead = undefined;
      if (isCancellation(e)) throw e;
      return textTooltip(
        a.name || '(no name)',
        ...base,
        ...lines(['Description', a.description], ['Website', a.website]),
        `Details could not be read: ${userMessage(e)}`,
      );
    }
  }

  override invalidate(): void {
    super.invalidate();
    this.detailsRead = undefined;
  }

  protected async load(): Promise<TreeNode[]> {
    return [new PublishTasksNode(this)];
  }

  async details(signal: AbortSignal) {
    const admin = await this.ctx.clients.admin(this.connection);
    const id = this.adminAccount.id;
    const path = `GET /accounts/${id}`;
    const sections = await Promise.all([
      section('account', `${path}: the account`, true, async () => (await admin.getAccount(id, signal)).raw),
      section('availability_zones', `${path}/availability_zones: availability zones`, false, () =>
        admin.getAccountSection(id, 'availabilityZones', signal),
      ),
      section('upgrade_groups', `${path}/deployment_groups: upgrade groups`, false, () =>
        admin.getAccountSection(id, 'upgradeGroups', signal),
      ),
      section('user_volumes_settings', `${path}/user_volumes_settings: user-volume settings`, false, () =>
        admin.getAccountSection(id, 'userVolumes', signal),
      ),
    ]);
    const name = this.adminAccount.name || id;
    return { title: `Account "${name}"`, fileName: `Account ${name}`, sections };
  }
}

/** The account's publish tasks (newest first); reloads itself while one is under way. */
export class PublishTasksNode extends ParentNode {
  protected readonly what = 'publish tasks';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly accountNode: AdminAccountNode) {
    super(accountNode, 'tasks');
    accountNode.ctx.admin.registerTasks(accountNode.connection.id, accountNode.adminAccount.id, this);
  }

  override get connection(): Connection {
    return this.accountNode.connection;
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item('Publish Tasks', CONTEXT.publishTasks, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = 'Sandbox → production';
    item.iconPath = new vscode.ThemeIcon('history');
    return item;
  }

  protected async load(): Promise<TreeNode[]> {
    this.stopTimer();
    const admin = await this.accountNode.ctx.clients.admin(this.connection);
    const body = await admin.listPublishTasks(this.accountNode.adminAccount.id);
    const tasks = parsePublishTasks(body);
    if (!tasks) return [new UnreadableNode(this, `Publish tasks of "${this.accountNode.adminAccount.name}"`, body)];
    if (tasks.some((t) => t.phase === 'running')) this.timer = setTimeout(() => this.selfRefresh(), PUBLISH_TASKS_REFRESH_MS);
    return tasks.map((t, i) => new PublishTaskNode(this, t, i));
  }

  override invalidate(): void {
    super.invalidate();
    this.stopTimer();
  }

  private selfRefresh(): void {
    this.timer = undefined;
    const { connection, adminAccount, ctx } = this.accountNode;
    // A node the view has since rebuilt (a refresh above it) is no longer shown: leave it be.
    if (ctx.admin.isCurrentTasks(connection.id, adminAccount.id, this)) this.tree.refresh(this);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

const PHASE_ICONS: Record<PublishTaskInfo['phase'], [string, string | undefined]> = {
  succeeded: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  canceled: ['circle-slash', 'disabledForeground'],
  running: ['sync~spin', undefined],
};

export class PublishTaskNode extends TreeNode implements AdminItem {
  constructor(
    readonly tasksNode: PublishTasksNode,
    readonly task: PublishTaskInfo,
    index: number,
  ) {
    super(tasksNode, `task:${task.id || `#${index}`}`);
  }

  override get connection(): Connection {
    return this.tasksNode.connection;
  }

  get copyable() {
    return { id: this.task.id, what: 'publish task ID' };
  }

  getTreeItem(): vscode.TreeItem {
    const t = this.task;
    const item = this.item(t.state || '(no state)', CONTEXT.publishTask);
    const now = Date.now();
    const started = t.startedMs !== undefined ? `started ${relativeTime(t.startedMs, now)}` : t.startedAt ? `started ${t.startedAt}` : '';
    const finished =
      t.finishedMs !== undefined ? `finished ${relativeTime(t.finishedMs, now)}` : t.phase === 'running' ? 'still running' : '';
    item.description = [started, finished].filter(Boolean).join(' · ');
    const [icon, color] = PHASE_ICONS[t.phase];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.tooltip = textTooltip(
      `Publish task: ${t.state || '(no state)'}`,
      ...lines(
        ['Task ID', t.id || '(none in the answer)'],
        ['Meaning', { succeeded: 'finished successfully', failed: 'failed', canceled: 'cancelled', running: 'not finished' }[t.phase]],
        ['Started', t.startedAt ? timeText(t.startedAt) : undefined],
        ['Finished', t.finishedAt ? timeText(t.finishedAt) : undefined],
      ),
    );
    item.command = { command: COMMANDS.showDetails, title: 'Show Details', arguments: [this] };
    return item;
  }

  async details() {
    const name = this.tasksNode.accountNode.adminAccount.name;
    return {
      title: `Publish task ${this.task.id || '(no id)'} of "${name}"`,
      fileName: `Publish task ${this.task.id || this.task.state || 'details'}`,
      sections: [{ key: 'task', label: 'GET /accounts/{id}/publish/tasks: one task', documented: false, value: this.task.raw }],
    };
  }
}

/** An answer whose shape this extension does not recognise: click to see it as received. */
export class UnreadableNode extends TreeNode implements AdminItem {
  constructor(
    private readonly owner: Owner,
    readonly title: string,
    readonly body: unknown,
  ) {
    super(owner, 'message:unreadable');
  }

  override get connection(): Connection {
    return this.owner.connection;
  }

  get copyable() {
    return { id: '', what: '' };
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item("Frame's answer has a shape this extension does not recognise: click to see it", CONTEXT.message);
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.command = { command: COMMANDS.showDetails, title: 'Show Details', arguments: [this] };
    return item;
  }

  async details() {
    return {
      title: this.title,
      fileName: this.title,
      sections: [{ key: 'response', label: 'The answer as received', documented: false, value: this.body }],
    };
  }
}

export class CloudProvidersNode extends ParentNode {
  protected readonly what = 'cloud providers';

  constructor(
    private readonly owner: Owner,
    private readonly ctx: AccountsContext,
  ) {
    super(owner, 'cloud');
  }

  override get connection(): Connection {
    return this.owner.connection;
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item('Cloud Providers', CONTEXT.cloudProviders, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('cloud');
    return item;
  }

  protected async load(): Promise<TreeNode[]> {
    const providers = await (await this.ctx.clients.admin(this.connection)).listCloudProviders();
    return providers.map((p) => new CloudProviderNode(this, p));
  }
}

export class CloudProviderNode extends TreeNode implements AdminItem {
  constructor(
    readonly parentList: CloudProvidersNode,
    readonly provider: CloudProvider,
  ) {
    super(parentList, `cp:${provider.name || provider.externalId || provider.displayName}`);
  }

  override get connection(): Connection {
    return this.parentList.connection;
  }

  get copyable() {
    return { id: this.provider.externalId || this.provider.name, what: 'cloud provider ID' };
  }

  getTreeItem(): vscode.TreeItem {
    const p = this.provider;
    const item = this.item(p.displayName, CONTEXT.cloudProvider);
    item.description = p.byoCompatible === true ? 'BYO compatible' : p.byoCompatible === false ? 'not BYO compatible' : '';
    item.iconPath = new vscode.ThemeIcon('cloud');
    item.tooltip = textTooltip(
      p.displayName,
      ...lines(
        ['Name', p.name],
        ['External ID', p.externalId],
        ['Bring your own subscription', p.byoCompatible === undefined ? 'not said' : p.byoCompatible ? 'compatible' : 'not compatible'],
        ['Deployment link', p.formationUrl],
      ),
    );
    return item;
  }

  async details() {
    return {
      title: `Cloud provider "${this.provider.displayName}"`,
      fileName: `Cloud provider ${this.provider.displayName}`,
      sections: [documented('cloud_provider', 'GET /cloud_providers: one provider', this.provider.raw)],
    };
  }
}

export class DatacentersNode extends ParentNode {
  protected readonly what = 'datacenters';

  constructor(
    private readonly owner: Owner,
    private readonly ctx: AccountsContext,
  ) {
    super(owner, 'dcs');
  }

  override get connection(): Connection {
    return this.owner.connection;
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item('Datacenters', CONTEXT.datacenters, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('server-environment');
    return item;
  }

  protected async load(): Promise<TreeNode[]> {
    const body = await (await this.ctx.clients.admin(this.connection)).listDatacenters();
    const dcs = parseDatacenters(body);
    if (!dcs) return [new UnreadableNode(this, 'Datacenters', body)];
    return dcs.map((d, i) => new DatacenterNode(this, d, i));
  }
}

export class DatacenterNode extends ParentNode implements AdminItem {
  protected readonly what = 'image families or instance types';

  constructor(
    readonly parentList: DatacentersNode,
    readonly datacenter: Datacenter,
    index: number,
  ) {
    super(parentList, `dc:${datacenter.id || `#${index}`}`);
  }

  override get connection(): Connection {
    return this.parentList.connection;
  }

  get copyable() {
    return { id: this.datacenter.id, what: 'datacenter ID' };
  }

  getTreeItem(): vscode.TreeItem {
    const d = this.datacenter;
    const item = this.item(d.label, CONTEXT.datacenter, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = d.provider;
    item.iconPath = new vscode.ThemeIcon('server');
    item.tooltip = textTooltip(d.label, ...lines(['ID', d.id], ['Cloud provider', d.provider]));
    return item;
  }

  protected override emptyLabel(): string {
    return "No image families or instance types in Frame's answer: see Show Details";
  }

  protected async load(): Promise<TreeNode[]> {
    const groups: TreeNode[] = [];
    if (this.datacenter.imageFamilies)
      groups.push(new DetailGroupNode(this, 'images', 'Image families', 'file-media', this.datacenter.imageFamilies));
    if (this.datacenter.instanceTypes)
      groups.push(new DetailGroupNode(this, 'types', 'Instance types', 'vm', this.datacenter.instanceTypes));
    return groups;
  }

  async details() {
    return {
      title: `Datacenter "${this.datacenter.label}"`,
      fileName: `Datacenter ${this.datacenter.label}`,
      sections: [{ key: 'datacenter', label: 'GET /datacenters: one datacenter', documented: false, value: this.datacenter.raw }],
    };
  }
}

/** "Image families (3)" with one line each. */
class DetailGroupNode extends ParentNode {
  protected readonly what: string;

  constructor(
    parent: TreeNode,
    key: string,
    private readonly label: string,
    private readonly icon: string,
    private readonly entries: string[],
  ) {
    super(parent, key);
    this.what = label.toLowerCase();
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item(this.label, CONTEXT.detail, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = String(this.entries.length);
    item.iconPath = new vscode.ThemeIcon(this.icon);
    return item;
  }

  protected async load(): Promise<TreeNode[]> {
    return this.entries.map((text) => new DetailNode(this, text));
  }
}

class DetailNode extends TreeNode {
  constructor(
    parent: TreeNode,
    readonly text: string,
  ) {
    super(parent, `i:${text}`);
  }

  getTreeItem(): vscode.TreeItem {
    return this.item(this.text, CONTEXT.detail);
  }
}
