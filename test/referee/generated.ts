// Generated workspaces: the layouts that have broken fixes before or might (upstreams on one line,
// CRLF, includes, proxy_pass in `if` and `limit_except`, the WebSocket map, ${...} values from
// catalina.properties, huge nginx timeouts, one attribute per line, self-closing and
// element-with-children Connectors, extreme fix margins). Each dimension is taken in turn with a
// different stride, so that a few hundred workspaces mix them all.
import { defaultSettingsWith, type Files, type Fixture } from './fixtures';
import type { AnalysisSettings } from '../../server/src/core/settings';

interface Nginx {
  /** The upstream block (or blocks), by the keepalive_timeout line it should hold. */
  upstream: (timeout: string) => { main: string; extra?: Files };
  /** The server block around a location that proxies to `app`, by the lines the location holds. */
  route: { server: (location: string) => { main: string; extra?: Files }; version?: string };
}

const upstreams: Record<string, Nginx['upstream']> = {
  multiLine: (t) => ({
    main: `    upstream app {\n        server app-backend:8080;\n        keepalive 32;${t ? `\n        keepalive_timeout ${t};` : ''}\n    }\n`,
  }),
  oneLine: (t) => ({ main: `    upstream app { server app-backend:8080; keepalive 16;${t ? ` keepalive_timeout ${t};` : ''} }\n` }),
  oneLineNoKeepalive: (t) => ({ main: `    upstream app { server 10.1.2.3:8080;${t ? ` keepalive_timeout ${t};` : ''} }\n` }),
  commented: (t) => ({
    main: `    upstream app {   # the Tomcat pool\n        server app-backend:8080 max_fails=3 fail_timeout=10s;  # primary\n        keepalive 8;   # idle connections per worker${t ? `\n        keepalive_timeout ${t};   # idle` : ''}\n    }\n`,
  }),
  tabs: (t) => ({ main: `\tupstream app {\n\t\tserver [::1]:8080;\n\t\tkeepalive 4;${t ? `\n\t\tkeepalive_timeout ${t};` : ''}\n\t}\n` }),
  included: (t) => ({
    main: '    include conf.d/*.conf;\n',
    extra: {
      'nginx/conf.d/upstreams.conf': `upstream app {\n    server app-backend:8080;\n    keepalive 32;${t ? `\n    keepalive_timeout ${t};` : ''}\n}\n`,
    },
  }),
  closesOnKeepaliveLine: (t) => ({
    main: `    upstream app {\n        server app-backend:8080;${t ? `\n        keepalive_timeout ${t};` : ''}\n        keepalive 32; }\n`,
  }),
};

const timeouts = ['', '75s', '1m30s', '20d', '30d', '500ms', '2h', '"90s"', '3600000ms', '10s'];

/** Routes that reuse connections (with the newest defaults or spelled out): races. */
const reusing: Record<string, (pass: string) => string> = {
  plain: (pass) => `        location / {\n            ${pass}\n        }\n`,
  spelled: (pass) =>
    `        location /api/ {\n            ${pass}\n            proxy_http_version 1.1;\n            proxy_set_header Connection "";\n        }\n`,
  inIf: (pass) =>
    `        location / {\n            if ($request_method = POST) {\n                ${pass}\n            }\n            return 404;\n        }\n`,
  oneLine: (pass) => `        location /x/ { ${pass} }\n`,
};

/** Routes that lose their keep-alive (checked with nginx 1.24.0, whose defaults are HTTP/1.0 and close). */
const losing: Record<string, { server: string; location: string; extra?: Files }> = {
  defaults: { server: '', location: '            proxy_pass http://app;\n' },
  http10Own: {
    server: '',
    location: '            proxy_http_version 1.0;\n            proxy_pass http://app;\n            proxy_set_header Connection "";\n',
  },
  http10Server: {
    server: '        proxy_http_version 1.0;\n        proxy_set_header Connection "";\n',
    location: '            proxy_pass http://app;\n',
  },
  closeOwn: {
    server: '        proxy_http_version 1.1;\n',
    location:
      '            proxy_pass http://app;\n            proxy_set_header Host $host;\n            proxy_set_header Connection close;\n',
  },
  closeServer: {
    server:
      '        proxy_http_version 1.1;\n        proxy_set_header Host $host;\n        proxy_set_header Connection "close";\n        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n',
    location: '            proxy_pass http://app;\n',
  },
  dropped: {
    server: '        proxy_http_version 1.1;\n        proxy_set_header Connection "";\n',
    location: '            proxy_set_header X-Real-IP $remote_addr;\n            proxy_pass http://app;\n',
  },
  inIf: { server: '', location: '            if ($http_x_debug) {\n                proxy_pass http://app;\n            }\n' },
  inLimitExcept: {
    server: '        proxy_set_header Host $host;\n',
    location: '            limit_except GET HEAD {\n                proxy_pass http://app;\n            }\n',
  },
  inSnippet: {
    server: '        proxy_http_version 1.1;\n',
    location: '            include snippets/proxy.conf;\n',
    extra: { 'nginx/snippets/proxy.conf': 'proxy_pass http://app;\nproxy_set_header Host $host;\n' },
  },
  websocket: {
    server: '        proxy_http_version 1.1;\n',
    location:
      '            proxy_set_header Upgrade $http_upgrade;\n            proxy_set_header Connection $connection_upgrade;\n            proxy_pass http://app;\n',
  },
  brokenInherited: {
    server: '        proxy_http_version 1.1;\n        proxy_set_header Host $host extra;\n        proxy_set_header X-Id $request_id;\n',
    location: '            proxy_pass http://app;\n',
  },
  quotedHeaders: {
    server: '        proxy_set_header "X-Quoted" \'a b\';\n        proxy_set_header X-Esc "a\\"b";\n',
    location: '            proxy_pass http://app/prefix/;\n',
  },
};

const websocketMap = "    map $http_upgrade $connection_upgrade {\n        default upgrade;\n        ''      close;\n    }\n";

/** Tomcat connectors by style, each with the catalina.properties it needs. */
const connectors: Record<string, (idle: number) => { xml: string; properties?: string }> = {
  inline: (idle) => ({ xml: `<Connector port="8080" protocol="HTTP/1.1" connectionTimeout="${idle}" redirectPort="8443" />` }),
  perLine: (idle) => ({
    xml: `<Connector port="8080"\n               protocol="HTTP/1.1"\n               connectionTimeout="${idle}"\n               redirectPort="8443" />`,
  }),
  bare: () => ({ xml: '<Connector port="8080"/>' }),
  withChildren: (idle) => ({
    xml: `<Connector port="8080" protocol="org.apache.coyote.http11.Http11NioProtocol" keepAliveTimeout="${idle}">\n      <UpgradeProtocol className="org.apache.coyote.http2.Http2Protocol" />\n    </Connector>`,
  }),
  propertyKeepAlive: (idle) => ({
    xml: '<Connector port="${http.port}" keepAliveTimeout="${http.keepAliveTimeout}" />',
    properties: `# generated\nhttp.port=8080\nhttp.keepAliveTimeout=${idle}\n`,
  }),
  propertyConnection: (idle) => ({
    xml: '<Connector port="8080" connectionTimeout="${http.timeout}" maxThreads="50"/>',
    properties: `http.timeout = ${idle}\n`,
  }),
  propertyDefault: (idle) => ({
    xml: `<Connector port="8080" keepAliveTimeout="\${undefined.keepalive:-${idle}}" />`,
    properties: 'other=1\n',
  }),
  nio2: (idle) => ({
    xml: `<Connector port="8080" protocol="org.apache.coyote.http11.Http11Nio2Protocol" connectionTimeout="${idle}" keepAliveTimeout="${idle}" />`,
  }),
  executor: (idle) => ({
    xml: `<Executor name="pool" namePrefix="exec-" maxThreads="20" minSpareThreads="2"/>\n    <Connector executor="pool" port="8080" connectionTimeout="${idle}" />`,
  }),
  singleQuotes: (idle) => ({ xml: `<Connector port='8080' connectionTimeout='${idle}' />` }),
};

const idles = [7000, 20000, 1000, 60000, 1500];

/** Margins a user may set, the extreme ones included: the fix values must stay in range whatever they are. */
const margins: Partial<AnalysisSettings['fix']>[] = [
  {},
  { upstreamMarginPercent: 0, upstreamMarginMinSeconds: 0, proxyMarginPercent: 0, proxyMarginMinSeconds: 0 },
  { upstreamMarginPercent: 1e308, proxyMarginPercent: 1e308 },
  { upstreamMarginMinSeconds: 1e9, proxyMarginMinSeconds: 1e9 },
  { upstreamMarginPercent: Infinity, proxyMarginMinSeconds: Infinity },
  { upstreamMarginPercent: NaN, upstreamMarginMinSeconds: -5, proxyMarginPercent: NaN, proxyMarginMinSeconds: -1 },
  { upstreamMarginPercent: 0.5, proxyMarginPercent: 33.3 },
];

function crlf(files: Files): Files {
  return Object.fromEntries(Object.entries(files).map(([rel, text]) => [rel, text.replace(/\r?\n/g, '\r\n')]));
}

function serverXml(connector: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Server port="-1" shutdown="SHUTDOWN">\n  <Service name="Catalina">\n    ${connector}\n  </Service>\n</Server>\n`;
}

function pick<T>(record: Record<string, T>, i: number, stride: number): [string, T] {
  const keys = Object.keys(record);
  const key = keys[(i * stride) % keys.length];
  return [key, record[key]];
}

export function generatedFixtures(count: number): Fixture[] {
  const fixtures: Fixture[] = [];
  for (let i = 0; i < count; i++) {
    const [upstreamName, upstream] = pick(upstreams, i, 1);
    const timeout = timeouts[(i * 3) % timeouts.length];
    const [connectorName, connector] = pick(connectors, i, 7);
    const idle = idles[(i * 11) % idles.length];
    const margin = margins[(i * 5) % margins.length];
    const up = upstream(timeout);
    const tomcat = connector(idle);
    let files: Files;
    let version: string | undefined;
    let routeName: string;
    if (i % 2 === 0) {
      const [name, route] = pick(reusing, i >> 1, 3);
      routeName = name;
      files = {
        'nginx/nginx.conf': `events {}\nhttp {\n${up.main}    server {\n        listen 127.0.0.1:8000;\n${route('proxy_pass http://app;')}    }\n}\n`,
        ...up.extra,
      };
    } else {
      const [name, route] = pick(losing, i >> 1, 5);
      routeName = name;
      version = '1.24.0';
      const map = name === 'websocket' ? websocketMap : '';
      files = {
        'nginx/nginx.conf': `events {}\nhttp {\n${map}${up.main}    server {\n        listen 127.0.0.1:8000;\n${route.server}        location /api/ {\n${route.location}        }\n    }\n}\n`,
        ...up.extra,
        ...route.extra,
      };
    }
    files['tomcat/conf/server.xml'] = serverXml(tomcat.xml);
    if (tomcat.properties) files['tomcat/conf/catalina.properties'] = tomcat.properties;
    const lineEnds = i % 3 === 2 ? 'crlf' : 'lf';
    if (lineEnds === 'crlf') files = crlf(files);
    const name = `generated ${i}: upstream ${upstreamName} ${timeout || '(default)'}, route ${routeName}, connector ${connectorName} ${idle}, ${lineEnds}, margins ${JSON.stringify(margin)}${version ? `, nginx ${version}` : ''}`;
    fixtures.push({ name, source: 'generated', files, settings: defaultSettingsWith(margin, version) });
  }
  return fixtures;
}
