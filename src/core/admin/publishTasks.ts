/**
 * An account's publish tasks as the Publish Tasks node shows them, and when that list reloads
 * itself: while a task is under way, every few seconds, so its end shows without a click. The
 * view owns the timer; this decides whether there is one.
 */
import { parsePublishTasks, type FrameAdminClient, type PublishTaskInfo } from '../api';

/** How often a Publish Tasks list with a task under way reloads itself. */
export const PUBLISH_TASKS_REFRESH_MS = 5000;

export type PublishTasks =
  | { tasks: PublishTaskInfo[]; /** Reload after this long; undefined: nothing is under way. */ refreshInMs: number | undefined }
  | { /** The answer, when its shape is not one this extension recognises. */ unreadable: unknown };

/** When a list of tasks should reload itself (undefined: never, all of them are over). */
export function publishTasksRefreshDelay(tasks: readonly PublishTaskInfo[]): number | undefined {
  return tasks.some((t) => t.phase === 'running') ? PUBLISH_TASKS_REFRESH_MS : undefined;
}

/** `GET /accounts/{id}/publish/tasks`, newest first, with the refresh decision. */
export async function readPublishTasks(admin: FrameAdminClient, accountId: string, signal?: AbortSignal): Promise<PublishTasks> {
  const body = await admin.listPublishTasks(accountId, signal);
  const tasks = parsePublishTasks(body);
  return tasks ? { tasks, refreshInMs: publishTasksRefreshDelay(tasks) } : { unreadable: body };
}
