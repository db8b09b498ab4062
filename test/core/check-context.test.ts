// What the engine gives a check: the nginx directives it declares (and only those beyond the
// model's) in the include expansion, and memos keyed by settings, root and layout, per workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/workspace';
import { allChecks } from '../../server/src/core/checks';
import type { Check, CheckId } from '../../server/src/core/checks/check';
import type { Finding } from '../../server/src/core/types';
import { defaultSettings } from '../../server/src/core/settings';
import { abs, memoryHost, root } from '../support/memoryWorkspace';

const nginx = [
  'events {}',
  'http {',
  '    upstream app { server 10.0.0.1:8080; keepalive 8; }',
  '    server {',
  '        location / {',
  '            include snippets/proxy.conf;',
  '            proxy_pass http://app;',
  '        }',
  '    }',
  '}',
  '',
].join('\n');
const snippet = 'proxy_read_timeout 90s;\nproxy_buffering off;\n';

/** A check added by a test alone (its id is none of the registered ones). */
function toyCheck(nginxDirectives: string[], run: Check['run']): Check {
  return {
    id: 'toy-check' as CheckId,
    description: 'A check of this test.',
    severity: { default: 'info' },
    messages: {},
    nginxDirectives,
    docs: { finds: '', why: '', example: '', fix: '' },
    run,
  };
}

function workspaceWith(checks: Check[]) {
  const texts = new Map([
    [abs('nginx/nginx.conf'), nginx],
    [abs('nginx/snippets/proxy.conf'), snippet],
  ]);
  const workspace = new Workspace(root, memoryHost(texts), defaultSettings, undefined, { checks });
  workspace.setFile(abs('nginx/nginx.conf'), 'nginx', nginx);
  return { workspace, texts };
}

/** The directive names of the proxy_pass's location as the expansion has them, includes expanded. */
function locationSeen(declared: string[]): string[] {
  let seen: string[] = [];
  const check = toyCheck(declared, (context) => {
    const route = context.analysis.configs[0].http.routes[0];
    seen = (route.scopes.at(-1)!.children ?? []).map((c) => c.directive.name.value);
  });
  workspaceWith([check]).workspace.analyze();
  return seen;
}

test('a check sees, through includes, the nginx directives it declares', () => {
  assert.deepEqual(locationSeen(['proxy_read_timeout']), ['proxy_read_timeout', 'proxy_pass']);
  assert.deepEqual(locationSeen(['proxy_read_timeout', 'proxy_buffering']), ['proxy_read_timeout', 'proxy_buffering', 'proxy_pass']);
});

test('without declaring them, it sees only what the model reads', () => {
  assert.deepEqual(locationSeen([]), ['proxy_pass']);
});

test('the registered checks declare what they read', () => {
  const declared = new Set(allChecks.flatMap((c) => c.nginxDirectives));
  for (const name of ['keepalive', 'keepalive_timeout', 'proxy_pass', 'proxy_http_version', 'proxy_set_header'])
    assert.ok(declared.has(name), `${name} is declared`);
});

test('a memo is made again when the settings change, and gives back findings that say the same', () => {
  // A key that outlives the settings (new settings re-read the nginx files, so an upstream would not).
  const key = {};
  let made = 0;
  const check = toyCheck([], (context) => {
    const findings = context.findings([key], [], (): Finding[] => {
      made++;
      const location = { file: abs('nginx/nginx.conf'), range: { start: { line: 2, character: 4 }, end: { line: 2, character: 12 } } };
      return [{ code: 'toy-check', severity: 'info', message: 'seen', location, related: [], fixes: [] }];
    });
    context.reportAll(findings);
  });
  const { workspace } = workspaceWith([check]);
  const first = workspace.analyze().findings;
  assert.equal(workspace.analyze().findings[0], first[0], 'unchanged: the same finding');
  assert.equal(made, 1, 'made once');
  workspace.setSettings({ ...defaultSettings });
  const after = workspace.analyze().findings;
  assert.equal(made, 2, 'new settings: made again');
  assert.equal(after[0], first[0], 'saying the same: the same object');
});

test('memos belong to a workspace: a key two workspaces share is made once in each', () => {
  const shared = {};
  let made = 0;
  const check = toyCheck([], (context) => {
    context.derived(shared, () => ++made);
  });
  const one = workspaceWith([check]).workspace;
  const two = workspaceWith([check]).workspace;
  one.analyze();
  one.analyze();
  two.analyze();
  assert.equal(made, 2);
});

test('the layout count belongs to a workspace', () => {
  const one = workspaceWith([]).workspace;
  const two = workspaceWith([]).workspace;
  one.analyze();
  two.analyze();
  // A line above everything moves every node of the file, in the first workspace only.
  one.setFile(abs('nginx/nginx.conf'), 'nginx', `# moved\n${nginx}`);
  assert.ok(one.analyze().analysis.layoutVersion > 0, 'the move is counted');
  assert.equal(two.analyze().analysis.layoutVersion, 0, 'not in the other workspace');
});
