// Shared set-up for the integration suites: the extension's live API, a simulator per suite, and
// connections that each test makes sure of itself, so every `it` can run alone (`--grep`).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
// Type imports only: the extension runs from its bundle (dist/), so its classes are not the ones
// tsc compiles into out/; nodes are told apart by contextValue, as VS Code menus do.
import type { FrameAdminApi } from '../../src/extension';
import type { AccountNode, ConnectionNode, TreeNode } from '../../src/views';
import { CONTEXT } from '../../src/contract';
import { DEMO_CREDENTIALS, DEMO_REGISTRATION_CREDENTIALS, startSimulator, type Simulator, type SimulatorOptions } from '../simulator';
import { waitFor } from './waitFor';

export const EXT_ID = 'frame-admin.frame-admin';
export const WEB_CONNECTION = 'Simulator Web';
export const ADMIN_CONNECTION = 'Simulator Admin';

export async function extensionApi(): Promise<FrameAdminApi> {
  const ext = vscode.extensions.getExtension<FrameAdminApi>(EXT_ID);
  assert.ok(ext, `${EXT_ID} is installed`);
  return ext.activate();
}

export function contextOf(node: TreeNode): string {
  return node.getTreeItem().contextValue ?? '';
}

export function label(node: TreeNode | vscode.TreeItem): string {
  const item = 'getTreeItem' in node ? node.getTreeItem() : node;
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

export const isWebAccount = (n: TreeNode): n is AccountNode => contextOf(n) === CONTEXT.webAccount;

/** A suite's world: the extension, a simulator, and helpers that make sure of a state. */
export class Fixture {
  api!: FrameAdminApi;
  sim!: Simulator;

  /** Mocha hooks for a suite: a simulator for its life, faults cleared before each test. */
  static forSuite(options: SimulatorOptions = {}): Fixture {
    const f = new Fixture();
    before(async function () {
      this.timeout(60_000);
      f.sim = await startSimulator(options);
      f.api = await extensionApi();
      // The workbench may still hold the focus of a node the previous suite removed (a reveal it
      // started with a connection that is gone since): the view opens, but focusing it fails with
      // "Data tree node not found". That stale focus is the workbench's; anything else fails here.
      await vscode.commands.executeCommand('workbench.view.extension.frameAdmin').then(undefined, (e: unknown) => {
        if (!/Data tree node not found/.test(String(e))) throw e;
      });
    });
    after(async () => {
      for (const c of f.api.store.list()) await f.api.store.remove(c.id);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await f.sim.close();
    });
    beforeEach(() => f.sim.reset());
    return f;
  }

  /** Adds a connection by the scripting form of Add Connection (verified unless `verify: false`). */
  async addConnection(name: string, kind: 'web' | 'admin' | 'janrain-signature' | 'basic', verify = true): Promise<string> {
    const registration = kind === 'janrain-signature' || kind === 'basic';
    const id = await vscode.commands.executeCommand<string>('frameAdmin.addConnection', {
      name,
      baseUrl: kind === 'web' ? this.sim.webApiBase : kind === 'admin' ? this.sim.adminApiBase : this.sim.registrationBase,
      scheme: registration ? kind : 'frame',
      clientId: registration ? DEMO_REGISTRATION_CREDENTIALS.clientId : DEMO_CREDENTIALS.clientId,
      secret: registration ? DEMO_REGISTRATION_CREDENTIALS.clientSecret : DEMO_CREDENTIALS.clientSecret,
      verify,
    });
    assert.ok(id, `connection ${name} added`);
    return id;
  }

  /** The standard Web API connection, with its name and the right secret, however an earlier test left it. */
  async webConnection(): Promise<string> {
    const existing = this.api.store.list().find((c) => c.name === WEB_CONNECTION && c.baseUrl === this.sim.webApiBase);
    if (!existing) return this.addConnection(WEB_CONNECTION, 'web');
    if ((await this.api.store.getSecret(existing.id)) !== DEMO_CREDENTIALS.clientSecret) {
      await this.api.store.storeSecret(existing.id, DEMO_CREDENTIALS.clientSecret);
      this.api.accounts.refresh();
    }
    return existing.id;
  }

  /**
   * An Admin API connection named `name` with these credentials and read-only flag, however an
   * earlier test left it; its filter cleared and inactive accounts shown.
   */
  async adminConnection(
    options: { name?: string; readOnly?: boolean; credentials?: { clientId: string; clientSecret: string } } = {},
  ): Promise<string> {
    const name = options.name ?? ADMIN_CONNECTION;
    const creds = options.credentials ?? DEMO_CREDENTIALS;
    const readOnly = options.readOnly ?? false;
    this.api.accounts.setHideInactive(false);
    const existing = this.api.store.list().find((c) => c.name === name && c.baseUrl === this.sim.adminApiBase);
    if (!existing) {
      const id = await vscode.commands.executeCommand<string>('frameAdmin.addConnection', {
        name,
        baseUrl: this.sim.adminApiBase,
        clientId: creds.clientId,
        secret: creds.clientSecret,
        readOnly,
      });
      assert.ok(id, `connection ${name} added`);
      return id;
    }
    await this.api.accounts.setFilter(existing.id, {});
    if ((await this.api.store.getSecret(existing.id)) !== creds.clientSecret)
      await this.api.store.storeSecret(existing.id, creds.clientSecret);
    if (existing.clientId !== creds.clientId || (existing.readOnly === true) !== readOnly)
      await this.api.store.update({ ...existing, clientId: creds.clientId, readOnly });
    return existing.id;
  }

  async connectionNode(id: string): Promise<ConnectionNode> {
    return waitFor(async () => (await this.api.accounts.connections()).find((c) => c.connection.id === id), 'connection node');
  }

  async accountNodes(id: string): Promise<AccountNode[]> {
    return (await (await this.connectionNode(id)).getChildren()).filter(isWebAccount);
  }

  async accountNode(id: string, accountId: string): Promise<AccountNode> {
    const node = (await this.accountNodes(id)).find((n) => n.account.accountId === accountId);
    assert.ok(node, `account ${accountId}`);
    return node;
  }

  /** Everything the extension may have written outside SecretStorage: connections, settings, the log. */
  nonSecretStorage(): string {
    const dir = this.api.logUri.fsPath;
    const logs = fs.existsSync(dir)
      ? fs
          .readdirSync(dir, { recursive: true })
          .map(String)
          .filter((f) => f.endsWith('.log'))
          .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
          .join('\n')
      : '';
    return JSON.stringify({ connections: this.api.store.list(), settings: vscode.workspace.getConfiguration('frameAdmin') }) + logs;
  }

  /** Waits until the "Frame" log file shows a line matching `pattern`; returns the whole log. */
  async logShows(pattern: RegExp): Promise<string> {
    return waitFor(() => {
      const t = this.nonSecretStorage();
      return pattern.test(t) ? t : undefined;
    }, `a log line matching ${pattern}`);
  }
}
