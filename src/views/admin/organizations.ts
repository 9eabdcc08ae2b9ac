/** Organizations: a list of them (below the customer, or at the top for organization-scoped credentials) and each one. */
import * as vscode from 'vscode';
import type { AdminAccount, AdminOrganization, AuditScope, FrameAdminClient, Page } from '../../core/api';
import { organizationDetails, organizationTooltip } from '../../core/admin';
import { CONTEXT } from '../../contract';
import { MessageNode, type TreeNode } from '../tree/treeNode';
import { AccountListNode } from './accounts';
import { AdminPagedNode, tooltipOf, type AdminItem, type AdminSource } from './adminNode';

/** Organizations sorted by name (Frame sorts them), a page at a time, filtered by name on the server. */
export abstract class OrganizationListNode extends AdminPagedNode<AdminOrganization> {
  protected readonly failedLabel = vscode.l10n.t('Could not load organizations');

  protected list(admin: FrameAdminClient, offset: number, limit: number): Promise<Page<AdminOrganization>> {
    return admin.listOrganizations({ name: this.src.filter.organizations }, { offset, limit });
  }

  protected toNode(o: AdminOrganization): TreeNode {
    return new OrganizationNode(this, this.src, o);
  }

  protected override emptyLabel(): string {
    const name = this.src.filter.organizations;
    return name ? vscode.l10n.t('No organization named like “{0}”', name) : vscode.l10n.t('No organizations');
  }

  /**
   * Under an accounts filter, the organizations without a matching account are left out (each
   * shown one's accounts are read under the filter: they are what its expansion shows anyway),
   * with a line saying how many.
   */
  override async getChildren(): Promise<TreeNode[]> {
    const nodes = await super.getChildren();
    const name = this.src.filter.accounts;
    if (!name) return nodes;
    const matches = await Promise.all(nodes.map(async (n) => !(n instanceof OrganizationNode) || !isNothingThere(await n.getChildren())));
    const shown = nodes.filter((_, i) => matches[i]);
    const hidden = nodes.length - shown.length;
    if (hidden === 0) return nodes;
    const orgs = shown.filter((n) => n instanceof OrganizationNode).length;
    const note = new MessageNode(
      this,
      'no-match-hidden',
      orgs === 0
        ? vscode.l10n.t('No account named like “{0}” in the organizations loaded', name)
        : hidden === 1
          ? vscode.l10n.t('1 organization without an account named like “{0}” hidden', name)
          : vscode.l10n.t('{0} organizations without an account named like “{1}” hidden', hidden, name),
      'filter',
    );
    const more = shown.findIndex((n) => n.getTreeItem().contextValue === CONTEXT.loadMore);
    shown.splice(more < 0 ? shown.length : more, 0, note);
    return shown;
  }
}

/** A list that holds only its "nothing there" line. */
function isNothingThere(children: TreeNode[]): boolean {
  return children.length === 1 && children[0] instanceof MessageNode && children[0].key === 'empty';
}

/** The organizations organization-scoped credentials can see (the customer is refused them). */
export class ScopedOrganizationsNode extends OrganizationListNode {
  constructor(parent: TreeNode, src: AdminSource) {
    super(parent, 'orgs', src);
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item(vscode.l10n.t('Organizations'), CONTEXT.adminList, vscode.TreeItemCollapsibleState.Expanded);
    item.description = vscode.l10n.t('visible to these credentials');
    item.iconPath = new vscode.ThemeIcon('organization');
    return item;
  }
}

export class OrganizationNode extends AccountListNode implements AdminItem {
  constructor(
    parent: TreeNode,
    src: AdminSource,
    readonly organization: AdminOrganization,
  ) {
    super(parent, `org:${organization.id}`, src);
  }

  get copyable() {
    const id = this.organization.id;
    return { id, copied: vscode.l10n.t('Copied organization ID {0}', id) };
  }

  get auditScope(): AuditScope & { name: string } {
    return { kind: 'organization', id: this.organization.id, name: this.organization.name || this.organization.id };
  }

  protected list(admin: FrameAdminClient, offset: number, limit: number): Promise<Page<AdminAccount>> {
    return admin.listAccounts({ organizationId: this.organization.id, name: this.src.filter.accounts }, { offset, limit });
  }

  getTreeItem(): vscode.TreeItem {
    const o = this.organization;
    const item = this.item(o.name || o.id, CONTEXT.organization, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = vscode.l10n.t('organization');
    item.iconPath = new vscode.ThemeIcon('organization');
    item.tooltip = tooltipOf(organizationTooltip(o));
    return item;
  }

  async details() {
    return organizationDetails(this.organization);
  }
}
