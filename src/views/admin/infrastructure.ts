/** Infrastructure beside the tenant tree: Cloud Providers and Datacenters (with their image families and instance types). */
import * as vscode from 'vscode';
import { parseDatacenters, type CloudProvider, type Datacenter } from '../../core/api';
import {
  cloudProviderDetails,
  cloudProviderSummary,
  cloudProviderTooltip,
  datacenterDetails,
  datacenterTooltip,
  entityKey,
} from '../../core/admin';
import { CONTEXT } from '../../contract';
import { ParentNode, TreeNode } from '../tree/treeNode';
import { AdminLeafNode, AdminParentNode, tooltipOf, type AdminItem, type AdminSource } from './adminNode';
import { UnreadableNode } from './unreadable';

export class CloudProvidersNode extends AdminParentNode {
  protected readonly failedLabel = vscode.l10n.t('Could not load cloud providers');

  constructor(parent: TreeNode, src: AdminSource) {
    super(parent, 'cloud', src);
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item(vscode.l10n.t('Cloud Providers'), CONTEXT.cloudProviders, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('cloud');
    return item;
  }

  protected override emptyLabel(): string {
    return vscode.l10n.t('No cloud providers');
  }

  protected async load(): Promise<TreeNode[]> {
    const providers = await (await this.src.client()).listCloudProviders();
    return providers.map((p) => new CloudProviderNode(this, p));
  }
}

export class CloudProviderNode extends AdminLeafNode implements AdminItem {
  constructor(
    readonly parentList: CloudProvidersNode,
    readonly provider: CloudProvider,
  ) {
    super(parentList, `cp:${provider.name || provider.externalId || provider.displayName}`, parentList.src);
  }

  get copyable() {
    const id = this.provider.externalId || this.provider.name;
    return { id, copied: vscode.l10n.t('Copied cloud provider ID {0}', id) };
  }

  getTreeItem(): vscode.TreeItem {
    const p = this.provider;
    const item = this.item(p.displayName, CONTEXT.cloudProvider);
    item.description = cloudProviderSummary(p);
    item.iconPath = new vscode.ThemeIcon('cloud');
    item.tooltip = tooltipOf(cloudProviderTooltip(p));
    return item;
  }

  async details() {
    return cloudProviderDetails(this.provider);
  }
}

export class DatacentersNode extends AdminParentNode {
  protected readonly failedLabel = vscode.l10n.t('Could not load datacenters');

  constructor(parent: TreeNode, src: AdminSource) {
    super(parent, 'dcs', src);
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item(vscode.l10n.t('Datacenters'), CONTEXT.datacenters, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('server-environment');
    return item;
  }

  protected override emptyLabel(): string {
    return vscode.l10n.t('No datacenters');
  }

  protected async load(): Promise<TreeNode[]> {
    const body = await (await this.src.client()).listDatacenters();
    const dcs = parseDatacenters(body);
    if (!dcs) return [new UnreadableNode(this, this.src, vscode.l10n.t('Datacenters'), body)];
    return dcs.map((d) => new DatacenterNode(this, d));
  }
}

export class DatacenterNode extends AdminParentNode implements AdminItem {
  protected readonly failedLabel = vscode.l10n.t('Could not load image families or instance types');

  constructor(
    readonly parentList: DatacentersNode,
    readonly datacenter: Datacenter,
  ) {
    super(parentList, `dc:${entityKey(datacenter.id, datacenter.raw)}`, parentList.src);
  }

  get copyable() {
    const id = this.datacenter.id;
    return { id, copied: vscode.l10n.t('Copied datacenter ID {0}', id) };
  }

  getTreeItem(): vscode.TreeItem {
    const d = this.datacenter;
    const item = this.item(d.label, CONTEXT.datacenter, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = d.provider;
    item.iconPath = new vscode.ThemeIcon('server');
    item.tooltip = tooltipOf(datacenterTooltip(d));
    return item;
  }

  protected override emptyLabel(): string {
    return vscode.l10n.t("No image families or instance types in Frame's answer: see Show Details");
  }

  protected async load(): Promise<TreeNode[]> {
    const { imageFamilies, instanceTypes } = this.datacenter;
    const groups: TreeNode[] = [];
    if (imageFamilies) groups.push(new DetailGroupNode(this, 'images', IMAGE_FAMILIES(), 'file-media', imageFamilies));
    if (instanceTypes) groups.push(new DetailGroupNode(this, 'types', INSTANCE_TYPES(), 'vm', instanceTypes));
    return groups;
  }

  async details() {
    return datacenterDetails(this.datacenter);
  }
}

/** A datacenter's two lists: what each is called, and what its node says when empty or unread. */
const IMAGE_FAMILIES = () => ({
  label: vscode.l10n.t('Image families'),
  empty: vscode.l10n.t('No image families'),
  failed: vscode.l10n.t('Could not load image families'),
});
const INSTANCE_TYPES = () => ({
  label: vscode.l10n.t('Instance types'),
  empty: vscode.l10n.t('No instance types'),
  failed: vscode.l10n.t('Could not load instance types'),
});

/** "Image families (3)" with one line each. */
class DetailGroupNode extends ParentNode {
  protected readonly failedLabel: string;
  private readonly label: string;
  private readonly empty: string;

  constructor(
    parent: TreeNode,
    key: string,
    texts: { label: string; empty: string; failed: string },
    private readonly icon: string,
    private readonly entries: string[],
  ) {
    super(parent, key);
    this.label = texts.label;
    this.empty = texts.empty;
    this.failedLabel = texts.failed;
  }

  protected override emptyLabel(): string {
    return this.empty;
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
