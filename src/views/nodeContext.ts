/** What the Accounts view's nodes need to load their children, and the icon they share. */
import type { ClientFactory } from '../connections/clients';
import type { AdminViewState } from './adminViewState';

/** The codicon of a Frame account, in both APIs: it holds cloud desktops ("organization" is for organizations). */
export const ACCOUNT_ICON = 'vm';

export interface NodeContext {
  clients: ClientFactory;
}

/** The Accounts view's own context: the Admin API nodes also read its filters and toggles. */
export interface AccountsContext extends NodeContext {
  admin: AdminViewState;
}
