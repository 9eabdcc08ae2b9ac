/** What the Accounts view's nodes need to load their children. */
import type { ClientFactory } from '../connections/clients';
import type { AdminViewState } from './adminViewState';

export interface NodeContext {
  clients: ClientFactory;
}

/** The Accounts view's own context: the Admin API nodes also read its filters and toggles. */
export interface AccountsContext extends NodeContext {
  admin: AdminViewState;
}
