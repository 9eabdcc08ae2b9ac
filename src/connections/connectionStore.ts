/**
 * Connections in globalState, client secrets in SecretStorage (never anywhere else).
 * SecretStorage can fail (no OS keyring on Linux, a keyring that cannot decrypt): those failures
 * become SecretStorageError with what to do.
 */
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import { FrameError } from '../core/errors';
import { needsMigration, parseConnections, plainConnection, type Connection } from './connection';

const STATE_KEY = 'frameAdmin.connections';
const SECRET_PREFIX = 'frameAdmin.secret.';

export class SecretStorageError extends FrameError {
  override readonly name = 'SecretStorageError';
  constructor(message: string, cause?: unknown) {
    super('secret-storage', message, { cause });
  }
}

export type SecretState = 'present' | 'missing' | 'unavailable';

export class ConnectionStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when connections are added, edited, removed, or a secret changes (also from another window). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
  ) {
    this.disposables.push(
      secrets.onDidChange((e) => {
        if (e.key.startsWith(SECRET_PREFIX)) this.changed.fire();
      }),
    );
  }

  list(): Connection[] {
    const saved = this.state.get(STATE_KEY);
    const connections = parseConnections(saved);
    // Connections saved before they recorded their API kind get it now, once: written back, the
    // next read finds it. (Nothing changes for the views: the kind is what the URL said.)
    if (needsMigration(saved)) void Promise.resolve(this.state.update(STATE_KEY, [...connections])).catch(() => undefined);
    return connections.sort((a, b) => a.name.localeCompare(b.name));
  }

  get(id: string): Connection | undefined {
    return this.list().find((c) => c.id === id);
  }

  /** Saves a new connection and its secret; the secret first, so a keyring failure saves nothing. */
  async add(fields: Omit<Connection, 'id'>, secret: string): Promise<Connection> {
    const connection: Connection = { id: randomUUID(), ...fields };
    await this.storeSecret(connection.id, secret);
    await this.write([...this.list(), connection]);
    return connection;
  }

  async update(connection: Connection): Promise<void> {
    await this.write(this.list().map((c) => (c.id === connection.id ? connection : c)));
  }

  async remove(id: string): Promise<void> {
    await this.write(this.list().filter((c) => c.id !== id));
    try {
      await this.deleteSecret(id);
    } catch {
      // The connection is gone; a secret the keyring cannot delete is unreachable without its id.
    }
  }

  async deleteSecret(id: string): Promise<void> {
    try {
      await this.secrets.delete(SECRET_PREFIX + id);
    } catch (e) {
      throw new SecretStorageError(keyringMessage('save', e), e);
    }
  }

  async getSecret(id: string): Promise<string | undefined> {
    try {
      return (await this.secrets.get(SECRET_PREFIX + id)) || undefined;
    } catch (e) {
      throw new SecretStorageError(keyringMessage('read', e), e);
    }
  }

  async storeSecret(id: string, secret: string): Promise<void> {
    try {
      await this.secrets.store(SECRET_PREFIX + id, secret);
    } catch (e) {
      throw new SecretStorageError(keyringMessage('save', e), e);
    }
  }

  async secretState(id: string): Promise<SecretState> {
    try {
      return (await this.getSecret(id)) ? 'present' : 'missing';
    } catch {
      return 'unavailable';
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private async write(connections: Connection[]): Promise<void> {
    // Only these fields are persisted: nothing secret can slip in through a spread object.
    const plain = connections.map(plainConnection);
    await this.state.update(STATE_KEY, plain);
    this.changed.fire();
  }
}

function keyringMessage(action: 'read' | 'save', e: unknown): string {
  const reason = e instanceof Error && e.message ? ` (${e.message.slice(0, 200)})` : '';
  // Whole sentences per action (word order differs between languages); {0} is the keyring's own reason, in parentheses.
  return action === 'read'
    ? vscode.l10n.t(
        'VS Code could not read the client secret in the operating system\'s keyring{0}. On Linux, install and unlock a keyring (GNOME Keyring or KWallet) or set "password-store" in VS Code\'s argv.json, then reload the window and use "Frame: Update Secret".',
        reason,
      )
    : vscode.l10n.t(
        'VS Code could not save the client secret in the operating system\'s keyring{0}. On Linux, install and unlock a keyring (GNOME Keyring or KWallet) or set "password-store" in VS Code\'s argv.json, then reload the window and use "Frame: Update Secret".',
        reason,
      );
}
