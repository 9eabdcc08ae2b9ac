/** The customer: the top of the tenant tree for customer-wide credentials; its organizations below. */
import * as vscode from 'vscode';
import type { AdminCustomer, AuditScope } from '../../core/api';
import { customerDetails, customerTooltip } from '../../core/admin';
import { CONTEXT } from '../../contract';
import type { TreeNode } from '../tree/treeNode';
import { tooltipOf, type AdminItem, type AdminSource } from './adminNode';
import { OrganizationListNode } from './organizations';

export class CustomerNode extends OrganizationListNode implements AdminItem {
  constructor(
    parent: TreeNode,
    src: AdminSource,
    readonly customer: AdminCustomer,
  ) {
    super(parent, `cust:${customer.id}`, src);
  }

  get copyable() {
    const id = this.customer.id;
    return { id, copied: vscode.l10n.t('Copied customer ID {0}', id) };
  }

  get auditScope(): AuditScope & { name: string } {
    return { kind: 'customer', id: this.customer.id, name: this.customer.name || this.customer.id };
  }

  getTreeItem(): vscode.TreeItem {
    const c = this.customer;
    const item = this.item(c.name || c.id, CONTEXT.customer, vscode.TreeItemCollapsibleState.Expanded);
    item.description = vscode.l10n.t('customer');
    item.iconPath = new vscode.ThemeIcon('briefcase');
    item.tooltip = tooltipOf(customerTooltip(c));
    return item;
  }

  async details() {
    return customerDetails(this.customer);
  }
}
