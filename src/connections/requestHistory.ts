/**
 * The last signed requests sent on each connection, for re-running them (Send Signed Request
 * offers them first). Method, path and parameters only: no headers, signatures or secrets.
 */
import type * as vscode from 'vscode';

export interface SavedRequest {
  method: string;
  path: string;
  params: Record<string, string>;
}

const KEY = 'frameAdmin.recentRequests';
const PER_CONNECTION = 10;

export class RequestHistory {
  constructor(private readonly state: vscode.Memento) {}

  /** Newest first. */
  list(connectionId: string): SavedRequest[] {
    const all = this.state.get<Record<string, unknown>>(KEY) ?? {};
    const list = all[connectionId];
    return Array.isArray(list) ? list.filter(isSavedRequest) : [];
  }

  async add(connectionId: string, request: SavedRequest): Promise<void> {
    const all = { ...(this.state.get<Record<string, unknown>>(KEY) ?? {}) };
    const same = (r: SavedRequest) => r.method === request.method && r.path === request.path && sameParams(r.params, request.params);
    const saved: SavedRequest = { method: request.method, path: request.path, params: { ...request.params } };
    all[connectionId] = [saved, ...this.list(connectionId).filter((r) => !same(r))].slice(0, PER_CONNECTION);
    await this.state.update(KEY, all);
  }

  /** Forgets a removed connection's requests. */
  async forget(connectionId: string): Promise<void> {
    const all = { ...(this.state.get<Record<string, unknown>>(KEY) ?? {}) };
    delete all[connectionId];
    await this.state.update(KEY, all);
  }
}

function isSavedRequest(v: unknown): v is SavedRequest {
  const r = v as Partial<SavedRequest> | null;
  return (
    !!r &&
    typeof r.method === 'string' &&
    typeof r.path === 'string' &&
    !!r.params &&
    typeof r.params === 'object' &&
    Object.values(r.params).every((x) => typeof x === 'string')
  );
}

function sameParams(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
