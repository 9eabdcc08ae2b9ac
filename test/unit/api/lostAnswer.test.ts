// A publish whose answer was lost is followed (issue 18, class 2): after an unclear POST failure
// the task it started is looked for in Publish Tasks (newest first, not listed before the POST,
// started after it), and the message never suggests trying again before the tasks are seen.
import * as assert from 'node:assert/strict';
import { findStartedTask, publishFailureMeans, taskIds, unknownOutcomeReason } from '../../../src/core/api';
import { PRODUCT_RETRIES, adminOnSimulator } from '../../support/adminFixture';

describe('publish: an answer lost after the POST', function () {
  this.timeout(20_000);
  const fx = adminOnSimulator(PRODUCT_RETRIES);

  // Support Field EMEA has a task another admin queued two minutes ago: it must never be taken for ours.
  const account = () => fx.sim.data.tenant.accounts.find((a) => a.name === 'Support Field EMEA')!;

  it('a 503 after the POST took effect: the task it started is found, not the one queued before', async () => {
    const id = account().id;
    const before = taskIds(await fx.admin.listPublishTasks(id));
    assert.ok(before && before.size > 0);
    const sentAtMs = Date.now();
    fx.sim.inject({ kind: 'status-after', status: 503 }, { method: 'POST' });
    const error = await fx.admin.publishSandbox(id).then(
      () => assert.fail('503'),
      (e: unknown) => e,
    );
    assert.equal(publishFailureMeans(error), 'unknown');
    const task = await findStartedTask({ list: (s) => fx.admin.listPublishTasks(id, s), before, sentAtMs, delayMs: 5 });
    assert.ok(task, 'found');
    assert.equal(task.id, fx.sim.data.tenant.publishTasks(id)[0]!.id, 'the newest task, the one the POST started');
    assert.ok(!before.has(task.id));
  });

  it('a 503 before anything started: no task is taken for ours (the one queued two minutes ago is not)', async () => {
    const id = account().id;
    const before = taskIds(await fx.admin.listPublishTasks(id));
    const sentAtMs = Date.now();
    fx.sim.inject({ kind: 'status', status: 503 }, { method: 'POST' });
    const error = await fx.admin.publishSandbox(id).catch((e: unknown) => e);
    assert.equal(publishFailureMeans(error), 'unknown');
    assert.equal(await findStartedTask({ list: (s) => fx.admin.listPublishTasks(id, s), before, sentAtMs, delayMs: 5 }), undefined);
    assert.equal(
      await findStartedTask({ list: (s) => fx.admin.listPublishTasks(id, s), before: undefined, sentAtMs, delayMs: 5 }),
      undefined,
    );
    const reason = unknownOutcomeReason(error);
    assert.match(reason, /HTTP 503/);
    assert.doesNotMatch(reason, /try again/i, 'no invitation to a second publish');
  });

  it('Cancel ends the search at once', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    assert.equal(
      await findStartedTask({ list: () => Promise.resolve([]), before: new Set(), sentAtMs: 0, signal: ctrl.signal }),
      undefined,
    );
  });
});
