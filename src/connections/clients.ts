/**
 * Builds API clients for connections: one shared transport (one socket pool per origin for the
 * whole extension), created on the first request (it lives in the lazily loaded engine), rebuilt
 * when the HTTP settings change, logging every attempt.
 */
import * as vscode from 'vscode';
import { FrameAdminClient, FrameClient, RegistrationApi, SignedApi, type ClientOptions } from '../core/api';
import { FrameError } from '../core/errors';
import type { HttpTransport } from '../core/http/transport';
import { describeAttempt } from '../core/http/requestLog';
import { engine } from '../lazyEngine';
import type { Connection } from './connection';
import { readSetting } from './settings';
import type { ConnectionStore } from './connectionStore';

/** The connection has no secret in SecretStorage (never set, removed, or lost by the keyring). */
export class MissingSecretError extends FrameError {
  override readonly name = 'MissingSecretError';
  constructor(readonly connection: Connection) {
    super(
      'secret-missing',
      vscode.l10n.t(
        'The client secret of "{0}" is missing from VS Code\'s secret storage. Use "Update Secret" to enter it again.',
        connection.name,
      ),
    );
  }
}

export class ClientFactory implements vscode.Disposable {
  private transport: HttpTransport | undefined;
  private readonly configListener: vscode.Disposable;

  constructor(
    private readonly store: ConnectionStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.configListener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('frameAdmin.http')) return;
      // The next request builds a transport with the new settings.
      void this.transport?.close();
      this.transport = undefined;
    });
  }

  /**
   * Any signed API (all schemes): for Send Signed Request and Copy as cURL. The Registration API
   * family's schemes get its client, which reads its errors inside HTTP 200 answers.
   */
  async signed(connection: Connection): Promise<SignedApi> {
    const options = await this.options(connection);
    return connection.scheme === 'frame' ? new SignedApi(options) : new RegistrationApi(options);
  }

  async web(connection: Connection): Promise<FrameClient> {
    return new FrameClient(await this.options(connection));
  }

  async admin(connection: Connection): Promise<FrameAdminClient> {
    return new FrameAdminClient(await this.options(connection));
  }

  /** The shared transport (also for unsigned downloads: application icons, report links). */
  get http(): HttpTransport {
    this.transport ??= this.createTransport();
    return this.transport;
  }

  dispose(): void {
    this.configListener.dispose();
    void this.transport?.close();
  }

  /**
   * The one place credentials are put together: a connection's (or a draft's, before it is saved)
   * base URL, scheme and client ID with a secret, on the shared transport.
   */
  optionsWith(fields: Pick<Connection, 'baseUrl' | 'scheme' | 'clientId'>, clientSecret: string): ClientOptions {
    return {
      baseUrl: fields.baseUrl,
      credentials: { scheme: fields.scheme, clientId: fields.clientId, clientSecret },
      transport: this.http,
    };
  }

  private async options(connection: Connection): Promise<ClientOptions> {
    const clientSecret = await this.store.getSecret(connection.id);
    if (!clientSecret) throw new MissingSecretError(connection);
    return this.optionsWith(connection, clientSecret);
  }

  private createTransport(): HttpTransport {
    const timeoutMs = readSetting('http.timeoutSeconds') * 1000;
    return new (engine().HttpTransport)({
      headersTimeoutMs: timeoutMs,
      bodyTimeoutMs: timeoutMs,
      retry: { maxRetries: readSetting('http.maxRetries') },
      onLog: (entry) => {
        const { line, warning } = describeAttempt(entry);
        if (warning) this.log.warn(line);
        else this.log.info(line);
      },
    });
  }
}
