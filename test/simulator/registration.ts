/**
 * Registration API (Janrain/Akamai Identity Cloud style) under /registration: entity.count and
 * entity.find over generated users. Authentication failures and argument errors come back as
 * HTTP 200 with "stat":"error", as the real API does.
 */
import type { RegistrationUser, SimulatorData } from './data';
import type { Reply, RequestContext } from './reply';
import { json, methodNotAllowed, notFound } from './reply';
import { verifyRegistration, type SecretLookup } from './auth';

export const REGISTRATION_PREFIX = '/registration';

let requestIds = 0;

function error(code: number, name: string, description: string): Reply {
  return json(200, { stat: 'error', code, error: name, error_description: description, request_id: `sim${(++requestIds).toString(36)}` });
}

/** Query and form-body parameters, decoded, in arrival order. */
export function registrationParams(ctx: RequestContext): [string, string][] {
  const params: [string, string][] = [...ctx.query];
  const type = ctx.headers['content-type'] ?? '';
  if (ctx.body && (type.includes('application/x-www-form-urlencoded') || type === '')) params.push(...new URLSearchParams(ctx.body));
  return params;
}

type Clause = { attr: keyof RegistrationUser; op: string; value: string | number | boolean | null };

function parseFilter(filter: string): Clause[] | string {
  const clauses: Clause[] = [];
  for (const part of filter.split(/\s+and\s+/i)) {
    const m = /^\s*([A-Za-z_]\w*)\s*(!=|>=|<=|=|>|<)\s*(?:'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)|(true|false|null))\s*$/.exec(part);
    if (!m) return `unsupported filter clause: ${part.trim()}`;
    const attr = m[1] as string;
    if (!['id', 'uuid', 'email', 'givenName', 'familyName', 'displayName', 'created', 'lastUpdated', 'emailVerified'].includes(attr)) {
      return `attribute does not exist: ${attr}`;
    }
    const value =
      m[3] !== undefined ? m[3].replace(/''/g, "'") : m[4] !== undefined ? Number(m[4]) : m[5] === 'null' ? null : m[5] === 'true';
    clauses.push({ attr: attr as keyof RegistrationUser, op: m[2] as string, value });
  }
  return clauses;
}

function matches(u: RegistrationUser, clauses: readonly Clause[]): boolean {
  return clauses.every(({ attr, op, value }) => {
    const v = u[attr];
    if (op === '=') return v === value;
    if (op === '!=') return v !== value;
    if (v === null || value === null) return false;
    const c =
      typeof v === 'number' && typeof value === 'number' ? v - value : String(v) < String(value) ? -1 : String(v) > String(value) ? 1 : 0;
    return op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '<' ? c < 0 : c <= 0;
  });
}

export function handleRegistration(ctx: RequestContext, data: SimulatorData, lookup: SecretLookup): Reply {
  const endpoint = ctx.pathname.slice(REGISTRATION_PREFIX.length);
  if (endpoint !== '/entity.count' && endpoint !== '/entity.find') return notFound();
  if (ctx.method !== 'POST' && ctx.method !== 'GET') return methodNotAllowed(ctx.method, 'GET, POST');
  const params = registrationParams(ctx);
  const auth = verifyRegistration(ctx.headers, endpoint, params, ctx.nowMs, lookup);
  if (!auth.ok) return error(402, 'invalid_auth', auth.reason);
  const get = (k: string): string | undefined => params.find(([key]) => key === k)?.[1];
  const typeName = get('type_name') ?? get('entity_type');
  if (!typeName) return error(100, 'missing_argument', 'missing required argument: type_name');
  if (typeName !== 'user') return error(221, 'unknown_entity_type', `the entity type "${typeName}" does not exist`);
  let users: readonly RegistrationUser[] = data.registrationUsers;
  const filter = get('filter');
  if (filter) {
    const clauses = parseFilter(filter);
    if (typeof clauses === 'string') return error(200, 'invalid_argument', clauses);
    users = users.filter((u) => matches(u, clauses));
  }
  if (endpoint === '/entity.count') return json(200, { stat: 'ok', total_count: users.length });
  const max = get('max_results') ?? '100';
  const first = get('first_result') ?? '0';
  if (!/^\d+$/.test(max) || Number(max) < 1 || Number(max) > 10000)
    return error(200, 'invalid_argument', 'max_results must be between 1 and 10000');
  if (!/^\d+$/.test(first)) return error(200, 'invalid_argument', 'first_result must be a non-negative integer');
  let attributes: string[] | undefined;
  const attrText = get('attributes');
  if (attrText) {
    try {
      const parsed: unknown = JSON.parse(attrText);
      if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) throw new Error('not a string array');
      attributes = parsed as string[];
    } catch {
      return error(200, 'invalid_argument', 'attributes must be a JSON array of attribute names');
    }
  }
  const pageUsers = users.slice(Number(first), Number(first) + Number(max));
  const results =
    attributes === undefined
      ? pageUsers
      : pageUsers.map((u) => {
          const picked: Record<string, unknown> = {};
          for (const a of attributes as string[]) if (a in u) picked[a] = u[a as keyof RegistrationUser];
          return picked;
        });
  const body: Record<string, unknown> = { stat: 'ok', result_count: results.length, results };
  if (get('show_total_count') === 'true') body['total_count'] = users.length;
  return json(200, body);
}
