/** Frame Web API routes under /v1alpha (the caller has verified the frame signature already). */
import type { SimulatorData } from './data';
import type { Reply, RequestContext } from './reply';
import { detail, isRead, json, methodNotAllowed, notFound } from './reply';
import { sessionCsv } from '../fixtures/sessions';
import { tokenFrom } from './data';
import { Random } from '../fixtures/random';
import { deriveSeed, parseDay } from './util';

export interface WebApiDeps {
  data: SimulatorData;
  /** Absolute presigned URL of an account's monthly report. */
  reportUrl(accountId: string, year: number, month: number, nowMs: number): string;
}

const ACCOUNT_ROUTE = /^\/v1alpha\/accounts\/([^/]+)\/(sessions|recent_sessions|usage|team_members|applications)\/?$/;

export function handleWebApi(ctx: RequestContext, deps: WebApiDeps): Reply {
  const { data } = deps;
  if (/^\/v1alpha\/accounts\/?$/.test(ctx.pathname)) {
    if (!isRead(ctx.method)) return methodNotAllowed(ctx.method, 'GET, HEAD');
    return json(200, data.accounts);
  }
  const m = ACCOUNT_ROUTE.exec(ctx.pathname);
  if (!m) return notFound();
  let accountId: string;
  try {
    accountId = decodeURIComponent(m[1] as string);
  } catch {
    return notFound();
  }
  const account = data.account(accountId);
  if (!account) return notFound();
  if (!isRead(ctx.method)) return methodNotAllowed(ctx.method, 'GET, HEAD');
  switch (m[2]) {
    case 'sessions':
      return json(
        200,
        data.reportMonths.map(({ year, month }) => ({ url: deps.reportUrl(accountId, year, month, ctx.nowMs), month, year })),
      );
    case 'recent_sessions': {
      const token = tokenFrom(new Random(deriveSeed(data.seed, 'recent-token', accountId, Math.floor(ctx.nowMs / 1000))));
      return {
        status: 200,
        headers: {
          'content-type': 'text/csv',
          'content-disposition': `attachment; filename="${token}.recent_sessions.csv"`,
          vary: 'Accept',
        },
        body: sessionCsv(data.recentSessionRows(accountId)),
      };
    }
    case 'usage':
      return usage(ctx, data, accountId);
    case 'team_members':
      return json(200, data.teamMembers(accountId));
    case 'applications':
      return json(200, data.applications(accountId));
  }
  return notFound();
}

function usage(ctx: RequestContext, data: SimulatorData, accountId: string): Reply {
  const from = ctx.query.get('date_from') ?? '1970-01-01';
  const to = ctx.query.get('date_to') ?? data.today;
  if (parseDay(from) === undefined) return detail(400, `date_from: "${from}" is not a valid date (expected yyyy-MM-dd).`);
  if (parseDay(to) === undefined) return detail(400, `date_to: "${to}" is not a valid date (expected yyyy-MM-dd).`);
  if (from > to) return json(200, []);
  return json(200, data.usage(accountId, from, to));
}
