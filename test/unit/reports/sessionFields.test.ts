// The Session details card's labels and readable values (src/core/reports/sessionFields.ts).
import * as assert from 'node:assert/strict';
import { SESSION_COLUMNS } from '../../../src/core/reports/columns';
import { showSessionField } from '../../../src/core/reports/sessionFields';

describe('session details: labels, units and readable values', () => {
  it('labels every documented column for people', () => {
    for (const column of SESSION_COLUMNS) {
      const { label } = showSessionField(column, '1');
      assert.ok(label && label !== column, `${column} has a label`);
    }
  });

  it('shows durations, latency, bandwidth, frame rate, distance and storage with their units', () => {
    assert.deepEqual(showSessionField('session_duration', '2880'), { label: 'Duration', shown: '48 min' });
    assert.deepEqual(showSessionField('avg_latency', '35.4'), { label: 'Average latency', shown: '35 ms' });
    assert.deepEqual(showSessionField('avg_bandwidth', '12.3456'), { label: 'Average bandwidth', shown: '12.35 Mbps' });
    assert.deepEqual(showSessionField('avg_framerate', '29.97'), { label: 'Average frame rate', shown: '30 fps' });
    assert.deepEqual(showSessionField('geo_distance', '1234.4'), { label: 'Distance to the datacenter', shown: '1,234 km' });
    assert.deepEqual(showSessionField('storage used', '2048.25'), { label: 'Storage used', shown: '2,048.3 MB' });
    // No unit is stated for the video bitrate: none is made up.
    assert.equal(showSessionField('avg_video_bitrate', '1500').shown, '1,500');
  });

  it("says that starttime's time zone is unstated, and keeps the time as written", () => {
    assert.deepEqual(showSessionField('starttime', '2026-11-03 14:05:00'), {
      label: 'Start',
      shown: '2026-11-03 14:05:00 (time zone as Frame leaves it: unstated)',
    });
  });

  it('keeps empty, unreadable and unknown values as received', () => {
    assert.deepEqual(showSessionField('avg_latency', ''), { label: 'Average latency', shown: '' });
    assert.deepEqual(showSessionField('avg_latency', 'n/a'), { label: 'Average latency', shown: 'n/a' });
    assert.deepEqual(showSessionField('session_duration', 'long'), { label: 'Duration', shown: 'long' });
    assert.deepEqual(showSessionField('gpu_model', 'A10'), { label: 'gpu_model', shown: 'A10' });
  });
});
