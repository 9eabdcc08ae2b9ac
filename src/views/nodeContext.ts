/** What the Accounts view's nodes need to load their children. */
import type { ClientFactory } from '../connections/clients';

export interface NodeContext {
  clients: ClientFactory;
}
