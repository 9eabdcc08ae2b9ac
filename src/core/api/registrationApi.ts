/**
 * The Registration API family (Janrain / Akamai Identity Cloud style, signed with the
 * janrain-signature or basic scheme): it fails with HTTP 200 and a JSON body `"stat": "error"`,
 * which this client turns into the error it is. The Frame APIs never answer that way.
 */
import { FrameApiError, displayUrl, excerptOf } from '../http/errors';
import type { HttpResponse } from '../http/response';
import { SignedApi, type SignedResponse } from './signedApi';

export class RegistrationApi extends SignedApi {
  protected override checkAnswer(method: string, url: URL, res: HttpResponse<string>, out: SignedResponse): void {
    const stat = out.json as { stat?: unknown; error?: unknown; error_description?: unknown; code?: unknown } | undefined;
    if (!stat || typeof stat !== 'object' || stat.stat !== 'error') return;
    const reason =
      typeof stat.error_description === 'string' ? stat.error_description : typeof stat.error === 'string' ? stat.error : 'no description';
    const isAuth = /auth|signature|credential/i.test(`${String(stat.error)} ${reason}`);
    throw new FrameApiError(
      isAuth ? 'auth' : 'http',
      `The API answered ${method} ${displayUrl(url)} with an error (code ${excerptOf(res.redact(String(stat.code ?? '?')), 20)}): "${excerptOf(res.redact(reason), 160)}".${isAuth ? ' Check the client ID, the secret and the signing scheme of this connection.' : ''}`,
      { method, url: displayUrl(url), status: res.status, excerpt: excerptOf(res.redact(res.body)) },
    );
  }
}
