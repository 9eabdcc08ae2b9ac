/**
 * The Registration API family (Janrain / Akamai Identity Cloud style, signed with the
 * janrain-signature or basic scheme): it fails with HTTP 200 and a JSON body `"stat": "error"`,
 * which this client turns into the error it is. The Frame APIs never answer that way.
 */
import * as l10n from '@vscode/l10n';
import { FrameApiError, displayUrl, excerptOf } from '../http/errors';
import type { HttpResponse } from '../http/response';
import { SignedApi, type SignedResponse } from './signedApi';

export class RegistrationApi extends SignedApi {
  protected override checkAnswer(method: string, url: URL, res: HttpResponse<string>, out: SignedResponse): void {
    const stat = out.json as { stat?: unknown; error?: unknown; error_description?: unknown; code?: unknown } | undefined;
    if (!stat || typeof stat !== 'object' || stat.stat !== 'error') return;
    const reason =
      typeof stat.error_description === 'string'
        ? stat.error_description
        : typeof stat.error === 'string'
          ? stat.error
          : l10n.t('no description');
    const isAuth = /auth|signature|credential/i.test(`${String(stat.error)} ${reason}`);
    throw new FrameApiError(
      isAuth ? 'auth' : 'http',
      isAuth
        ? l10n.t(
            'The API answered {0} {1} with an error (code {2}): "{3}". Check the client ID, the secret and the signing scheme of this connection.',
            method,
            displayUrl(url),
            excerptOf(res.redact(String(stat.code ?? '?')), 20),
            excerptOf(res.redact(reason), 160),
          )
        : l10n.t(
            'The API answered {0} {1} with an error (code {2}): "{3}".',
            method,
            displayUrl(url),
            excerptOf(res.redact(String(stat.code ?? '?')), 20),
            excerptOf(res.redact(reason), 160),
          ),
      { method, url: displayUrl(url), status: res.status, excerpt: excerptOf(res.redact(res.body)) },
    );
  }
}
