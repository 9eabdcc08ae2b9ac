/** Organizations: a list of them (below the customer, or at the top for organization-scoped credentials) and each one. */
import * as vscode from 'vscode';
import type { AdminAccount, AdminOrganization, AuditScope, FrameAdminClient, Page } from '../../core/api';
import { organizationDetails, organizationTooltip } from '../../core/admin';
import { CONTEXT } from '../../contract';
import type { TreeNode } from '../tree/treeNode';
import { AccountListNode } from './accounts';
import { AdminPagedNode, tooltipOf, type AdminItem, type AdminSource } from './adminNode';

/** Organizations sorted by name (Frame sorts them), a page at a time, filtered by name on the server. */
export abstract class OrganizationListNode extends AdminPagedNode<AdminOrganization> {
  protected readonly what = 'organizations';

  protected list(admin: FrameAdminClient, offset: number, limit: number): Promise<Page<AdminOrganization>> {
    return admin.listOrganizations({ name: this.src.filter.organizations }, { offset, limit });
  }

  protected toNode(o: AdminOrganization): TreeNode {
    return new OrganizationNode(this, this.src, o);
  }

  protected override emptyLabel(): string {
    const name = this.src.filter.organizations;
    return name ? `No organization named like “${name}”` : 'No organizations';
  }
}

/** The organizations organization-scoped credentials can see (the customer is refused them). */
export class ScopedOrganizationsNode extends OrganizationListNode {
  constructor(parent: TreeNode, src: AdminSource) {
    super(parent, 'orgs', src);
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item('Organizations', CONTEXT.adminList, vscode.TreeItemCollapsibleState.Expanded);
    item.description = 'visible to these credentials';
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
    return { id: this.organization.id, what: 'organization ID' };
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
    item.description = 'organization';
    item.iconPath = new vscode.ThemeIcon('organization');
    item.tooltip = tooltipOf(organizationTooltip(o));
    return item;
  }

  async details() {
    return organizationDetails(this.organization);
  }
}
