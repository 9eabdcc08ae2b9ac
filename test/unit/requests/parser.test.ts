import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  parseRequestFile,
  Resolver,
  evaluateAssertion,
  evaluateJsonPath,
  type RequestFile,
  type ResponseRecord,
} from '../../../src/core/requests';
import { FrameError } from '../../../src/core/errors';
import { repoRoot } from '../../support/paths';

const fixture = (name: string): string => fs.readFileSync(path.join(repoRoot, 'test/fixtures/requests', name), 'utf8');
const messages = (file: RequestFile): string[] => file.diagnostics.map((d) => `${d.line + 1}:${d.column + 1} ${d.message}`);
const resolverFor = (file: RequestFile, responses: Record<string, ResponseRecord> = {}, env: Record<string, string> = {}) =>
  new Resolver({ variables: file.variables, responses: new Map(Object.entries(responses)), env });
const json = (body: unknown, status = 200, headers: Record<string, string> = {}): ResponseRecord => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  text: JSON.stringify(body),
  json: body,
});

describe('request files: parser', () => {
  it("reads REST Client's syntax: variables, named requests, headers, bodies, multi-line queries, assertions", () => {
    const file = parseRequestFile(fixture('restclient.frame.http'));
    assert.deepEqual(messages(file), []);
    assert.deepEqual(
      file.variables.map((v) => [v.name, v.value]),
      [
        ['hostname', 'api.example.test'],
        ['port', '8080'],
        ['host', '{{hostname}}:{{port}}'],
        ['contentType', 'application/json'],
        ['createdAt', '{{$timestamp}}'],
        ['authToken', '{{login.response.headers.X-AuthToken}}'],
      ],
    );
    const [login, comments, remove] = file.requests;
    assert.equal(file.requests.length, 3);
    assert.deepEqual([login!.name, login!.method, login!.url.text], ['login', 'POST', 'https://{{host}}/api/login']);
    assert.deepEqual(
      login!.headers.map((h) => [h.name, h.value.text]),
      [['Content-Type', '{{contentType}}']],
    );
    assert.equal(login!.body?.text, '{\n    "name": "sample",\n    "time": "{{createdAt}}"\n}');
    assert.equal(login!.body?.span.line, 13);
    assert.deepEqual([comments!.name, comments!.url.text], ['createComment', 'https://{{host}}/comments?page=2&pageSize=10']);
    assert.deepEqual(
      comments!.assertions.map((a) => [a.field, a.condition, a.expected?.text]),
      [['status', '==', '200']],
    );
    assert.equal(remove!.method, 'DELETE');
    assert.deepEqual(
      remove!.assertions.map((a) => [a.field, a.argument, a.condition, a.expected?.text]),
      [
        ['status', undefined, '<', '300'],
        ['header', 'content-type', 'includes', 'json'],
        ['jsonpath', '$.deleted', '==', 'true'],
        ['body', undefined, 'exists', undefined],
        ['duration', undefined, '<', '5000'],
      ],
    );
  });

  it('reads CRLF line ends and a byte-order mark like LF', () => {
    const text = fixture('restclient.frame.http');
    const lf = parseRequestFile(text);
    const crlf = parseRequestFile('\ufeff' + text.replace(/\n/g, '\r\n'));
    assert.deepEqual(messages(crlf), []);
    assert.deepEqual(crlf.requests, lf.requests);
    assert.deepEqual(crlf.variables, lf.variables);
  });

  it('keeps # @connection for the requests below it, and positions the URL for diagnostics', () => {
    const file = parseRequestFile(fixture('chained.frame.http'));
    assert.deepEqual(messages(file), []);
    assert.deepEqual(
      file.requests.map((r) => [r.connection, r.firstLine]),
      [
        ['Simulator', 2],
        ['Simulator', 8],
        ['Simulator', 13],
      ],
    );
    assert.deepEqual(file.requests[1]!.url.span, { line: 8, column: 4, endColumn: 69 });
    const header = parseRequestFile('GET /x\n  X-Note:   a {{b}}\n?? header x-note   ==   a b\n');
    assert.deepEqual(header.requests[0]!.headers[0]!.value, { text: 'a {{b}}', span: { line: 1, column: 12, endColumn: 19 } });
    assert.deepEqual(header.requests[0]!.assertions[0]!.expected, { text: 'a b', span: { line: 2, column: 24, endColumn: 27 } });
  });

  it('reports malformed lines with their place, and sends nothing from them', () => {
    const file = parseRequestFile(
      [
        'FETCH /accounts/', // 1: not a method
        '###',
        'GET /accounts/',
        'not a header', // 4
        'Authorization: Basic abc', // 5: the signer's header
        '?? status === 200', // 6: unknown condition
        '?? code == 200', // 7: unknown field
        '?? header == 2', // 8: no header name
        '?? status exists 200', // 9: exists takes no value
        '?? jsonpath name == 1', // 10: not from $
        '###',
        '@ = 1', // 12: no name
        '# @name', // 13: no name
        'hello', // 14: not a request line
      ].join('\n'),
    );
    assert.deepEqual(
      file.diagnostics.map((d) => d.line + 1),
      [1, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14],
    );
    assert.match(file.diagnostics[0]!.message, /"FETCH" is not an HTTP method/);
    assert.match(file.diagnostics[1]!.message, /Expected a header \("Name: value"\)/);
    assert.match(file.diagnostics[2]!.message, /signs every request: remove the Authorization header/);
    assert.match(file.diagnostics[3]!.message, /"===" is not a condition: use one of == != < <= > >= includes startsWith exists/);
    assert.match(file.diagnostics[4]!.message, /"code" is not an assertion field/);
    assert.match(file.diagnostics[10]!.message, /Expected a request line/);
  });

  it('finds unknown variables, references to requests below, and recursive variables before anything runs', () => {
    const file = parseRequestFile(
      [
        '@a = {{b}}',
        '@b = x{{a}}',
        '@self = {{self}}',
        'GET /x/{{missing}}',
        '',
        '###',
        'GET /y/{{later.response.body.$.id}}',
        '###',
        '# @name later',
        'GET /z/{{a}}',
      ].join('\n'),
    );
    const text = messages(file).join('\n');
    assert.match(text, /^1:6 The variable "b" refers back to itself|^2:7 The variable "a" refers back to itself/m);
    assert.match(text, /3:9 The variable "self" refers back to itself/);
    assert.match(text, /4:8 Unknown variable "missing"/);
    assert.match(text, /7:8 The request "later" comes later in the file/);
  });

  it('reports an unterminated {{ and an empty {{}} at their place', () => {
    const file = parseRequestFile('GET /accounts/{{id\n\n###\nPOST /x\n\n{"a": "{{}}"}\n');
    assert.deepEqual(messages(file), [
      '1:15 This "{{" is never closed with "}}" on its line: close it, or remove it.',
      '6:8 "{{}}" names nothing: write a variable name inside, or remove it.',
    ]);
  });

  it('reads a 10 MB body, and one with 500 000 variables (linear work: no hang)', () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const file = parseRequestFile(`@v = 1\nPOST /upload\nContent-Type: text/plain\n\n${big}\n`);
    assert.deepEqual(messages(file), []);
    assert.equal(file.requests[0]!.body!.text.length, big.length);
    const many = parseRequestFile(`@v = 1\nPOST /upload\n\n${'{{v}}'.repeat(500_000)}{{nope}}`);
    assert.deepEqual(messages(many), [`4:${500_000 * 5 + 1} Unknown variable "nope": define it with "@nope = value", or fix the name.`]);
    const resolved = resolverFor(parseRequestFile(`@v = 1\nPOST /upload\n\n${'{{v}}'.repeat(500_000)}`));
    assert.equal(resolved.text(parseRequestFile(`@v = 1\nPOST /upload\n\n${'{{v}}'.repeat(500_000)}`).requests[0]!.body!).length, 500_000);
  });

  it('stops a variable that doubles itself thirty times with an error instead of 2^30 copies', () => {
    const lines = ['@v0 = abcdefgh'];
    for (let i = 1; i <= 30; i++) lines.push(`@v${i} = {{v${i - 1}}}{{v${i - 1}}}`);
    lines.push('POST /x', '', '{{v30}}');
    const file = parseRequestFile(lines.join('\n'));
    assert.deepEqual(messages(file), []);
    assert.throws(() => resolverFor(file).text(file.requests[0]!.body!), /expand to more than 32 MiB/);
  });
});

describe('request files: resolution', () => {
  it('resolves file variables, process environment and references from responses', () => {
    const file = parseRequestFile(fixture('restclient.frame.http'));
    const r = resolverFor(file, { login: json({ ok: true }, 200, { 'x-authtoken': 'tok-123' }), createComment: json({ id: 'c 1/../2' }) });
    const [, comments, remove] = file.requests;
    assert.equal(r.url(comments!.url), 'https://api.example.test:8080/comments?page=2&pageSize=10');
    assert.equal(r.text(comments!.headers[1]!.value), 'tok-123');
    // From a response, into the path: one encoded segment.
    assert.equal(r.url(remove!.url), 'https://api.example.test:8080/comments/c%201%2F..%2F2');
    const env = parseRequestFile('GET /accounts/{{$processEnv FRAME_ACCOUNT}}\n');
    assert.equal(resolverFor(env, {}, { FRAME_ACCOUNT: 'acc-1' }).url(env.requests[0]!.url), '/accounts/acc-1');
    assert.throws(() => resolverFor(env).url(env.requests[0]!.url), /line 1, column 15: The environment variable FRAME_ACCOUNT is not set/);
  });

  it('path-encodes non-ASCII and reserved characters from responses, query-encodes them after "?", refuses ".."', () => {
    const file = parseRequestFile('# @name a\nGET /a\n###\nGET /accounts/{{a.response.body.$.id}}/x?name={{a.response.body.$.id}}\n');
    const url = (id: string) => resolverFor(file, { a: json({ id }) }).url(file.requests[1]!.url);
    assert.equal(url('Zürich & co?'), '/accounts/Z%C3%BCrich%20%26%20co%3F/x?name=Z%C3%BCrich%20%26%20co%3F');
    assert.throws(() => url('..'), FrameError);
  });

  it('says which reference found nothing', () => {
    const file = parseRequestFile('# @name a\nGET /a\n###\nGET /b/{{a.response.body.$.missing}}\n');
    assert.throws(
      () => resolverFor(file, { a: json({ id: 1 }, 404) }).url(file.requests[1]!.url),
      /line 4, column 8: The response to "a" \(HTTP 404\) has nothing at \$.missing/,
    );
    assert.throws(() => resolverFor(file).url(file.requests[1]!.url), /"a" has not answered yet/);
  });

  it('reads the JSONPath subset: members, indexes (negative too), quoted names', () => {
    const body = { items: [{ 'a b': 1 }, { id: 'x' }], n: null };
    assert.deepEqual(evaluateJsonPath(body, '$.items[-1].id'), { found: true, value: 'x' });
    assert.deepEqual(evaluateJsonPath(body, "$['items'][0]['a b']"), { found: true, value: 1 });
    assert.deepEqual(evaluateJsonPath(body, '$.n'), { found: true, value: null });
    assert.deepEqual(evaluateJsonPath(body, '$.items[5]'), { found: false });
    assert.deepEqual(evaluateJsonPath(body, '$.toString'), { found: false });
    assert.throws(() => evaluateJsonPath(body, '$.items[?(@.id)]'), /cannot be read at position 8/);
  });
});

describe('request files: assertions', () => {
  const check = (line: string, response: ResponseRecord, durationMs = 10) => {
    const file = parseRequestFile(`GET /x\n${line}\n`);
    assert.deepEqual(messages(file), []);
    const a = file.requests[0]!.assertions[0]!;
    return evaluateAssertion(a, a.expected?.text, response, durationMs);
  };
  const res = json([{ name: 'Acme', n: 3, ok: true }], 404, { 'x-request-id': 'abc' });

  it('passes and fails each condition with expected and actual', () => {
    const verdicts = [
      '?? status == 404',
      '?? status != 200',
      '?? status >= 400',
      '?? status < 500',
      '?? duration <= 10',
      '?? header X-Request-Id == abc',
      '?? header content-type startsWith application/',
      '?? body includes "Acme"',
      '?? jsonpath $[0].name == Acme',
      '?? jsonpath $[0].name == "Acme"',
      '?? jsonpath $[0].n > 2',
      '?? jsonpath $[0].ok == true',
      '?? jsonpath $[0].name exists',
      '?? body exists',
    ].map((l) => [l, check(l, res).passed]);
    assert.deepEqual(
      verdicts.filter(([, passed]) => !passed),
      [],
    );
    const failed = check('?? status == 200', res);
    assert.deepEqual([failed.passed, failed.expected, failed.actual], [false, '== 200', '404']);
    const missing = check('?? jsonpath $[1].name exists', res);
    assert.deepEqual([missing.passed, missing.actual], [false, '(none)']);
    assert.equal(check('?? header x-missing exists', res).passed, false);
    assert.equal(check('?? jsonpath $[0].name > 2', res).passed, false);
    assert.equal(check('?? duration < 5', res, 10).passed, false);
    assert.deepEqual(check('?? jsonpath $.a exists', { status: 200, headers: {}, text: 'plain' }).actual, '(the body is not JSON)');
  });
});
