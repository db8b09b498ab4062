// Malformed request parameters, sent by hand over stdio, are answered with InvalidParams (-32602),
// not InternalError (-32603); well-formed requests about unknown files get empty answers; junk
// notifications are ignored; and the server keeps serving throughout.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { absent, RawClient } from '../support/rawLspClient';
import { uri } from '../support/lspClient';

const InvalidParams = -32602;
const example = path.resolve(__dirname, '../../../examples/seed-incident');

describe('language server: request parameters', () => {
  let dir: string;
  let client: RawClient;
  const nginx = () => uri(path.join(dir, 'nginx/nginx.conf'));
  const xml = () => uri(path.join(dir, 'tomcat/conf/server.xml'));
  const at = { line: 11, character: 6 }; // on `upstream app_backend`
  const range = { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-params-'));
    fs.cpSync(example, dir, { recursive: true });
    client = new RawClient();
    const init = await client.request('initialize', { processId: null, rootUri: uri(dir), capabilities: {} });
    assert.ok(init.result, JSON.stringify(init.error));
    client.notify('initialized', {});
    await client.waitFor('the analysis', () => client.diagnostics(xml()).length > 0);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Parameters are built when the test runs: they name files of the folder made in before().
  const malformed: [string, string, () => unknown][] = [
    ['hover with an empty URI', 'textDocument/hover', () => ({ textDocument: { uri: '' }, position: at })],
    ['hover without a position on a known file', 'textDocument/hover', () => ({ textDocument: { uri: nginx() } })],
    ['hover with a string line', 'textDocument/hover', () => ({ textDocument: { uri: nginx() }, position: { line: 'a', character: 2 } })],
    [
      'hover with a negative position',
      'textDocument/hover',
      () => ({ textDocument: { uri: nginx() }, position: { line: -1, character: 0 } }),
    ],
    [
      'hover with a fractional character',
      'textDocument/hover',
      () => ({ textDocument: { uri: nginx() }, position: { line: 1, character: 0.5 } }),
    ],
    ['hover without a textDocument', 'textDocument/hover', () => ({ position: at })],
    ['hover with a number for the URI', 'textDocument/hover', () => ({ textDocument: { uri: 42 }, position: at })],
    ['hover with a URI that has no scheme', 'textDocument/hover', () => ({ textDocument: { uri: 'nginx.conf' }, position: at })],
    ['hover with params a string', 'textDocument/hover', () => 'junk'],
    ['hover with params null', 'textDocument/hover', () => null],
    ['hover with no params', 'textDocument/hover', () => absent],
    ['definition with no position', 'textDocument/definition', () => ({ textDocument: { uri: nginx() } })],
    ['definition with an empty object', 'textDocument/definition', () => ({})],
    ['codeAction with no range', 'textDocument/codeAction', () => ({ textDocument: { uri: xml() }, context: { diagnostics: [] } })],
    [
      'codeAction with a number for the range',
      'textDocument/codeAction',
      () => ({ textDocument: { uri: xml() }, range: 5, context: { diagnostics: [] } }),
    ],
    ['codeAction with no context', 'textDocument/codeAction', () => ({ textDocument: { uri: xml() }, range })],
    ['documentSymbol with an empty object', 'textDocument/documentSymbol', () => ({})],
    ['documentLink with textDocument null', 'textDocument/documentLink', () => ({ textDocument: null })],
    ['analyzeWorkspace with a string', 'timeoutChain/analyzeWorkspace', () => 'junk'],
    ['analyzeWorkspace with an object', 'timeoutChain/analyzeWorkspace', () => ({ junk: 1 })],
    ['analyzeWorkspace with an array', 'timeoutChain/analyzeWorkspace', () => [1, 2, 3]],
    ['chains with an object', 'timeoutChain/chains', () => ({ junk: 1 })],
  ];
  for (const [name, method, params] of malformed) {
    test(`${name}: InvalidParams`, async () => {
      const response = await client.request(method, params());
      assert.equal(response.error?.code, InvalidParams, JSON.stringify(response));
    });
  }

  test('well-formed requests about unknown files, or past the end of a file, get empty answers', async () => {
    const elsewhere = { uri: uri(path.join(os.tmpdir(), 'no-such-folder', 'nginx.conf')) };
    const hover = await client.request('textDocument/hover', { textDocument: elsewhere, position: at });
    assert.ok(hover.result === null && hover.error === undefined, JSON.stringify(hover));
    assert.equal((await client.request('textDocument/hover', { textDocument: { uri: 'untitled:Untitled-1' }, position: at })).result, null);
    assert.deepEqual((await client.request('textDocument/definition', { textDocument: elsewhere, position: at })).result, []);
    assert.deepEqual(
      (await client.request('textDocument/codeAction', { textDocument: elsewhere, range, context: { diagnostics: [] } })).result,
      [],
    );
    assert.equal(
      (await client.request('textDocument/hover', { textDocument: { uri: nginx() }, position: { line: 9999, character: 9999 } })).result,
      null,
    );
  });

  test('analyzeWorkspace with no params, null, {} or [] rescans', async () => {
    for (const params of [absent, null, {}, []]) {
      const response = await client.request('timeoutChain/analyzeWorkspace', params);
      assert.equal((response.result as { state?: string } | undefined)?.state, 'ready', JSON.stringify(response));
    }
  });

  test('junk notifications are ignored and the server keeps serving', async () => {
    client.notify('textDocument/didOpen', { textDocument: null });
    client.notify('textDocument/didChange', 'junk');
    client.notify('workspace/didChangeWatchedFiles', { changes: [null, { uri: 7, type: 1 }, { uri: xml(), type: 99 }] });
    client.notify('workspace/didChangeWatchedFiles', 42);
    const hover = await client.request('textDocument/hover', { textDocument: { uri: nginx() }, position: at });
    assert.match((hover.result as { contents: { value: string } }).contents.value, /app_backend/);
    assert.ok(client.alive);
    assert.ok(client.diagnostics(xml()).length > 0, 'diagnostics still there');
  });

  test('no answer was InternalError, and nothing was logged as an internal error', () => {
    assert.deepEqual(
      client.received.filter((m) => m.error?.code === -32603),
      [],
    );
    assert.deepEqual(
      client.logs().filter((l) => /internal error/i.test(l)),
      [],
    );
  });
});

describe('language server: initialize parameters', () => {
  test('malformed initialize params answer InvalidParams, and a good initialize afterwards works', async () => {
    const client = new RawClient();
    try {
      const bad: unknown[] = [
        'junk',
        null,
        {},
        { capabilities: 'all' },
        { capabilities: {}, workspaceFolders: 'here' },
        { capabilities: {}, workspaceFolders: [{ name: 'no uri' }] },
        { capabilities: {}, rootUri: 7 },
      ];
      for (const params of bad) {
        const response = await client.request('initialize', params);
        assert.equal(response.error?.code, InvalidParams, `${JSON.stringify(params)}: ${JSON.stringify(response)}`);
      }
      const good = await client.request('initialize', { processId: null, rootUri: null, capabilities: {} });
      assert.equal((good.result as { serverInfo?: { name: string } }).serverInfo?.name, 'timeout-chain');
      assert.deepEqual(
        client.received.filter((m) => m.error?.code === -32603),
        [],
      );
    } finally {
      await client.stop();
    }
  });
});
