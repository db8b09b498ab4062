// The chain hover read at a glance: the verdict with both values first, the race picture, one
// line per hop, what a racing request costs, then links to the fixes and the chain view; each
// fact once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chainHover, type HoverContext } from '../../server/src/core/hover';
import { endpointHoverAt } from '../../server/src/core/navigation';
import { abs, analyzeFiles } from '../support/memoryWorkspace';

const nginx = (locations: string, upstream = 'server 10.0.0.21:8080;\n        keepalive 32;') => `events {}
http {
    upstream app {
        ${upstream}
    }
    server {
        server_name app.example.com;
${locations}
    }
}
`;
const location = (path: string, extra = '') =>
  `        location ${path} { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; ${extra}}\n`;
const tomcat = (attributes: string) =>
  `<Server><Service name="Catalina"><Connector port="8080" protocol="HTTP/1.1" ${attributes}/></Service></Server>\n`;

function hover(files: Record<string, string>, context: HoverContext = {}) {
  const result = analyzeFiles(files);
  const [config] = result.analysis.configs;
  const text = chainHover(result.analysis, config, config.http.upstreams.get('app')!, { findings: result.findings, ...context });
  return { text, result, blocks: text.split('\n\n') };
}

test('a race: the verdict with both values first, the picture, one line per hop, what a racing request costs', () => {
  const { blocks } = hover({ 'nginx/nginx.conf': nginx(location('/')), 'tomcat/conf/server.xml': tomcat('connectionTimeout="7000"') });
  assert.equal(blocks[0], '**Races:** Tomcat closes after 7s, nginx keeps 60s: POSTs may get 502');
  assert.match(
    blocks[1],
    /^!\[After the last response the connection idles\. Tomcat closes it after 7s .*\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)$/,
  );
  assert.deepEqual(blocks[2].split('  \n'), [
    'location / in server app.example.com (nginx/nginx.conf:9)',
    '→ upstream app keeps idle connections 60s (default) (nginx/nginx.conf:3)',
    '→ server 10.0.0.21:8080 → tomcat/conf/server.xml, Connector port 8080 (Service Catalina): Tomcat closes after 7s (connectionTimeout, keepAliveTimeout unset)',
  ]);
  assert.equal(
    blocks[3],
    'A request racing the close: POST, PATCH and LOCK get 502, GET, HEAD, PUT and DELETE are retried (proxy_next_upstream lacks non_idempotent (unset, nginx default "error timeout")).',
  );
  assert.equal(blocks.length, 4, 'no links were asked for');
  // Short: what the issue measured at 1,100-1,230 characters reads now in well under 700 besides the picture.
  const words = [blocks[0], ...blocks.slice(2)].join('\n\n');
  assert.ok(words.length < 700, `${words.length} characters`);
  assert.equal((words.match(/retried/g) ?? []).length, 1, 'the retry sentence once');
});

test('a safe pair opens with "Safe" and both values, and says nothing of 502s', () => {
  const { blocks, text } = hover({
    'nginx/nginx.conf': nginx(location('/')),
    'tomcat/conf/server.xml': tomcat('connectionTimeout="7000" keepAliveTimeout="90000"'),
  });
  assert.equal(blocks[0], '**Safe:** nginx gives up first (60s < 90s)');
  assert.match(blocks[1], /^!\[After the last response the connection idles\. nginx closes it after 60s, before Tomcat would at 90s/);
  assert.doesNotMatch(text.replace(/\(data:[^)]*\)/, ''), /502|POST/);
});

test('a race nginx retries every request of says so in its first line', () => {
  const { blocks } = hover({
    'nginx/nginx.conf': nginx(location('/', 'proxy_next_upstream error timeout non_idempotent; ')),
    'tomcat/conf/server.xml': tomcat('connectionTimeout="7000"'),
  });
  assert.equal(blocks[0], '**Races, retried:** Tomcat closes after 7s, nginx keeps 60s: nginx retries every request');
});

test('links: each fix of the race finding on the upstream, then every chain', () => {
  const seen: [string, string][] = [];
  const { blocks } = hover(
    { 'nginx/nginx.conf': nginx(location('/')), 'tomcat/conf/server.xml': tomcat('connectionTimeout="7000"') },
    {
      links: {
        fix: (finding, title) => {
          seen.push([finding.location.file, title]);
          return `command:fix?${seen.length}`;
        },
        chains: 'command:chains',
      },
    },
  );
  assert.deepEqual(seen, [
    [abs('nginx/nginx.conf'), "Set Tomcat keepAliveTimeout to 90000 ms (longer than nginx's 60s)"],
    [abs('nginx/nginx.conf'), "Lower nginx upstream keepalive_timeout to 6s (shorter than Tomcat's 7s)"],
  ]);
  assert.equal(
    blocks.at(-1),
    "[Set Tomcat keepAliveTimeout to 90000 ms (longer than nginx's 60s)](command:fix?1) · [Lower nginx upstream keepalive_timeout to 6s (shorter than Tomcat's 7s)](command:fix?2) · [Show all chains](command:chains)",
  );
});

test('beyond three locations the rest are counted', () => {
  const { blocks } = hover({
    'nginx/nginx.conf': nginx(['/a', '/b', '/c', '/d', '/e'].map((p) => location(p)).join('')),
    'tomcat/conf/server.xml': tomcat('connectionTimeout="7000"'),
  });
  const hops = blocks[2].split('  \n');
  assert.deepEqual(hops.slice(0, 4), [
    'location /a in server app.example.com (nginx/nginx.conf:9)',
    'location /b in server app.example.com (nginx/nginx.conf:10)',
    'location /c in server app.example.com (nginx/nginx.conf:11)',
    'and 2 more locations',
  ]);
});

test('nothing reused, a timeout not known, nothing linked: each says so first', () => {
  const notReused = hover({
    'nginx/nginx.conf': nginx('        location / { proxy_pass http://app; proxy_http_version 1.0; }\n'),
    'tomcat/conf/server.xml': tomcat('connectionTimeout="7000"'),
  });
  assert.equal(
    notReused.blocks[0],
    '**Not reused:** nginx keeps no idle connection to upstream app (it proxies with HTTP/1.0): nothing races',
  );
  const unknown = hover({ 'nginx/nginx.conf': nginx(location('/')), 'tomcat/conf/server.xml': tomcat('connectionTimeout="${idle}"') });
  assert.match(unknown.blocks[0], /^\*\*Not known:\*\* Tomcat's idle timeout \(.*\$\{idle\}.*\)$/);
  const unlinked = hover({ 'nginx/nginx.conf': nginx(location('/')) });
  assert.equal(
    unlinked.blocks[0],
    '**Not linked:** upstream app reaches no Tomcat connector or Spring Boot application or Go server or Apache httpd virtual host or uWSGI socket read here',
  );
});

test('from the backend side: the same verdict first, only its own server line, the fix links of its own finding', () => {
  const files = { 'nginx/nginx.conf': nginx(location('/')), 'tomcat/conf/server.xml': tomcat('connectionTimeout="7000"') };
  const result = analyzeFiles(files);
  const xml = files['tomcat/conf/server.xml'];
  const seen: string[] = [];
  const text = endpointHoverAt(result.analysis, abs('tomcat/conf/server.xml'), xml.indexOf('7000'), {
    findings: result.findings,
    links: { fix: (finding) => (seen.push(finding.location.file), 'command:x') },
  });
  assert.match(text ?? '', /^\*\*Races:\*\* Tomcat closes after 7s, nginx keeps 60s: POSTs may get 502\n/);
  assert.deepEqual([...new Set(seen)], [abs('tomcat/conf/server.xml')]);
});
