// Messages quote at most 40 characters of any token: a report leaves CI (SARIF uploads), and a
// repository's files must not travel whole inside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles } from '../support/memoryWorkspace';

/** An 80-character token no message may hold 41 characters of. */
function long(tag: string): string {
  return (tag + '_' + 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(3)).slice(0, 80);
}

test('no message or related message holds more than 40 characters of a token', () => {
  const tokens = {
    upstream: long('up'),
    server: long('host'),
    location: '/' + long('path'),
    value: long('1'),
    service: long('svc'),
    header: long('X'),
    unknown: long('API_KEY=sk'),
  };
  const files = {
    'nginx/nginx.conf': `events {}\nhttp {\n    upstream ${tokens.upstream} { server tomcat:8080; keepalive 8; }\n    server {\n        server_name ${tokens.server};\n        location ${tokens.location} {\n            proxy_http_version 1.0;\n            proxy_set_header ${tokens.header} x;\n            proxy_pass http://${tokens.upstream};\n            proxy_read_timeout ${tokens.value};\n        }\n        location /${tokens.location} { proxy_pass http://${tokens.upstream}; }\n    }\n    ${tokens.unknown};\n    include /etc/${tokens.server};\n}\n`,
    'tomcat/conf/server.xml': `<Server><Service name="${tokens.service}"><Connector port="8080" connectionTimeout="7000" maxKeepAliveRequests="${tokens.value}"/></Service></Server>`,
    'timeout-chain.json': JSON.stringify({ [tokens.unknown]: 1, nginx: { version: tokens.value } }),
  };
  const { findings } = analyzeFiles(files);
  const codes = new Set(findings.map((f) => f.code));
  for (const code of ['keepalive-race', 'keepalive-lost', 'nginx-syntax', 'invalid-value', 'nginx-include', 'settings'])
    assert.ok(codes.has(code), `the workspace shows ${code}: ${[...codes].join(', ')}`);
  const said = findings.flatMap((f) => [f.message, ...f.related.map((r) => r.message), ...f.fixes.map((x) => x.title)]);
  for (const [what, token] of Object.entries(tokens)) {
    for (let start = 0; start + 41 <= token.length; start++) {
      const window = token.slice(start, start + 41);
      const leak = said.find((message) => message.includes(window));
      assert.equal(leak, undefined, `41 characters of the ${what} token quoted`);
    }
  }
});
