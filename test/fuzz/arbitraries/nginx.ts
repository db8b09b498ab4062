// nginx text: a soup of the tokens the reader and the model care about, and structured configs
// (upstreams, servers, locations) whose values are drawn so that races and their fixes are common.
import * as fc from 'fast-check';
import { maybe, mostly } from './common';

const names = [
  'upstream',
  'server',
  'keepalive',
  'keepalive_timeout',
  'keepalive_requests',
  'keepalive_time',
  'proxy_pass',
  'proxy_http_version',
  'proxy_set_header',
  'proxy_next_upstream',
  'proxy_request_buffering',
  'location',
  'if',
  'limit_except',
  'include',
  'http',
  'events',
  'stream',
  'grpc_pass',
  'fastcgi_pass',
  'fastcgi_keep_conn',
  'uwsgi_pass',
  'scgi_pass',
  'listen',
  'server_name',
  'map',
  'types',
  'content_by_lua_block',
  'set',
  'return',
  'proxy_next_upstream_tries',
  'worker_processes',
];
const values = [
  '60s',
  '20d',
  '1e308',
  '-1',
  '0',
  '99999999999999999999',
  '75',
  '1h',
  '5m',
  '1.5s',
  'abc',
  '"quoted"',
  "'single'",
  '$var',
  '${var}',
  'app',
  '127.0.0.1:8080',
  'app:8080',
  'http://app',
  'http://app/',
  'https://app',
  'http://127.0.0.1:8080',
  '1.0',
  '1.1',
  'Connection',
  '""',
  'close',
  'error',
  'timeout',
  'non_idempotent',
  'off',
  'on',
  '~',
  '^/x',
  '=',
  '/',
  '@named',
  '[::1]:8080',
  'unix:/tmp/s.sock',
  '($request_method',
  '=',
  'POST)',
  'GET',
  'conf.d/*.conf',
  '/etc/nginx/proxy_params',
];
const punctuation = ['{', '}', ';', ' ', ' ', '\n', '\r\n', '\r', '\t', '#', '"', "'", '\\', '$', '${', '\0', '\uFEFF'];

/** Tokens, punctuation and a little noise in any order: syntax nginx accepts and syntax it rejects. */
export const tokenSoup: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...names) },
      { weight: 4, arbitrary: fc.constantFrom(...values) },
      { weight: 6, arbitrary: fc.constantFrom(...punctuation) },
      { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) },
    ),
    { maxLength: 300 },
  )
  .map((tokens) => tokens.join(''));

export const upstreamNames = ['app', 'api', 'b'];
export const ports = [8080, 8081, 9000];
const timeouts = ['60s', '5s', '75', '1h', '300ms', '30s'];
const brokenTimeouts = ['20d', '0', '-1', 'abc', '1e308', '99999999999999999999s', '30s 10s', '""'];

const upstream = fc
  .record({
    name: fc.constantFrom(...upstreamNames),
    servers: fc.array(
      fc.record({
        host: fc.constantFrom('app', 'api', '127.0.0.1', 'localhost', '[::1]', 'unix:/s.sock'),
        port: fc.option(
          fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ports) }, { weight: 1, arbitrary: fc.constantFrom(99999, 0) }),
          { nil: undefined, freq: 8 },
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    keepalive: mostly(['16', '32', '0'], ['-1', 'x']),
    timeout: mostly(timeouts, brokenTimeouts),
  })
  .map((u) => {
    const lines = u.servers.map((s) => `        server ${s.host}${s.port === undefined ? '' : ':' + s.port};`);
    if (u.keepalive !== undefined) lines.push(`        keepalive ${u.keepalive};`);
    if (u.timeout !== undefined) lines.push(`        keepalive_timeout ${u.timeout};`);
    return `    upstream ${u.name} {\n${lines.join('\n')}\n    }\n`;
  });

// Mostly to an upstream (where races and fixes are), now and then anywhere else.
const pass = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...upstreamNames).map((n) => `proxy_pass http://${n};`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'proxy_pass http://app/x;',
      'proxy_pass https://api;',
      'proxy_pass http://127.0.0.1:8080;',
      'proxy_pass $target;',
      'grpc_pass grpc://app;',
      'fastcgi_pass app;',
      'uwsgi_pass app;',
      'proxy_pass;',
    ),
  },
);

const locationBody = fc
  .record({
    pass,
    version: maybe(['1.0', '1.1', '2', 'x']),
    connection: maybe(['""', 'close', 'keep-alive', 'upgrade', '$connection_upgrade']),
    nextUpstream: maybe(['off', 'error', 'error timeout non_idempotent', 'http_502', 'non_idempotent']),
    buffering: maybe(['off', 'on']),
    keepConn: maybe(['on', 'off']),
    wrap: maybe(['if ($request_method = POST)', 'limit_except GET', 'location /inner/']),
    include: maybe(['include snippets/proxy.conf;', 'include proxy_params;', 'include /etc/nginx/proxy_params;']),
  })
  .map((l) => {
    const lines: string[] = [];
    if (l.include) lines.push(l.include);
    if (l.version) lines.push(`proxy_http_version ${l.version};`);
    if (l.connection) lines.push(`proxy_set_header Connection ${l.connection};`);
    if (l.nextUpstream) lines.push(`proxy_next_upstream ${l.nextUpstream};`);
    if (l.buffering) lines.push(`proxy_request_buffering ${l.buffering};`);
    if (l.keepConn) lines.push(`fastcgi_keep_conn ${l.keepConn};`);
    lines.push(l.wrap ? `${l.wrap} {\n            ${l.pass}\n        }` : l.pass);
    return lines.map((line) => `        ${line}`).join('\n');
  });

const server = fc
  .array(fc.tuple(fc.constantFrom('/', '/api/', '= /x', '~ ^/y', '@named'), locationBody), { minLength: 1, maxLength: 3 })
  .map(
    (locations) =>
      `    server {\n        listen 80;\n        server_name example.com;\n${locations.map(([p, body]) => `        location ${p} {\n${body}\n        }`).join('\n')}\n    }\n`,
  );

/** The http{} context's own lines (inherited by every server and location). */
const httpLevel = fc
  .record({
    version: maybe(['1.0', '1.1']),
    connection: maybe(['""', 'close']),
    nextUpstream: maybe(['error timeout non_idempotent', 'off']),
  })
  .map((h) =>
    [
      h.version && `    proxy_http_version ${h.version};`,
      h.connection && `    proxy_set_header Connection ${h.connection};`,
      h.nextUpstream && `    proxy_next_upstream ${h.nextUpstream};`,
    ]
      .filter(Boolean)
      .join('\n'),
  );

export interface NginxFiles {
  main: string;
  /** conf.d/*.conf files the main includes (as nginx/conf.d/NAME). */
  confD: string[];
  snippet: string;
}

/** A main nginx.conf with upstreams and servers, some of them in conf.d files it includes. */
export const nginxFiles: fc.Arbitrary<NginxFiles> = fc
  .record({
    http: httpLevel,
    upstreams: fc.array(upstream, { maxLength: 3 }),
    servers: fc.array(server, { maxLength: 2 }),
    confD: fc.array(fc.tuple(fc.array(upstream, { maxLength: 1 }), fc.array(server, { maxLength: 1 })), { maxLength: 2 }),
    include: fc.constantFrom('include conf.d/*.conf;', 'include conf.d/a.conf;', 'include /etc/nginx/conf.d/*.conf;', ''),
    snippet: fc.constantFrom(
      'proxy_set_header Connection "";\nproxy_http_version 1.1;\n',
      'proxy_set_header Connection close;\n',
      'proxy_set_header Host $host;\n',
      'proxy_http_version 1.0;\n',
      '',
    ),
  })
  .map((n) => ({
    main: `events {}\nhttp {\n${n.http}\n${n.upstreams.join('')}${n.servers.join('')}    ${n.include}\n}\n`,
    confD: n.confD.map(([ups, srvs]) => ups.join('') + srvs.join('')),
    snippet: n.snippet,
  }));
