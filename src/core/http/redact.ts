/**
 * Scrubbing credentials out of text that came back from a server. A server (or a proxy) may echo
 * what we sent: the Authorization header, the Basic token decoded to `id:secret`, a signature. One
 * Redactor per request collects every credential value sent (and the request's `redact` values,
 * such as the client secret itself) in every form it may come back in, and every error built from
 * server text passes that text through `scrub` before excerpting it (a cut secret would no longer
 * match).
 */
import { FrameApiError } from './errors';

/** Header names whose values are credentials. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie)$|signature|secret|token|password|api-?key/i;

/** Shorter forms are not scrubbed: they would mangle ordinary words ("Basic") and prove nothing. */
const MIN_LENGTH = 6;

const REDACTED = '[redacted]';

export class Redactor {
  private readonly forms = new Set<string>();
  private sorted: string[] | undefined;

  constructor(values: readonly string[] = []) {
    for (const v of values) this.add(v);
  }

  /** Adds the values of the credential headers among `headers` (what `sign` returned). */
  addHeaders(headers: Record<string, string>): void {
    for (const [name, value] of Object.entries(headers)) if (CREDENTIAL_HEADER.test(name)) this.add(value);
  }

  /**
   * Adds a credential value, with the forms derived from it: the token of "Scheme token", the part
   * after the colon of `id:secret` or `id:signature`, its base64 form and, when it is base64, the
   * text it encodes. Every derived value is shorter or already present, so this ends.
   */
  add(value: string, encoded = false): void {
    if (value.length < MIN_LENGTH || this.forms.has(value)) return;
    this.sorted = undefined;
    for (const form of escapedForms(value)) if (form.length >= MIN_LENGTH) this.forms.add(form);
    const token = /^[A-Za-z][\w-]* +(\S+)$/.exec(value)?.[1]; // "Basic <token>", "Signature id:sig"
    if (token) this.add(token);
    const colon = value.indexOf(':');
    if (colon > 0) this.add(value.slice(colon + 1));
    if (!encoded) this.add(Buffer.from(value, 'utf8').toString('base64'), true);
    const decoded = fromBase64(value);
    if (decoded !== undefined) this.add(decoded);
  }

  /** `text` with every collected form replaced by [redacted]. */
  scrub(text: string): string {
    this.sorted ??= [...this.forms].sort((a, b) => b.length - a.length);
    let out = text;
    for (const form of this.sorted) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  }

  /** The same error with its message and excerpt scrubbed (itself when there was nothing to scrub). */
  scrubError(e: FrameApiError): FrameApiError {
    const message = this.scrub(e.message);
    const excerpt = e.excerpt === undefined ? undefined : this.scrub(e.excerpt);
    if (message === e.message && excerpt === e.excerpt) return e;
    return new FrameApiError(e.kind, message, { ...e, excerpt, cause: e.cause });
  }
}

/** The value as written, JSON-escaped, JSON-escaped with `\/` (PHP), and percent-encoded. */
function escapedForms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  return [value, json, json.replace(/\//g, '\\/'), encodeURIComponent(value)];
}

/** The UTF-8 text a base64 value stands for, when it is base64 of printable text. */
function fromBase64(value: string): string | undefined {
  if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  // eslint-disable-next-line no-control-regex -- binary (a digest) is not text anyone would echo
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text)) return undefined;
  return Buffer.from(text, 'utf8').toString('base64') === value ? text : undefined;
}
