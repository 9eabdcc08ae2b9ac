/**
 * The Frame Web API (v1alpha): accounts and, per account, team members, applications, usage hours,
 * monthly session reports and recent sessions. Every response is validated before it is returned.
 */
import * as l10n from '@vscode/l10n';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { FrameApiError, displayUrl, isFrameApiError } from '../http/errors';
import { replaceControls, stripInvisible } from '../text';
import { parseUrl } from '../http/urls';
import { toApiDay } from './dates';
import { LIMITS, SignedApi, pathSegment } from './signedApi';
import type { Account, Application, RecentSessionsCsv, SessionReportLink, TeamMember, UsageRange, UsageRecord } from './types';
import { badResponse, expectArray, expectObject, optionalText, requiredId, requiredInteger, requiredNumber } from './validate';

export interface DownloadOptions {
  signal?: AbortSignal;
  /** Called as bytes arrive; `total` when the server announced a length. */
  onProgress?: (received: number, total?: number) => void;
  maxBytes?: number;
}

export class FrameClient extends SignedApi {
  /** GET /accounts/: every account the credentials can see. */
  async listAccounts(signal?: AbortSignal): Promise<Account[]> {
    const { body, where } = await this.getJson('/accounts/', undefined, signal);
    return expectArray(body, where).map((item, i) => {
      const o = expectObject(item, where, `[${i}]`);
      return {
        accountId: requiredId(o, 'account_id', where, `[${i}]`),
        name: optionalText(o, 'name', where, `[${i}]`),
        email: optionalText(o, 'email', where, `[${i}]`),
      };
    });
  }

  async listTeamMembers(accountId: string, signal?: AbortSignal): Promise<TeamMember[]> {
    const { body, where } = await this.getJson(accountPath(accountId, 'team_members'), undefined, signal);
    return expectArray(body, where).map((item, i) => {
      const o = expectObject(item, where, `[${i}]`);
      return {
        name: optionalText(o, 'name', where, `[${i}]`),
        email: optionalText(o, 'email', where, `[${i}]`),
        status: optionalText(o, 'status', where, `[${i}]`, 'unknown'),
      };
    });
  }

  async listApplications(accountId: string, signal?: AbortSignal): Promise<Application[]> {
    const { body, where } = await this.getJson(accountPath(accountId, 'applications'), undefined, signal);
    return expectArray(body, where).map((item, i) => {
      const o = expectObject(item, where, `[${i}]`);
      const icon = optionalText(o, 'icon', where, `[${i}]`);
      return {
        name: optionalText(o, 'name', where, `[${i}]`, l10n.t('(unnamed application)')),
        iconUrl: /^https?:\/\//i.test(icon) ? icon : null,
      };
    });
  }

  /** Usage hours per day, datacenter, instance type and server type. Days are Pacific-time days. */
  async getUsage(accountId: string, range: UsageRange, signal?: AbortSignal): Promise<UsageRecord[]> {
    const from = toApiDay(range.from, 'start');
    const to = toApiDay(range.to, 'end');
    if (from > to) throw new FrameApiError('invalid-request', l10n.t('The usage range starts ({0}) after it ends ({1}).', from, to));
    const { body, where } = await this.getJson(accountPath(accountId, 'usage'), { date_from: from, date_to: to }, signal);
    return expectArray(body, where).map((item, i) => {
      const o = expectObject(item, where, `[${i}]`);
      const time = optionalText(o, 'time', where, `[${i}]`);
      if (!/^\d{4}-\d{2}-\d{2}/.test(time))
        throw badResponse(where, `[${i}].time`, l10n.t('a date like {0}', '2016-08-10T00:00:00'), o.time);
      return {
        datacenter: optionalText(o, 'datacenter', where, `[${i}]`, 'unknown'),
        time,
        day: time.slice(0, 10),
        hoursUsed: requiredNumber(o, 'hours_used', where, `[${i}]`),
        instanceType: optionalText(o, 'instance_type', where, `[${i}]`, 'unknown'),
        serverType: optionalText(o, 'server_type', where, `[${i}]`, 'unknown'),
      };
    });
  }

  /** Monthly session report links, newest month first. */
  async listSessionReports(accountId: string, signal?: AbortSignal): Promise<SessionReportLink[]> {
    const { body, where } = await this.getJson(accountPath(accountId, 'sessions'), undefined, signal);
    const reports = expectArray(body, where).map((item, i) => {
      const o = expectObject(item, where, `[${i}]`);
      const url = optionalText(o, 'url', where, `[${i}]`);
      if (!/^https?:\/\//i.test(url)) throw badResponse(where, `[${i}].url`, l10n.t('an https link'), o.url);
      return {
        url,
        year: requiredInteger(o, 'year', where, `[${i}]`, 1970, 9999),
        month: requiredInteger(o, 'month', where, `[${i}]`, 1, 12),
      };
    });
    return reports.sort((a, b) => b.year - a.year || b.month - a.month);
  }

  /** Sessions closed in the last 24 hours (not yet in a monthly report), as CSV text. */
  async getRecentSessions(accountId: string, signal?: AbortSignal): Promise<RecentSessionsCsv> {
    const url = this.urlFor(accountPath(accountId, 'recent_sessions'));
    const res = await this.options.transport.requestText({
      method: 'GET',
      url,
      ...this.signed('GET'),
      headers: { Accept: 'text/csv, */*' },
      signal,
      maxBytes: LIMITS.csv,
    });
    if (/text\/html/i.test(res.headers['content-type'] ?? '')) {
      throw new FrameApiError(
        'bad-response',
        l10n.t("Expected a CSV file from GET {0} but got an HTML page. Check the connection's base URL.", displayUrl(url)),
        { url: displayUrl(url), status: res.status },
      );
    }
    const fileName = fileNameFromContentDisposition(res.headers['content-disposition']) ?? `${safeFileName(accountId)}.recent_sessions.csv`;
    return { fileName, csv: res.body };
  }

  /**
   * Streams a monthly report (a CSV.zip behind a presigned link) to `filePath`. The link is
   * requested with no Frame headers at all (it is not Frame's host), over https only (http only for
   * loopback), with a size cap. A partial file is removed on failure.
   */
  async downloadSessionReport(report: SessionReportLink, filePath: string, options: DownloadOptions = {}): Promise<{ bytes: number }> {
    const url = parseUrl(report.url, 'report link');
    let received = 0;
    try {
      await this.options.transport.requestStream(
        { method: 'GET', url, signal: options.signal, maxBytes: options.maxBytes ?? LIMITS.report },
        async (body, res) => {
          const total = Number(res.headers['content-length']);
          const counted = Readable.from(
            (async function* () {
              for await (const chunk of body) {
                received += chunk.length;
                options.onProgress?.(received, Number.isFinite(total) ? total : undefined);
                yield chunk;
              }
            })(),
          );
          await pipeline(counted, createWriteStream(filePath), { signal: options.signal });
        },
      );
      return { bytes: received };
    } catch (e) {
      await rm(filePath, { force: true });
      if (isFrameApiError(e, 'forbidden')) {
        throw new FrameApiError(
          'forbidden',
          l10n.t(
            'The link to the {0} report was refused (HTTP 403). Report links expire; refresh the Session Reports list and try again.',
            monthName(report),
          ),
          { url: displayUrl(url), status: 403 },
        );
      }
      if (isFrameApiError(e)) throw e;
      if (options.signal?.aborted)
        throw new FrameApiError('cancelled', l10n.t('The download of the {0} report was cancelled.', monthName(report)), {
          url: displayUrl(url),
        });
      throw new FrameApiError(
        'network',
        l10n.t(
          'Could not save the {0} report to {1}: {2}. Check free disk space and permissions.',
          monthName(report),
          filePath,
          (e as Error).message,
        ),
        { url: displayUrl(url), cause: e },
      );
    }
  }
}

/** `/accounts/<id>/<leaf>` with the id as one path segment. */
function accountPath(accountId: string, leaf: string): string {
  if (accountId.trim() === '') throw new FrameApiError('invalid-request', l10n.t('An account ID is required.'));
  return `/accounts/${pathSegment(accountId, 'account ID')}/${leaf}`;
}

function monthName(report: SessionReportLink): string {
  return `${report.year}-${String(report.month).padStart(2, '0')}`;
}

const RESERVED_FILE_NAME_CHARS = /[<>:"|?*]/g;

/** A file name safe to show and to write: no directories, no control, reserved or bidi characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = replaceControls(stripInvisible(base), '_').replace(RESERVED_FILE_NAME_CHARS, '_').replace(/^\.+/, '').trim();
  return cleaned.slice(0, 200) || 'download';
}

/** The file name of a Content-Disposition header (`filename*=UTF-8''…` preferred), made safe. */
export function fileNameFromContentDisposition(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return safeFileName(decodeURIComponent(star[1].trim()));
    } catch {
      // malformed percent-encoding: try the plain parameter
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(header);
  const value = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2];
  return value ? safeFileName(value) : undefined;
}
