/**
 * JUnit XML for CI: one testsuite per request file, one testcase per request; a failed assertion is
 * a <failure> with expected and actual, no answer an <error>, a request after it <skipped>. A
 * machine-readable format written by the headless CLI: its words stay English.
 */
import type { RequestOutcome } from './runner';

export interface FileResult {
  file: string;
  outcomes: RequestOutcome[];
}

export function junitXml(results: FileResult[]): string {
  const count = (o: RequestOutcome[], v: RequestOutcome['verdict']): number => o.filter((x) => x.verdict === v).length;
  const all = results.flatMap((r) => r.outcomes);
  const seconds = (ms: number | undefined): string => ((ms ?? 0) / 1000).toFixed(3);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="frame-http" tests="${all.length}" failures="${count(all, 'failed')}" errors="${count(all, 'error')}" skipped="${count(all, 'skipped')}">`,
  ];
  for (const { file, outcomes } of results) {
    const time = outcomes.reduce((t, o) => t + (o.durationMs ?? 0), 0);
    lines.push(
      `  <testsuite name="${attr(file)}" tests="${outcomes.length}" failures="${count(outcomes, 'failed')}" errors="${count(outcomes, 'error')}" skipped="${count(outcomes, 'skipped')}" time="${seconds(time)}">`,
    );
    for (const o of outcomes) {
      const open = `    <testcase classname="${attr(file)}" name="${attr(o.label)}" file="${attr(file)}" line="${o.line + 1}" time="${seconds(o.durationMs)}"`;
      const status = o.response ? `HTTP ${o.response.status} from ${o.response.url}` : undefined;
      if (o.verdict === 'passed') {
        lines.push(`${open}>`, ...(status ? [`      <system-out>${text(status)}</system-out>`] : []), '    </testcase>');
        continue;
      }
      lines.push(`${open}>`);
      if (o.verdict === 'skipped') lines.push(`      <skipped message="${attr(o.message ?? '')}"/>`);
      else if (o.verdict === 'error') lines.push(`      <error message="${attr(o.message ?? '')}" type="transport"/>`);
      else {
        const failed = o.assertions.filter((a) => !a.passed);
        const message = o.message ?? failed.map((a) => `?? ${a.text}`).join('; ');
        const detail = o.message
          ? o.message
          : failed.map((a) => `line ${a.line + 1}: ?? ${a.text}\n  expected: ${a.expected}\n  actual:   ${a.actual}`).join('\n');
        lines.push(`      <failure message="${attr(message)}" type="${o.message ? 'unresolved' : 'assertion'}">${text(detail)}</failure>`);
      }
      if (status) lines.push(`      <system-out>${text(status)}</system-out>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

/** Characters XML 1.0 cannot hold at all (control characters, lone surrogates), replaced. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- these are exactly what XML 1.0 forbids
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function xmlSafe(value: string): string {
  return value.replace(NOT_XML, '\ufffd');
}

function text(value: string): string {
  return xmlSafe(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
