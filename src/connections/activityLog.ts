/**
 * The record of write actions the extension ran (Publish Sandbox now; any later write action
 * the same way): what, when, on which connection and account, and how it ended. A bounded list,
 * newest first, kept in globalState so it outlives a reload; the "Frame" log keeps the detail.
 * Names and ids only: never a secret, a signature or a response body.
 */
import * as vscode from 'vscode';

/** running: sent, not ended; unknown: the outcome could not be learnt; refused: nothing was sent. */
export type ActivityPhase = 'running' | 'succeeded' | 'failed' | 'unknown' | 'refused';

export interface ActivityEntry {
  /** Unique in the list (time and a counter). */
  id: string;
  /** When it started (ms since the epoch). */
  at: number;
  /** When the outcome was last updated (ms). */
  updatedAt: number;
  /** "Publish Sandbox". */
  action: string;
  connectionId: string;
  connectionName: string;
  accountId: string;
  accountName: string;
  phase: ActivityPhase;
  /** The outcome in words ("succeeded", "accepted, task 42", "not started: HTTP 403 …"). */
  outcome: string;
  /** The task Frame started, when it named one. */
  taskId?: string;
}

/** What a write action updates as it goes. */
export interface ActivityHandle {
  readonly id: string;
  update(phase: ActivityPhase, outcome: string, taskId?: string): void;
}

const KEY = 'frameAdmin.activity';
export const ACTIVITY_MAX = 200;
const PHASES: readonly ActivityPhase[] = ['running', 'succeeded', 'failed', 'unknown', 'refused'];

export class ActivityLog implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private counter = 0;
  /** Updates are written one after the other (globalState.update is async). */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: vscode.Memento,
    private readonly max = ACTIVITY_MAX,
  ) {}

  /** Newest first. */
  list(): ActivityEntry[] {
    const raw = this.state.get<unknown>(KEY);
    return Array.isArray(raw) ? raw.filter(isEntry) : [];
  }

  /** Records a write action as it starts; the handle updates its outcome. */
  start(
    what: Omit<ActivityEntry, 'id' | 'at' | 'updatedAt' | 'phase' | 'outcome' | 'taskId'>,
    phase: ActivityPhase,
    outcome: string,
  ): ActivityHandle {
    const at = Date.now();
    const id = `${at.toString(36)}-${(this.counter++).toString(36)}`;
    const entry: ActivityEntry = { ...what, id, at, updatedAt: at, phase, outcome };
    this.write((list) => [entry, ...list].slice(0, this.max));
    return {
      id,
      update: (p, o, taskId) =>
        this.write((list) =>
          list.map((e) => (e.id === id ? { ...e, phase: p, outcome: o, updatedAt: Date.now(), ...(taskId ? { taskId } : {}) } : e)),
        ),
    };
  }

  /** Resolves when every update so far is stored. */
  flushed(): Promise<void> {
    return this.writing;
  }

  clear(): Promise<void> {
    this.write(() => []);
    return this.writing;
  }

  private write(change: (list: ActivityEntry[]) => ActivityEntry[]): void {
    this.writing = this.writing
      .then(() => this.state.update(KEY, change(this.list())))
      .then(
        () => this.changed.fire(),
        () => undefined,
      );
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function isEntry(v: unknown): v is ActivityEntry {
  const e = v as Partial<ActivityEntry> | undefined;
  return (
    !!e &&
    typeof e === 'object' &&
    typeof e.id === 'string' &&
    typeof e.at === 'number' &&
    typeof e.updatedAt === 'number' &&
    typeof e.action === 'string' &&
    typeof e.connectionId === 'string' &&
    typeof e.connectionName === 'string' &&
    typeof e.accountId === 'string' &&
    typeof e.accountName === 'string' &&
    PHASES.includes(e.phase as ActivityPhase) &&
    typeof e.outcome === 'string' &&
    (e.taskId === undefined || typeof e.taskId === 'string')
  );
}
