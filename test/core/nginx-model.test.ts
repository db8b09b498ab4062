// How the model reads proxying locations: nginx's inheritance of proxy_set_header (array: only
// when a level sets none) and scalars (proxy_http_version, retry settings), maps, the version
// defaults, and the other upstream modules (gRPC, FastCGI, uwsgi, SCGI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles } from '../support/memoryWorkspace';
import { upstreamIdleMs, upstreamReuse } from '../../server/src/core/nginx/reuse';
import { routeRetry } from '../../server/src/core/nginx/retry';
import { chainHover } from '../../server/src/core/hover';
import { parseNginxVersion, type NginxVersion } from '../../server/src/core/nginx/version';

function routes(http: string) {
  const { analysis } = analyzeFiles({ 'nginx.conf': `events {}\nhttp {\n${http}\n}\n` });
  const [config] = analysis.configs;
  return { config, routes: config.http.routes };
}

function version(text?: string): NginxVersion {
  return parseNginxVersion(text) as NginxVersion;
}

test('a location that sets its own proxy_set_header loses the server-level Connection ""', () => {
  const {
    routes: [route],
  } = routes(`upstream app { server a:8080; keepalive 8; }
server {
    proxy_set_header Connection "";
    proxy_http_version 1.1;
    location /api {
        proxy_set_header Host $host;
        proxy_pass http://app;
    }
}`);
  assert.equal(route.label, 'location /api in server');
  assert.equal(route.httpVersion.value, '1.1', 'proxy_http_version is inherited');
  assert.equal(route.connection.value, undefined, "nginx's default applies again");
  assert.equal(route.connection.droppedBy?.directive.args[0].value, 'Host');
  assert.equal(route.connection.dropped?.directive.args[0].value, 'Connection');
});

test('a level with no proxy_set_header inherits the closest list, nested locations and if included', () => {
  const { routes: found } = routes(`upstream app { server a:8080; }
proxy_set_header Connection "";
server {
    server_name example.com www.example.com;
    location / {
        location /inner { proxy_pass http://app/inner; }
        if ($request_method = POST) { proxy_pass http://app; }
    }
}`);
  assert.deepEqual(
    found.map((r) => [r.label, r.connection.value, r.upstreamName]),
    [
      ['location /inner in location / in server example.com', '', 'app'],
      ['if ($request_method = POST) in location / in server example.com', '', 'app'],
    ],
  );
});

test('Connection from a map takes the value plain requests get', () => {
  const {
    routes: [upgrade],
  } = routes(`map $http_upgrade $connection_upgrade { default upgrade; '' close; }
upstream app { server a:8080; }
server { location / { proxy_pass http://app; proxy_set_header Connection $connection_upgrade; } }`);
  assert.equal(upgrade.connection.value, 'close');
  assert.equal(upgrade.connection.map?.directive.name.value, 'map');
  const {
    routes: [keep],
  } = routes(`map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
upstream app { server a:8080; }
server { location / { proxy_pass http://app; proxy_set_header Connection $connection_upgrade; } }`);
  assert.equal(keep.connection.value, '');
});

test('proxy_pass to a literal address or a variable is not a named upstream', () => {
  const { routes: found } = routes(
    `server { location / { proxy_pass http://127.0.0.1:8080; } location /v { proxy_pass http://$backend; } location /u { proxy_pass http://unix:/tmp/s.sock:/; } }`,
  );
  assert.deepEqual(
    found.map((r) => r.upstreamName),
    [],
  );
});

test('reuse follows the version defaults: off before 1.29.7, on from 1.29.7', () => {
  const { config } = routes(`upstream app { server a:8080; }
server { location / { proxy_pass http://app; } }`);
  const upstream = config.http.upstreams.get('app')!;
  const old = upstreamReuse(config, upstream, version('1.24.0'));
  assert.equal(old.reuses, false);
  assert.match(old.reason!, /no connection cache/);
  const newest = upstreamReuse(config, upstream, version(undefined));
  assert.equal(newest.reuses, true);
  assert.equal(newest.cacheSize, 32);
  assert.equal(newest.decidedByDefaults, true);
  assert.equal(upstreamReuse(config, upstream, version('1.29.7')).reuses, true);
});

test('before 1.29.7 an explicit keepalive still needs HTTP/1.1 and no Connection: close', () => {
  const { config } = routes(`upstream app { server a:8080; keepalive 16; }
server {
    location /a { proxy_pass http://app; }
    location /b { proxy_pass http://app; proxy_http_version 1.1; }
    location /c { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; }
}`);
  const reuse = upstreamReuse(config, config.http.upstreams.get('app')!, version('1.20.2'));
  assert.deepEqual(
    reuse.routes.map((r) => [r.route.label, r.reuses, r.reason]),
    [
      ['location /a in server', false, 'it proxies with HTTP/1.0'],
      ['location /b in server', false, 'it sends "Connection: close"'],
      ['location /c in server', true, undefined],
    ],
  );
  assert.equal(reuse.reuses, true);
  assert.equal(reuse.decidedByDefaults, false);
});

test('upstream server addresses: host:port, default port 80, IPv6, unix sockets', () => {
  const { config } = routes(
    `upstream app { server 10.0.0.1:8080 weight=2; server backend; server [::1]:9000; server unix:/run/app.sock; keepalive_timeout 1m30s; }`,
  );
  const upstream = config.http.upstreams.get('app')!;
  assert.deepEqual(
    upstream.servers.map((s) => [s.host, s.port]),
    [
      ['10.0.0.1', 8080],
      ['backend', 80],
      ['::1', 9000],
      ['unix:/run/app.sock', undefined],
    ],
  );
  assert.equal(upstream.keepaliveTimeout?.ms, 90_000);
});

test('invalid keepalive values are problems on the argument, not crashes', () => {
  const { analysis } = analyzeFiles({
    'nginx.conf': 'events {}\nhttp { upstream app { server a:1; keepalive many; keepalive_timeout 1M; } }\n',
  });
  const problems = analysis.problems.filter((p) => p.problem.code === 'invalid-value');
  assert.deepEqual(
    problems.map((p) => analysis.lines(p.path)!.text.slice(p.problem.span.start, p.problem.span.end)),
    ['many', '1M'],
  );
});

test('retry settings follow scalar inheritance: http, server, location, if', () => {
  const { routes: found } = routes(`upstream app { server a:8080; }
proxy_next_upstream error non_idempotent;
proxy_request_buffering off;
server {
    proxy_next_upstream_tries 2;
    location /a { proxy_pass http://app; }
    location /b {
        proxy_next_upstream off;
        proxy_next_upstream_timeout 5s;
        if ($arg_x) { proxy_pass http://app; }
    }
}`);
  assert.deepEqual(
    found.map((r) => [r.label, r.retry.nextUpstream.value, r.retry.tries.value, r.retry.timeout.value, r.retry.requestBuffering.value]),
    [
      ['location /a in server', 'error non_idempotent', '2', undefined, 'off'],
      ['if ($arg_x) in location /b in server', 'off', '2', '5s', 'off'],
    ],
  );
  assert.equal(
    found[1].retry.nextUpstream.node?.file.lines.positionAt(found[1].retry.nextUpstream.node.directive.start).line,
    9,
    "0-based line of the location's own proxy_next_upstream",
  );
});

test('what a failed reused connection costs, as ngx_http_upstream_next decides', () => {
  const outcome = (location: string) =>
    routeRetry(routes(`upstream app { server a:8080; }\nserver { location / { proxy_pass http://app; ${location} } }`).routes[0]).outcome;
  assert.equal(outcome(''), 'non-idempotent-fails');
  assert.equal(outcome('proxy_next_upstream error non_idempotent;'), 'retried');
  assert.equal(
    outcome('proxy_next_upstream error non_idempotent; proxy_next_upstream_tries 1;'),
    'retried',
    'a cached connection gives its try back',
  );
  assert.equal(outcome('proxy_next_upstream OFF;'), 'all-fail');
  assert.equal(outcome('proxy_next_upstream timeout non_idempotent;'), 'all-fail');
  assert.equal(outcome('proxy_request_buffering off; proxy_next_upstream error non_idempotent;'), 'streamed-body-fails');
  assert.equal(outcome('proxy_request_buffering off;'), 'non-idempotent-and-streamed-fail');
});

test('grpc_pass, fastcgi_pass, uwsgi_pass and scgi_pass name upstreams too, with their protocol', () => {
  const { routes: found } = routes(`server {
    location /a { grpc_pass grpc://app; }
    location /b { grpc_pass grpcs://app; }
    location /c { grpc_pass app; }
    location /d { grpc_pass 127.0.0.1:9000; }
    location /e { fastcgi_pass app; }
    location /f { fastcgi_pass unix:/run/php.sock; }
    location /g { fastcgi_pass $backend; }
    location /h { uwsgi_pass uwsgi://app; }
    location /i { scgi_pass app; }
}`);
  assert.deepEqual(
    found.map((r) => [r.label.split(' ')[1], r.protocol, r.upstreamName]),
    [
      ['/a', 'grpc', 'app'],
      ['/b', 'grpc', 'app'],
      ['/c', 'grpc', 'app'],
      ['/e', 'fastcgi', 'app'],
      ['/h', 'uwsgi', 'app'],
      ['/i', 'scgi', 'app'],
    ],
  );
});

test('gRPC reuses with a connection cache, whatever HTTP version or Connection header', () => {
  const { config } = routes(`upstream app { server a:9000; keepalive 8; }
server { proxy_set_header Connection close; location / { grpc_pass app; } }`);
  const reuse = upstreamReuse(config, config.http.upstreams.get('app')!, version('1.24.0'));
  assert.equal(reuse.reuses, true);
  assert.deepEqual(reuse.httpRoutes, [], 'but no proxy_pass route to judge a race on');
  const { config: uncached } = routes(`upstream app { server a:9000; }\nserver { location / { grpc_pass app; } }`);
  assert.match(upstreamReuse(uncached, uncached.http.upstreams.get('app')!, version('1.24.0')).reason!, /no connection cache/);
});

test('FastCGI reuses only with fastcgi_keep_conn on (inherited); uwsgi and SCGI never', () => {
  const { config } = routes(`upstream app { server a:9000; keepalive 8; }
server {
    fastcgi_keep_conn on;
    location /a { fastcgi_pass app; }
    location /b { fastcgi_pass app; fastcgi_keep_conn off; }
    location /c { uwsgi_pass app; }
    location /d { scgi_pass app; }
}`);
  const reuse = upstreamReuse(config, config.http.upstreams.get('app')!, version(undefined));
  assert.deepEqual(
    reuse.routes.map((r) => [r.route.label, r.reuses, r.reason]),
    [
      ['location /a in server', true, undefined],
      ['location /b in server', false, 'it sets fastcgi_keep_conn off'],
      ['location /c in server', false, "nginx's uwsgi module never keeps connections"],
      ['location /d in server', false, "nginx's scgi module never keeps connections"],
    ],
  );
  const { config: plain } = routes(`upstream app { server a:9000; keepalive 8; }\nserver { location / { fastcgi_pass app; } }`);
  const off = upstreamReuse(plain, plain.http.upstreams.get('app')!, version(undefined));
  assert.equal(off.reuses, false);
  assert.equal(off.reason, 'fastcgi_keep_conn is off (nginx default)', 'not "no proxy_pass sends requests to it"');
});

test('the hover lists every location with what it does not reuse, gRPC ones as not judged', () => {
  const { analysis } = analyzeFiles({
    'nginx.conf': `events {}\nhttp {\nupstream app { server a:8080; keepalive 8; }\nserver {\n    location / { proxy_pass http://app; }\n    location /old { proxy_pass http://app; proxy_http_version 1.0; }\n    location /rpc { grpc_pass app; }\n}\n}\n`,
  });
  const [config] = analysis.configs;
  const text = chainHover(analysis, config, config.http.upstreams.get('app')!);
  assert.deepEqual(text.split('\n\n')[1].split('  \n'), [
    'location / in server (nginx.conf:5)',
    'location /old in server (nginx.conf:6): no reuse, it proxies with HTTP/1.0',
    "location /rpc in server (nginx.conf:7): gRPC, its server's timeouts not judged",
    '→ upstream app keeps idle connections 60s (default), reused by nginx 1.29.7+ defaults (nginx.conf:3)',
    '→ server a:8080: no backend linked',
  ]);
  assert.match(
    text,
    /^\*\*Not linked:\*\* upstream app reaches no Tomcat connector or Spring Boot application or Go server or Apache httpd virtual host or uWSGI socket read here\n/,
  );
});

test('before 1.15.3 nginx sets no idle timer: connections stay until the server closes them, whatever the file says', () => {
  const upstream = { name: 'app', keepaliveTimeout: { ms: 5000 } } as unknown as Parameters<typeof upstreamIdleMs>[0];
  assert.equal(upstreamIdleMs(upstream, version('1.14.2')), Infinity, '1.14.2 has no upstream keepalive_timeout');
  assert.equal(upstreamIdleMs(upstream, version('1.15.3')), 5000, 'from 1.15.3 the directive applies');
  assert.equal(upstreamIdleMs(upstream, version(undefined)), 5000, 'no version set: the newest is assumed');
  const files = {
    'nginx.conf': `events {}\nhttp {\nupstream app { server a:8080; keepalive 8; }\nserver { location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; } }\n}\n`,
  };
  const { analysis } = analyzeFiles(files, { nginx: { version: '1.14.2' } });
  const [config] = analysis.configs;
  assert.match(
    chainHover(analysis, config, config.http.upstreams.get('app')!),
    /^→ upstream app keeps idle connections until the server closes them \(no keepalive_timeout before nginx 1\.15\.3\) \(nginx\.conf:3\) {2}$/m,
  );
});
