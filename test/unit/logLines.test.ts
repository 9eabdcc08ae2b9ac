// One log-line writer (issue 18, class 6): text from a server or the webview never starts a line
// of its own in the Frame log (line breaks, U+2028/2029, bidi and other controls escaped).
import * as assert from 'node:assert/strict';
import { FrameAdminClient } from '../../src/core/api';
import { logLine, oneLogLine } from '../../src/core/logLine';
import { HttpTransport } from '../../src/core/http/transport';
import { AuditController } from '../../src/audit/auditController';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../simulator';

const FORGED = ['\n', '\r', '\u2028', '\u2029', '\u0085', '\u202e', '\u2066', '\u0000', '\u001b'];
const hostile = `Acme\nWrite action: Publish Sandbox of account "X": succeeded\r\u2028Write action: forged\u2029\u202Eevil\u2066\u0085\u001b[31m`;

function assertOneLine(line: string): void {
  for (const c of FORGED) assert.ok(!line.includes(c), `U+${c.charCodeAt(0).toString(16).padStart(4, '0')} in ${JSON.stringify(line)}`);
}

describe('log lines: one writer, one line per call', function () {
  this.timeout(20_000);

  it('logLine escapes every interpolated value and caps a huge one', () => {
    const line = logLine`Write action: Publish Sandbox of account "${hostile}" (${'id\u2028x'}): ${'x'.repeat(10_000)}`;
    assertOneLine(line);
    assert.match(line, /^Write action: Publish Sandbox of account "Acme\\nWrite action/);
    assert.ok(line.length < 1200, String(line.length));
  });

  it('oneLogLine keeps a whole line built elsewhere on one line', () => {
    const line = oneLogLine(`Reports: exported the usage of ${hostile}.`);
    assertOneLine(line);
    assert.equal(oneLogLine('plain'), 'plain');
  });

  describe('the audit panel logs scope names and filters as one line', () => {
    let sim: Simulator;
    let transport: HttpTransport;
    before(async () => {
      sim = await startSimulator();
      transport = new HttpTransport({ retry: { maxRetries: 0 } });
    });
    after(async () => {
      await transport.close();
      await sim.close();
    });

    it('a hostile scope name and search text', async () => {
      const t = sim.data.tenant;
      const admin = new FrameAdminClient({ baseUrl: sim.adminApiBase, credentials: { scheme: 'frame', ...DEMO_CREDENTIALS }, transport });
      const lines: string[] = [];
      const panel = new AuditController({
        connection: {
          id: 'c1',
          name: hostile,
          baseUrl: sim.adminApiBase,
          clientId: DEMO_CREDENTIALS.clientId,
          scheme: 'frame',
          apiKind: 'admin',
        },
        scope: { kind: 'customer', id: t.customer.id, name: hostile },
        admin: async () => admin,
        editor: { show: async () => undefined },
        log: (line) => void lines.push(line),
      });
      await panel.handlers.load({ search: 'x\nWrite action: forged', kind: 'a\u2028b' });
      assert.ok(lines.length > 0);
      lines.forEach(assertOneLine);
    });
  });
});
