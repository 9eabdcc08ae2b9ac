/**
 * "Frame: Publish Sandbox…", the one write action: replaces an Admin API account's production
 * image with its Sandbox image. The confirmation asks for the account's name to be typed (no
 * default button to press by reflex; Escape cancels); the POST is sent once and
 * never retried (an unclear failure says the publish may or may not have started); the task is
 * then followed with growing delays in a progress notification whose Cancel stops watching, not
 * the publish. When it ends, the account's row is reloaded ("published … ago"). Read-only
 * connections refuse it. Every attempt and outcome is written to the log (what, which account,
 * when, outcome; never a secret).
 */
import * as vscode from 'vscode';
import {
  TASK_ID_KEYS,
  detailsDocument,
  findTaskId,
  findStartedTask,
  publishConfirmation,
  publishFailureMeans,
  taskIds,
  unknownOutcomeReason,
  watchPublishTask,
  type DetailsSection,
  type FrameAdminClient,
  type WatchResult,
} from '../core/api';
import { FrameError, userMessage } from '../core/errors';
import { oneLineText } from '../core/text';
import { logLine } from '../core/logLine';
import { formatDuration } from '../core/format';
import { relativeTime, parseApiTime } from '../core/time';
import type { ActivityHandle, ActivityLog, ActivityPhase } from '../connections/activityLog';
import type { ClientFactory } from '../connections/clients';
import { isReadOnly, type Connection } from '../connections/connection';
import type { ConnectionStore } from '../connections/connectionStore';
import { readSetting } from '../connections/settings';
import type { DocumentTabs } from '../documents/documentTabs';
import { withCancellableProgress } from '../ui/progress';
import { AdminAccountNode, type AccountsView } from '../views';
import { COMMANDS } from '../contract';
import { registerCommand, type CommandHost } from './registerCommand';
import { adminConnectionTarget, pickConnection } from './targets';

export interface PublishCommandDeps extends CommandHost {
  store: ConnectionStore;
  clients: ClientFactory;
  accounts: AccountsView;
  tabs: DocumentTabs;
  prompt: PublishPrompt;
  /** The Activity view's record: every publish sent (or refused), with its outcome. */
  activity: ActivityLog;
}

/**
 * How the confirmation asks for the account's name: VS Code's input box. A seam like DocumentTabs'
 * askSaveLocation: integration tests answer it (reading the options it was given, validation
 * included); the e2e types into the real one.
 */
export interface PublishPrompt {
  ask: (options: vscode.InputBoxOptions) => Thenable<string | undefined>;
}

export function inputBoxPrompt(): PublishPrompt {
  return { ask: (options) => vscode.window.showInputBox(options) };
}

/** For scripts and tests; anything missing is asked for (or read from the settings). */
export interface PublishOptions {
  /** false skips the confirmation (typing the account's name). */
  confirm?: boolean;
  /** The account, when the target is a connection (node or id). */
  accountId?: string;
  /** How long to follow the task, in seconds (default: the frameAdmin.adminApi.publishWatchMinutes setting). */
  watchSeconds?: number;
  /** The first poll delay in ms (later ones grow); default 2000. */
  pollBaseMs?: number;
}

export type PublishOutcome =
  | 'refused-read-only'
  | 'not-started'
  | 'unknown'
  | 'no-task-id'
  | 'succeeded'
  | 'failed'
  | 'canceled'
  | 'timeout'
  | 'stopped'
  | 'unreadable'
  | 'lost';

export interface PublishResult {
  outcome: PublishOutcome;
  taskId?: string;
  /** The last state Frame reported. */
  state?: string;
  /** What the final notification said. */
  message: string;
}

interface Target {
  connection: Connection;
  account: { id: string; name: string };
}

export function registerPublishCommand(deps: PublishCommandDeps): vscode.Disposable {
  return registerCommand(
    COMMANDS.publishSandbox,
    async (target?: unknown, options: PublishOptions = {}) => {
      const t = await publishTarget(deps, target, options);
      return t && publish(deps, t, options);
    },
    deps,
  );
}

/** The account node's account, a connection's account by id, or (palette) a writable connection and one of its accounts. */
async function publishTarget(deps: PublishCommandDeps, target: unknown, options: PublishOptions): Promise<Target | undefined> {
  if (target instanceof AdminAccountNode) {
    // The saved connection decides (it may have been made read-only since the tree was built).
    const connection = deps.store.get(target.connection.id);
    if (!connection) throw new FrameError('connection-removed', vscode.l10n.t('That Frame connection no longer exists.'));
    return { connection, account: { id: target.adminAccount.id, name: target.adminAccount.name || target.adminAccount.id } };
  }
  let connection: Connection | undefined;
  if (target === undefined) {
    const admin = deps.store.list().filter((c) => c.apiKind === 'admin');
    if (admin.length > 0 && admin.every(isReadOnly)) {
      const editConnection = vscode.l10n.t('Edit Connection');
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t(
            'Every Frame Admin API connection is read-only, so Publish Sandbox is not offered. To publish, edit a connection and choose "Allow write actions".',
          ),
          editConnection,
        )
        .then((choice) => choice === editConnection && vscode.commands.executeCommand(COMMANDS.editConnection));
      return undefined;
    }
    connection = await pickConnection(
      deps.store,
      (c) => c.apiKind === 'admin' && !isReadOnly(c),
      vscode.l10n.t('Publish with which Admin API connection?'),
    );
  } else {
    connection = await adminConnectionTarget(target, deps.store);
  }
  if (!connection) return undefined;
  if (options.accountId) {
    const id = options.accountId;
    const name = await deps.clients
      .admin(connection)
      .then((a) => a.getAccount(id))
      .then((d) => d.name || id)
      .catch(() => id);
    return { connection, account: { id, name } };
  }
  if (isReadOnly(connection)) return { connection, account: { id: '', name: vscode.l10n.t('(not chosen)') } };
  return pickAccount(deps, connection);
}

async function pickAccount(deps: PublishCommandDeps, connection: Connection): Promise<Target | undefined> {
  const accounts = await withCancellableProgress(
    { title: vscode.l10n.t('Loading the accounts of {0}…', connection.name) },
    async (signal) => {
      const admin = await deps.clients.admin(connection);
      return admin.all((p) => admin.listAccounts({}, { ...p, signal }), { maxItems: 5000 });
    },
  );
  const now = Date.now();
  const picked = await vscode.window.showQuickPick(
    accounts.map((a) => {
      const ms = parseApiTime(a.lastPublish);
      return {
        label: a.name || a.id,
        description: [
          a.active === false ? vscode.l10n.t('inactive') : '',
          ms !== undefined ? vscode.l10n.t('published {0}', relativeTime(ms, now)) : a.lastPublish ? '' : vscode.l10n.t('never published'),
        ]
          .filter(Boolean)
          .join(' · '),
        detail: a.id,
        account: a,
      };
    }),
    { placeHolder: vscode.l10n.t('Publish the Sandbox of which account?'), matchOnDescription: true, matchOnDetail: true },
  );
  return picked && { connection, account: { id: picked.account.id, name: picked.account.name || picked.account.id } };
}

async function publish(deps: PublishCommandDeps, t: Target, options: PublishOptions): Promise<PublishResult | undefined> {
  const { connection } = t;
  // The name comes from Frame: shown on one line, without bidi controls, in every message and title.
  const account = { ...t.account, name: oneLineText(t.account.name) || t.account.id };
  const who = `account "${account.name}" (${account.id || 'none chosen'}) on connection "${connection.name}"`;
  // Names, ids, task ids and states come from Frame: one line per write, whatever they hold.
  const write = (level: 'info' | 'warn' | 'error', what: string) =>
    deps.log[level](logLine`Write action: Publish Sandbox of ${who}: ${what} (${new Date().toISOString()}).`);
  // The Activity view's row: names and ids only (the log keeps the detail). Its action and outcome
  // are stored in the display language of the time (the view shows them as they were written).
  const started = (phase: ActivityPhase, outcome: string): ActivityHandle =>
    deps.activity.start(
      {
        action: vscode.l10n.t('Publish Sandbox'),
        connectionId: connection.id,
        connectionName: connection.name,
        accountId: account.id,
        accountName: account.name,
      },
      phase,
      outcome,
    );

  if (isReadOnly(connection)) {
    write('warn', 'refused, the connection is read-only; nothing was sent');
    started('refused', vscode.l10n.t('refused: read-only connection, nothing sent'));
    const message = vscode.l10n.t(
      '"{0}" is a read-only connection: Publish Sandbox was not run. To allow write actions, edit the connection and choose "Allow write actions".',
      connection.name,
    );
    const editConnection = vscode.l10n.t('Edit Connection');
    void vscode.window
      .showWarningMessage(message, editConnection)
      .then((choice) => choice === editConnection && vscode.commands.executeCommand(COMMANDS.editConnection, connection.id));
    return { outcome: 'refused-read-only', message };
  }
  if (connection.apiKind !== 'admin')
    throw new FrameError(
      'invalid-request',
      vscode.l10n.t('"{0}" is not a Frame Admin API connection: only those can publish a Sandbox.', connection.name),
    );

  if (options.confirm !== false) {
    const confirmation = publishConfirmation(account, connection.name);
    const typed = await deps.prompt.ask({
      title: confirmation.message,
      prompt: confirmation.prompt,
      placeHolder: confirmation.expected,
      ignoreFocusOut: true,
      validateInput: (value) => confirmation.check(value),
    });
    // Escape (undefined), an empty Enter or anything but the name exactly: nothing is sent.
    if (typed !== confirmation.expected) {
      write(
        'info',
        typed === undefined ? 'not confirmed; nothing was sent' : "not confirmed (the account's name was not typed); nothing was sent",
      );
      return undefined;
    }
  }

  const admin = await deps.clients.admin(connection);
  const watchMs = (options.watchSeconds ?? readSetting('adminApi.publishWatchMinutes') * 60) * 1000;
  write('info', 'requested');
  const record = started('running', vscode.l10n.t('requested'));
  const run = await withCancellableProgress({ title: vscode.l10n.t('Publish Sandbox: {0}', account.name) }, async (signal, report) => {
    // The tasks listed before the POST: if its answer is lost, a task not among them is ours.
    report(vscode.l10n.t('Reading Publish Tasks…'));
    const before = await admin.listPublishTasks(account.id, signal).then(taskIds, () => undefined);
    report(vscode.l10n.t('Sending the publish request to Frame…'));
    const sentAtMs = Date.now();
    let body: unknown;
    let found: { id: string } | undefined;
    let lostAnswer = false;
    try {
      body = (await admin.publishSandbox(account.id, signal)).body;
      found = findTaskId(body);
    } catch (error) {
      if (signal.aborted || publishFailureMeans(error) !== 'unknown') return { kind: 'post-failed' as const, error };
      // The POST may have started a publish: look for its task rather than stop at "unknown".
      report(vscode.l10n.t("Frame's answer was lost: looking for the task in Publish Tasks…"));
      const task = await findStartedTask({
        list: (s) => admin.listPublishTasks(account.id, s),
        before,
        sentAtMs,
        signal,
        delayMs: options.pollBaseMs,
      });
      if (!task) return { kind: 'post-failed' as const, error };
      write('warn', `answer lost (${unknownOutcomeReason(error)}); task ${task.id} found in Publish Tasks, started ${task.startedAt}`);
      record.update('running', vscode.l10n.t('answer lost; task {0} found', task.id), task.id);
      body = task.raw;
      found = { id: task.id };
      lostAnswer = true;
    }
    if (!found) return { kind: 'no-task-id' as const, body };
    if (!lostAnswer) {
      write('info', `accepted by Frame, task ${found.id}`);
      record.update('running', vscode.l10n.t('accepted, task {0}', found.id), found.id);
    }
    deps.accounts.refreshPublishTasks(connection.id, account.id);
    report(vscode.l10n.t('Frame accepted it (task {0}); following the task…', found.id));
    const watch = await watchPublishTask({
      read: (s) => admin.getPublishTask(account.id, found.id, s),
      timeoutMs: watchMs,
      signal,
      baseDelayMs: options.pollBaseMs,
      onState: (state, elapsedMs) =>
        report(vscode.l10n.t('Frame reports "{0}" · {1} so far (Cancel stops watching only)', state, formatDuration(elapsedMs / 1000))),
    });
    return { kind: 'watched' as const, taskId: found.id, body, watch, lostAnswer };
  }).then(undefined, (e: unknown) => {
    // Cancelled or failed before Frame's answer was read: the row must not stay "running".
    record.update('unknown', vscode.l10n.t('ended before an answer: {0}', userMessage(e)));
    throw e;
  });
  deps.accounts.refreshPublishTasks(connection.id, account.id);
  // Its row says when it was last published: reload it (the list it is in) without a manual refresh.
  deps.accounts.refreshAccount(connection.id, account.id);

  const showTasks = () => showPublishTasks(deps, connection, account, admin);
  const details = (sections: DetailsSection[], title: string) => () =>
    deps.tabs.showDocument(connection, vscode.l10n.t('Publish {0}', account.name), detailsDocument(title, sections), 'jsonc');
  const postSection = (body: unknown): DetailsSection => ({
    key: 'publish_response',
    label: vscode.l10n.t("POST /accounts/{0}/publish: Frame's answer", account.id),
    documented: false,
    value: body,
  });

  if (run.kind === 'post-failed') {
    const reason = userMessage(run.error);
    if (publishFailureMeans(run.error) === 'unknown') {
      const why = unknownOutcomeReason(run.error);
      write('error', `outcome unknown: ${why}`);
      record.update('unknown', vscode.l10n.t('outcome unknown: {0}', why));
      const message = vscode.l10n.t(
        'The publish of "{0}" may or may not have started: Frame\'s answer was lost ({1}) and Publish Tasks lists no task started since. See Publish Tasks before publishing again.',
        account.name,
        why,
      );
      notify('error', message, { [showPublishTasksLabel()]: showTasks, [showLogLabel()]: () => deps.log.show(true) });
      return { outcome: 'unknown', message };
    }
    write('error', `not started: ${reason}`);
    record.update('failed', vscode.l10n.t('not started: {0}', reason));
    const message = vscode.l10n.t('The Sandbox of "{0}" was not published: {1}', account.name, reason);
    notify('error', message, { [showLogLabel()]: () => deps.log.show(true) });
    return { outcome: 'not-started', message };
  }

  if (run.kind === 'no-task-id') {
    write('warn', 'accepted by Frame, but its answer names no task this extension recognises; not followed');
    record.update('unknown', vscode.l10n.t('accepted; no task id in the answer, not followed'));
    const title = vscode.l10n.t(
      'Frame accepted the publish of "{0}", but its answer has no task id under {1}; the publish has probably started: see Publish Tasks',
      account.name,
      TASK_ID_KEYS.join(', '),
    );
    await details([postSection(run.body)], title)();
    const message = vscode.l10n.t(
      'Frame accepted the publish of "{0}" but named no task this extension can follow: its answer is open in an editor. See Publish Tasks under the account.',
      account.name,
    );
    notify('warning', message, { [showPublishTasksLabel()]: showTasks });
    return { outcome: 'no-task-id', message };
  }

  const { taskId, watch } = run;
  const sections = [postSection(run.body), lastRead(watch)];
  const title = vscode.l10n.t('Publish of "{0}", task {1}', account.name, taskId);
  return finish(deps, {
    account,
    taskId,
    watch,
    watchMs,
    write,
    showDetails: details(sections, title),
    showTasks,
    lostAnswer: run.lostAnswer,
    record,
  });
}

/** A watched publish's outcome, as the Activity view says it (in the display language). */
function outcomeWords(outcome: PublishOutcome): string {
  switch (outcome) {
    case 'succeeded':
      return vscode.l10n.t('succeeded');
    case 'failed':
      return vscode.l10n.t('failed');
    case 'canceled':
      return vscode.l10n.t('cancelled in Frame');
    case 'timeout':
      return vscode.l10n.t('still running when the watch ended');
    case 'stopped':
      return vscode.l10n.t('watching stopped; the publish goes on');
    case 'unreadable':
      return vscode.l10n.t('task state not recognised');
    case 'lost':
      return vscode.l10n.t('lost track of the task');
    default:
      return outcome;
  }
}

/** The notifications' buttons: one translated value each, so that the pick finds its action by it. */
const showLogLabel = () => vscode.l10n.t('Show Log');
const showDetailsLabel = () => vscode.l10n.t('Show Details');
const showPublishTasksLabel = () => vscode.l10n.t('Show Publish Tasks');

/** The last task answer, as a details section. */
function lastRead(watch: WatchResult): DetailsSection {
  return {
    key: 'task',
    label: vscode.l10n.t({
      message: 'GET /accounts/{id}/publish/{task_id}: the last answer about the task',
      comment: ['"GET /accounts/{id}/publish/{task_id}" is an API path: keep it as it is.'],
    }),
    documented: false,
    value: watch.body,
  };
}

function finish(
  deps: PublishCommandDeps,
  o: {
    account: Target['account'];
    taskId: string;
    watch: WatchResult;
    watchMs: number;
    write: (level: 'info' | 'warn' | 'error', what: string) => void;
    showDetails: () => unknown;
    showTasks: () => unknown;
    /** Frame's answer to the POST was lost; the task was found in Publish Tasks. */
    lostAnswer: boolean;
    record: ActivityHandle;
  },
): PublishResult {
  const { account, taskId, watch, write } = o;
  const name = account.name;
  const state = 'state' in watch ? watch.state : undefined;
  const said = state ? vscode.l10n.t('Frame reports "{0}"', oneLineText(state, 80)) : vscode.l10n.t('Frame reported no state yet');
  const logButton = showLogLabel();
  const detailsButton = showDetailsLabel();
  const tasksButton = showPublishTasksLabel();
  const done = (outcome: PublishOutcome, level: 'info' | 'warning' | 'error', text: string, buttons: Record<string, () => unknown>) => {
    const message = o.lostAnswer
      ? vscode.l10n.t("Frame's answer to the publish request was lost; its task was found in Publish Tasks. {0}", text)
      : text;
    write(level === 'warning' ? 'warn' : level, `${outcome}${state ? ` ("${state}")` : ''}, task ${taskId}`);
    const phase: ActivityPhase =
      outcome === 'succeeded' ? 'succeeded' : outcome === 'failed' || outcome === 'canceled' ? 'failed' : 'unknown';
    o.record.update(phase, outcomeWords(outcome), taskId);
    notify(level, message, buttons);
    return { outcome, taskId, state, message };
  };
  switch (watch.outcome) {
    case 'finished':
      if (watch.phase === 'succeeded')
        return done('succeeded', 'info', vscode.l10n.t('The Sandbox of "{0}" is published: {1}.', name, said), {
          [detailsButton]: o.showDetails,
        });
      if (watch.phase === 'failed')
        return done('failed', 'error', vscode.l10n.t('Publishing the Sandbox of "{0}" failed: {1}.', name, said), {
          [detailsButton]: o.showDetails,
          [logButton]: () => deps.log.show(true),
        });
      return done('canceled', 'warning', vscode.l10n.t('The publish of "{0}" was cancelled in Frame: {1}.', name, said), {
        [detailsButton]: o.showDetails,
      });
    case 'timeout':
      return done(
        'timeout',
        'warning',
        vscode.l10n.t(
          'Stopped watching the publish of "{0}" after {1}: {2}. It may still finish: see Publish Tasks (the watch time is the setting frameAdmin.adminApi.publishWatchMinutes).',
          name,
          formatDuration(o.watchMs / 1000),
          said,
        ),
        { [tasksButton]: o.showTasks, [detailsButton]: o.showDetails },
      );
    case 'stopped':
      return done(
        'stopped',
        'info',
        vscode.l10n.t(
          'Stopped watching the publish of "{0}". The publish itself was not cancelled and goes on in Frame: see Publish Tasks.',
          name,
        ),
        { [tasksButton]: o.showTasks },
      );
    case 'unreadable':
      return done(
        'unreadable',
        'warning',
        vscode.l10n.t(
          'Frame\'s answer about the publish of "{0}" has no state this extension recognises, so it is not followed: see Show Details and Publish Tasks.',
          name,
        ),
        { [detailsButton]: o.showDetails, [tasksButton]: o.showTasks },
      );
    case 'lost':
      return done(
        'lost',
        'warning',
        vscode.l10n.t('Lost track of the publish of "{0}": {1} It may still be running: see Publish Tasks.', name, watch.error),
        { [tasksButton]: o.showTasks, [detailsButton]: o.showDetails },
      );
  }
}

/** A notification whose buttons run their action (not awaited: the command returns at once). */
function notify(level: 'info' | 'warning' | 'error', text: string, buttons: Record<string, () => unknown>): void {
  // Names, states, task ids and reasons come from Frame: the notification is one line, whatever they hold.
  const message = oneLineText(text, 1000);
  const labels = Object.keys(buttons);
  const shown =
    level === 'info'
      ? vscode.window.showInformationMessage(message, ...labels)
      : level === 'warning'
        ? vscode.window.showWarningMessage(message, ...labels)
        : vscode.window.showErrorMessage(message, ...labels);
  void shown.then((choice) => (choice ? buttons[choice]?.() : undefined));
}

/** Reveals the account's Publish Tasks in the tree; if it is not shown there, opens the list as received. */
async function showPublishTasks(
  deps: PublishCommandDeps,
  connection: Connection,
  account: Target['account'],
  admin: FrameAdminClient,
): Promise<void> {
  if (await deps.accounts.revealPublishTasks(connection.id, account.id)) return;
  const section = await admin.listPublishTasks(account.id).then(
    (value): DetailsSection => ({ key: 'tasks', label: `GET /accounts/${account.id}/publish/tasks`, documented: false, value }),
    (e: unknown): DetailsSection => ({
      key: 'tasks',
      label: `GET /accounts/${account.id}/publish/tasks`,
      documented: false,
      error: userMessage(e),
    }),
  );
  await deps.tabs.showDocument(
    connection,
    vscode.l10n.t('Publish tasks {0}', account.name),
    detailsDocument(vscode.l10n.t('Publish tasks of "{0}"', account.name), [section]),
    'jsonc',
  );
}
