/**
 * Publishing the Sandbox, read defensively: Frame documents `POST /accounts/{id}/publish`
 * ("returns the task"), `GET …/publish/{task_id}` and `GET …/publish/tasks`, but neither the name
 * of the task-id field nor any task field nor the state vocabulary was ever retrieved. So: a small
 * set of plausible keys for the id and the state, terminal-looking state words matched
 * case-insensitively (anything else means "still running"), and the raw JSON kept for people.
 */
import * as l10n from '@vscode/l10n';
import { isCancellation, userMessage, FrameError, type ErrorKind } from '../errors';
import { oneLineText } from '../text';
import { parseApiTime } from '../time';
import { at, listIn, textAt } from './loose';

/** Where a task id may be, most specific first. `account.id` is deliberately not among them. */
export const TASK_ID_KEYS = ['task_id', 'publish_task_id', 'task.id', 'task.task_id', 'publish_task.id', 'id'] as const;
/** Where a task's state may be. */
export const TASK_STATE_KEYS = ['state', 'status', 'task.state', 'task.status', 'publish_task.state', 'publish_task.status'] as const;
const STARTED_KEYS = ['started_at', 'start_time', 'started', 'created_at', 'inserted_at', 'created', 'task.started_at', 'task.created_at'];
const FINISHED_KEYS = ['finished_at', 'completed_at', 'ended_at', 'end_time', 'finished', 'task.finished_at', 'task.completed_at'];

export type TaskPhase = 'succeeded' | 'failed' | 'canceled' | 'running';

const PHASE_WORDS: Record<Exclude<TaskPhase, 'running'>, ReadonlySet<string>> = {
  succeeded: new Set(['success', 'succeeded', 'successful', 'done', 'completed']),
  failed: new Set(['failed', 'failing', 'error']),
  canceled: new Set(['canceled', 'cancelled']),
};

/** The task id in a publish response, and where it was found. */
export function findTaskId(body: unknown): { id: string; key: string } | undefined {
  for (const key of TASK_ID_KEYS) {
    const v = at(body, key);
    if (typeof v === 'string' && v.trim() !== '') return { id: v.trim(), key };
    if (typeof v === 'number' && Number.isFinite(v)) return { id: String(v), key };
  }
  return undefined;
}

/** The state of a task as Frame wrote it, or undefined when no usual field holds one. */
export function taskStateOf(body: unknown): string | undefined {
  return textAt(body, ...TASK_STATE_KEYS) || undefined;
}

/** What a state word means: the known terminal words (any case), anything else still running. */
export function taskPhase(state: string | undefined): TaskPhase {
  const word = (state ?? '').trim().toLowerCase();
  for (const [phase, words] of Object.entries(PHASE_WORDS)) if (words.has(word)) return phase as TaskPhase;
  return 'running';
}

export interface PublishTaskInfo {
  /** '' when no usual field holds it. */
  id: string;
  /** As Frame wrote it; '' when none. */
  state: string;
  phase: TaskPhase;
  /** As sent, and parsed (a zone-less time read as UTC). */
  startedAt: string;
  startedMs: number | undefined;
  finishedAt: string;
  finishedMs: number | undefined;
  raw: unknown;
}

export function publishTaskInfo(raw: unknown): PublishTaskInfo {
  const state = taskStateOf(raw) ?? '';
  const startedAt = textAt(raw, ...STARTED_KEYS);
  const finishedAt = textAt(raw, ...FINISHED_KEYS);
  return {
    id: findTaskId(raw)?.id ?? '',
    state,
    phase: taskPhase(state),
    startedAt,
    startedMs: parseApiTime(startedAt),
    finishedAt,
    finishedMs: parseApiTime(finishedAt),
    raw,
  };
}

/**
 * The tasks of `GET /accounts/{id}/publish/tasks`, newest first (by start time; tasks without one
 * keep Frame's order, after those with one); undefined when the body is not a list we recognise.
 */
export function parsePublishTasks(body: unknown): PublishTaskInfo[] | undefined {
  const list = listIn(body, ['items', 'data', 'results', 'tasks']);
  if (!list) return undefined;
  const tasks = list.map(publishTaskInfo);
  return tasks
    .map((t, i) => ({ t, i }))
    .sort((a, b) => {
      const x = a.t.startedMs;
      const y = b.t.startedMs;
      if (x !== undefined && y !== undefined && x !== y) return y - x;
      if ((x === undefined) !== (y === undefined)) return x === undefined ? 1 : -1;
      return a.i - b.i;
    })
    .map(({ t }) => t);
}

/**
 * What a failed POST means for the publish. Refused before or by Frame (bad request, credentials,
 * not found, a 4xx): it did not start. Anything after the request may have reached Frame (no
 * answer, a timeout, a 5xx, a redirect, any other status, an unreadable 2xx, a cancel while
 * waiting): it may or may not have. Only a refusal the client can read means "not started".
 */
export function publishFailureMeans(e: unknown): 'not-started' | 'unknown' {
  if (isCancellation(e)) return 'unknown';
  const kind: ErrorKind | undefined = e instanceof FrameError ? e.kind : undefined;
  switch (kind) {
    case 'http': {
      const status = (e as { status?: unknown }).status;
      return typeof status === 'number' && status >= 400 && status < 500 ? 'not-started' : 'unknown';
    }
    case 'invalid-request':
    case 'auth':
    case 'forbidden':
    case 'not-found':
    case 'rate-limited':
    case 'secret-missing':
    case 'secret-storage':
    case 'connection-removed':
      return 'not-started';
    default:
      return 'unknown';
  }
}

/** The ids of the tasks listed now (before the POST): a task among them is never taken for ours. */
export function taskIds(body: unknown): Set<string> | undefined {
  const tasks = parsePublishTasks(body);
  return tasks && new Set(tasks.map((t) => t.id).filter((id) => id !== ''));
}

export interface FindStartedTaskOptions {
  /** One read of `GET /accounts/{id}/publish/tasks`. */
  list: (signal: AbortSignal) => Promise<unknown>;
  /** The task ids listed just before the POST; undefined when that list could not be read. */
  before: Set<string> | undefined;
  /** When the POST was sent (this computer's clock). */
  sentAtMs: number;
  signal?: AbortSignal;
  /** Reads of the list (the task may take a moment to appear); default 3. */
  attempts?: number;
  /** Pause between reads; default 2 s. */
  delayMs?: number;
}

/** How far this computer's clock may be from Frame's: signatures more than 5 minutes off are refused. */
const CLOCK_SLACK_MS = 5 * 60_000;

/**
 * After a POST whose answer was lost: the task it started, if Publish Tasks (newest first) lists
 * one started after the POST. A task is ours when it was not listed before the POST and started
 * no earlier than the POST allowing for clock skew; without the list from before, only a task
 * started after the POST by this computer's clock counts. Undefined when none is listed (yet), the
 * list cannot be read, or the search is cancelled. Never throws.
 */
export async function findStartedTask(o: FindStartedTaskOptions): Promise<PublishTaskInfo | undefined> {
  const attempts = Math.max(1, o.attempts ?? 3);
  const ctrl = new AbortController();
  const stop = () => ctrl.abort();
  if (o.signal?.aborted) return undefined;
  o.signal?.addEventListener('abort', stop, { once: true });
  const earliest = o.sentAtMs - (o.before ? CLOCK_SLACK_MS : 0);
  try {
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0 && !(await sleep(o.delayMs ?? 2000, ctrl.signal))) return undefined;
      const tasks = await o.list(ctrl.signal).then(parsePublishTasks, () => undefined);
      if (ctrl.signal.aborted) return undefined;
      const ours = tasks?.find((t) => t.id !== '' && !o.before?.has(t.id) && t.startedMs !== undefined && t.startedMs >= earliest);
      if (ours) return ours;
    }
    return undefined;
  } finally {
    o.signal?.removeEventListener('abort', stop);
  }
}

/**
 * Why a publish's outcome is unknown, for people: the error's message without advice to try again
 * (a second POST could start a second publish; the admin must see Publish Tasks first).
 */
export function unknownOutcomeReason(e: unknown): string {
  return userMessage(e)
    .replace(/\s*(This is usually temporary; )?try again( later)?(;[^.]*)?\./gi, '')
    .replace(/\s*Try again[^.]*\./g, '')
    .trim();
}

/** The publish confirmation: what it says, and the name that must be typed to publish. */
export interface PublishConfirmation {
  /** The question (the input box's title). */
  message: string;
  /** What happens, then the account ID and the connection, each on its own line. */
  detail: string;
  /** The input box's prompt: what happens, which account on which connection, what to type. */
  prompt: string;
  /** What must be typed, exactly: the account's name as shown (its ID when it has none). */
  expected: string;
  /** What to type, while the text typed is not the name (nothing yet typed: no message, the prompt says it). */
  check(typed: string): string | undefined;
}

/**
 * The publish confirmation, the only safeguard of the one write action: the account's name must be
 * typed (no default button to press by reflex). The account's and the connection's names are on
 * one line each, neutralised, so that a name cannot forge the "Account ID" and "Connection" lines
 * (or reorder them with bidi controls); the name to type is the neutralised one, as shown.
 */
export function publishConfirmation(account: { id: string; name: string }, connectionName: string): PublishConfirmation {
  const name = oneLineText(account.name) || oneLineText(account.id);
  const id = oneLineText(account.id);
  const connection = oneLineText(connectionName);
  const happens = l10n.t('Production of "{0}" will be replaced by the Sandbox image. This cannot be undone from VS Code.', name);
  return {
    message: l10n.t('Publish the Sandbox of "{0}"?', name),
    detail: `${happens}\n\n${l10n.t('Account ID: {0}', id)}\n${l10n.t('Connection: {0}', connection)}`,
    prompt: l10n.t("{0} Account ID: {1} · Connection: {2}. Type the account's name to publish; Escape cancels.", happens, id, connection),
    expected: name,
    check: (typed) => {
      if (typed === '' || typed === name) return undefined;
      return typed.trim().toLowerCase() === name.toLowerCase()
        ? l10n.t('Type "{0}" exactly (letter case and spaces count) to publish its Sandbox; Escape cancels.', name)
        : l10n.t('Type "{0}" exactly to publish its Sandbox; Escape cancels.', name);
    },
  };
}

/** Seconds at first, then slower: base × 1, 1, 1.5, 2.5, 2.5, 5, 7.5, then 15 (2 s → … → 30 s). */
export function pollDelay(poll: number, baseMs = 2000): number {
  const factors = [1, 1, 1.5, 2.5, 2.5, 5, 7.5];
  return Math.round(baseMs * (factors[poll] ?? 15));
}

export type WatchResult =
  /** The task reached a terminal state. */
  | { outcome: 'finished'; phase: Exclude<TaskPhase, 'running'>; state: string; body: unknown; polls: number }
  /** Still running when the watch time was up. */
  | { outcome: 'timeout'; state: string; body: unknown; polls: number }
  /** Cancel: we stopped watching (the publish goes on). */
  | { outcome: 'stopped'; state: string; body: unknown; polls: number }
  /** The task's answer has no state we recognise: shown as received, not guessed at. */
  | { outcome: 'unreadable'; body: unknown; polls: number }
  /** The task could not be read several times in a row. */
  | { outcome: 'lost'; error: string; state: string; body: unknown; polls: number };

export interface WatchOptions {
  /** One read of the task (GET, retried by the transport as any GET). */
  read: (signal: AbortSignal) => Promise<unknown>;
  /** Give up after this long. */
  timeoutMs: number;
  /** Cancel: stop watching. */
  signal?: AbortSignal;
  /** First poll delay; later ones grow (pollDelay). */
  baseDelayMs?: number;
  /** Each state as read, and how long the watch has run. */
  onState?: (state: string, elapsedMs: number) => void;
  /** Failed reads in a row before giving up (default 3). */
  maxErrors?: number;
  now?: () => number;
}

/** Polls a publish task until it ends, the watch time is up, or the watch is cancelled. Never throws. */
export async function watchPublishTask(o: WatchOptions): Promise<WatchResult> {
  const now = o.now ?? Date.now;
  const started = now();
  const deadline = started + o.timeoutMs;
  const maxErrors = o.maxErrors ?? 3;
  const ctrl = new AbortController();
  const stop = () => ctrl.abort();
  if (o.signal?.aborted) ctrl.abort();
  o.signal?.addEventListener('abort', stop, { once: true });
  let state = '';
  let body: unknown;
  let errors = 0;
  let polls = 0;
  try {
    for (;;) {
      if (ctrl.signal.aborted) return { outcome: 'stopped', state, body, polls };
      try {
        body = await readBy(o.read, ctrl.signal, deadline - now());
        polls++;
        errors = 0;
        const s = taskStateOf(body);
        if (s === undefined) return { outcome: 'unreadable', body, polls };
        state = s;
        o.onState?.(state, now() - started);
        const phase = taskPhase(state);
        if (phase !== 'running') return { outcome: 'finished', phase, state, body, polls };
      } catch (e) {
        if (ctrl.signal.aborted) return { outcome: 'stopped', state, body, polls };
        // The read was cut at the watch time (a retry honouring Retry-After, a slow server).
        if (now() >= deadline || e === READ_TIMED_OUT) return { outcome: 'timeout', state, body, polls };
        if (isCancellation(e)) return { outcome: 'stopped', state, body, polls };
        polls++;
        if (++errors >= maxErrors) return { outcome: 'lost', error: userMessage(e), state, body, polls };
      }
      const left = deadline - now();
      if (left <= 0) return { outcome: 'timeout', state, body, polls };
      // The last sleep ends at the deadline, and one more read says how things stand then.
      if (!(await sleep(Math.min(left, pollDelay(polls - 1, o.baseDelayMs)), ctrl.signal)))
        return { outcome: 'stopped', state, body, polls };
    }
  } finally {
    o.signal?.removeEventListener('abort', stop);
  }
}

// A marker compared by identity and turned into the 'timeout' outcome: never shown, so not translated.
const READ_TIMED_OUT = new Error('The watch time ended during a read.');

/** One read, aborted when the watch is cancelled or when `leftMs` (the rest of the watch time) runs out. */
async function readBy(read: (signal: AbortSignal) => Promise<unknown>, signal: AbortSignal, leftMs: number): Promise<unknown> {
  const ctrl = new AbortController();
  const stop = () => ctrl.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  let timedOut = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      ctrl.abort(READ_TIMED_OUT);
    },
    Math.max(0, leftMs),
  );
  try {
    return await read(ctrl.signal);
  } catch (e) {
    throw timedOut ? READ_TIMED_OUT : e;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
  }
}

/** Resolves true after `ms`, or false as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
