import type { CheckCases, InvalidCase } from '../cases';

/** An nginx.conf with one upstream and one proxying location; each part replaceable. */
function nginx(
  upstream: string,
  location = 'proxy_pass http://app;\n            proxy_http_version 1.1;\n            proxy_set_header Connection "";',
  extraHttp = '',
): string {
  return `events {}
http {
    upstream app {
        server 10.0.0.21:8080;
${upstream}
    }
${extraHttp}
    server {
        listen 80;
        location / {
            ${location}
        }
    }
}
`;
}

function serverXml(connector: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Server port="8005" shutdown="SHUTDOWN">
  <Service name="Catalina">
    ${connector}
  </Service>
</Server>
`;
}

const keepalive = '        keepalive 32;';
const conf = 'nginx/nginx.conf';
const xml = 'tomcat/conf/server.xml';
const reusing = 'proxy_pass http://app;\n            proxy_http_version 1.1;\n            proxy_set_header Connection "";';
const racingTomcat = serverXml('<Connector port="8080" connectionTimeout="7000" />');

/** nginx() with `lines` added at the server level (after `listen 80;`). */
function withServerLevel(lines: string, location = reusing): string {
  return nginx(keepalive, location).replace('listen 80;', `listen 80;\n        ${lines}`);
}

/** nginx(keepalive) after the lowering: keepalive_timeout right after the keepalive line, indented alike. */
function lowered(value: string): string {
  return nginx(`${keepalive}\n        keepalive_timeout ${value};`);
}

/** The fixes' titles, as the cases pin them. */
const raiseTitle = (ms: number, nginxTimeout: string) => `Set Tomcat keepAliveTimeout to ${ms} ms (longer than nginx's ${nginxTimeout})`;
const lowerTitle = (to: string, tomcatTimeout: string) =>
  `Lower nginx upstream keepalive_timeout to ${to} (shorter than Tomcat's ${tomcatTimeout})`;

const removeTitle = 'Remove "keepalive 32" from upstream app (nginx 1.14.2 never times out idle upstream connections)';

/**
 * The two findings of a race on the seed files, with the severity, the outcome their first
 * sentence names, and the words their related information carries (what nginx retries, and why).
 */
function race(severity: 'warning' | 'info', outcome: string, related: string[]): InvalidCase['findings'] {
  return [
    {
      file: conf,
      line: 3,
      text: 'upstream app',
      severity,
      message: ['Tomcat closes idle connections after 7s, nginx keeps them 60s: ' + outcome],
      related,
    },
    {
      file: xml,
      line: 4,
      text: '7000',
      severity,
      message: ['upstream app keeps idle connections 60s, Tomcat closes them after 7s: ' + outcome],
      related,
    },
  ];
}

export const cases: CheckCases = {
  valid: [
    {
      name: 'FastCGI is left alone: fastcgi_keep_conn on with upstream keepalive to a php-fpm pool, which never idles a connection out',
      files: {
        [conf]: nginx(
          '        keepalive 8;',
          'fastcgi_pass app;\n            fastcgi_keep_conn on;\n            include fastcgi_params;',
        ).replace('10.0.0.21:8080', '127.0.0.1:9000'),
        'php-fpm.d/www.conf': '[www]\nlisten = 127.0.0.1:9000\npm = static\npm.max_children = 4\n',
      },
    },
    {
      name: 'Tomcat keeps idle connections longer than nginx (90s against 60s)',
      files: { [conf]: nginx(keepalive), [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" keepAliveTimeout="90000" />') },
    },
    {
      name: 'nginx gives up first (keepalive_timeout 5s against 7s)',
      files: {
        [conf]: nginx(`${keepalive}\n        keepalive_timeout 5s;`),
        [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" />'),
      },
    },
    {
      name: 'before 1.29.7 without keepalive: no connection cache',
      settings: { nginx: { version: '1.24.0' } },
      files: { [conf]: nginx(''), [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" />') },
    },
    {
      name: 'keepalive 0 turns the cache off',
      files: { [conf]: nginx('        keepalive 0;'), [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" />') },
    },
    {
      name: 'before 1.29.7, HTTP/1.0 (default) does not reuse',
      settings: { nginx: { version: '1.26.3' } },
      files: { [conf]: nginx(keepalive, 'proxy_pass http://app;'), [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" />') },
    },
    {
      name: 'Connection: close does not reuse',
      files: {
        [conf]: nginx(
          keepalive,
          'proxy_pass http://app;\n            proxy_http_version 1.1;\n            proxy_set_header Connection close;',
        ),
        [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" />'),
      },
    },
    {
      name: 'before 1.29.7, a location\'s own proxy_set_header drops the server\'s Connection ""',
      settings: { nginx: { version: '1.24.0' } },
      files: {
        [conf]: nginx(
          keepalive,
          'proxy_pass http://app;\n            proxy_http_version 1.1;\n            proxy_set_header Host $host;',
        ).replace('listen 80;', 'listen 80;\n        proxy_set_header Connection "";'),
        [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" />'),
      },
    },
    {
      name: '$connection_upgrade map gives "close" to plain requests',
      files: {
        [conf]: nginx(
          keepalive,
          'proxy_pass http://app;\n            proxy_http_version 1.1;\n            proxy_set_header Upgrade $http_upgrade;\n            proxy_set_header Connection $connection_upgrade;',
          "    map $http_upgrade $connection_upgrade {\n        default upgrade;\n        ''      close;\n    }",
        ),
        [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" />'),
      },
    },
    {
      name: 'a proxy_pass to a literal address keeps no connections',
      files: {
        [conf]: nginx(
          keepalive,
          'proxy_pass http://10.0.0.21:8080;\n            proxy_http_version 1.1;\n            proxy_set_header Connection "";',
        ),
        [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" />'),
      },
    },
    {
      name: 'nginx 1.15.3 times out idle connections: 60s under Tomcat 90s is safe',
      settings: { nginx: { version: '1.15.3' } },
      files: { [conf]: nginx(keepalive), [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" keepAliveTimeout="90000" />') },
    },
    {
      name: 'nginx 1.14.2 against a Tomcat that never times out (keepAliveTimeout -1): nobody closes, no race',
      settings: { nginx: { version: '1.14.2' } },
      files: { [conf]: nginx(keepalive), [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" keepAliveTimeout="-1" />') },
    },
    {
      name: 'nginx 1.14.2 without keepalive keeps no cache: nothing to race',
      settings: { nginx: { version: '1.14.2' } },
      files: { [conf]: nginx(''), [xml]: racingTomcat },
    },
    {
      name: 'no location proxies to the upstream',
      files: { [conf]: nginx(keepalive, 'return 204;'), [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" />') },
    },
    {
      name: 'maxKeepAliveRequests="1" closes cleanly after each response',
      files: { [conf]: nginx(keepalive), [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" maxKeepAliveRequests="1" />') },
    },
    {
      name: 'keepAliveTimeout="-1" never times out',
      files: { [conf]: nginx(keepalive), [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" keepAliveTimeout="-1" />') },
    },
    {
      name: 'an AJP connector on the port is not what nginx talks to',
      files: { [conf]: nginx(keepalive), [xml]: serverXml('<Connector port="8080" protocol="AJP/1.3" connectionTimeout="7000" />') },
    },
    {
      name: 'the upstream port matches no connector',
      files: { [conf]: nginx(keepalive), [xml]: serverXml('<Connector port="9090" connectionTimeout="7000" />') },
    },
    {
      name: 'a commented-out connector is not read',
      files: { [conf]: nginx(keepalive), [xml]: serverXml('<!-- <Connector port="8080" connectionTimeout="7000" /> -->') },
    },
    {
      name: 'a grpc_pass upstream reuses connections, but its gRPC server is not what the Tomcat connector is',
      files: { [conf]: nginx(keepalive, 'grpc_pass grpc://app;'), [xml]: racingTomcat },
    },
    {
      name: "a fastcgi_pass upstream with fastcgi_keep_conn on reuses, but PHP-FPM's timeouts are not read",
      files: { [conf]: nginx(keepalive, 'fastcgi_pass app;\n            fastcgi_keep_conn on;'), [xml]: racingTomcat },
    },
    {
      name: 'keepAliveTimeout from catalina.properties is longer',
      files: {
        [conf]: nginx(keepalive),
        [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" keepAliveTimeout="${http.keepalive}" />'),
        'tomcat/conf/catalina.properties': 'http.keepalive=90000\n',
      },
    },
  ],
  invalid: [
    {
      name: 'the seed incident: connectionTimeout 7s, nginx default 60s',
      files: {
        [conf]: nginx(keepalive),
        [xml]: serverXml('<Connector port="8080" protocol="HTTP/1.1" connectionTimeout="7000" redirectPort="8443" />'),
      },
      findings: [
        {
          file: conf,
          line: 3,
          text: 'upstream app',
          severity: 'warning',
          message: ['Tomcat closes idle connections after 7s, nginx keeps them 60s: POSTs may get 502'],
          related: [
            'connectionTimeout, keepAliveTimeout unset',
            'keepalive_timeout unset, nginx default',
            'proxy_next_upstream lacks non_idempotent',
          ],
          relatedFiles: [xml, conf, conf],
          fixes: [
            "Set Tomcat keepAliveTimeout to 90000 ms (longer than nginx's 60s)",
            "Lower nginx upstream keepalive_timeout to 6s (shorter than Tomcat's 7s)",
          ],
        },
        {
          file: xml,
          line: 4,
          text: '7000',
          severity: 'warning',
          message: ['upstream app keeps idle connections 60s, Tomcat closes them after 7s: POSTs may get 502'],
          related: ['Tomcat closes idle connections after 7s here: connectionTimeout, keepAliveTimeout unset', '502 Bad Gateway'],
          relatedFiles: [conf, xml, conf],
        },
      ],
      fixed: {
        [xml]: serverXml(
          '<Connector port="8080" protocol="HTTP/1.1" connectionTimeout="7000" keepAliveTimeout="90000" redirectPort="8443" />',
        ),
      },
      fixedBy: { [lowerTitle('6s', '7s')]: { [conf]: lowered('6s') } },
    },
    {
      name: 'retries: by default POSTs fail and idempotent requests are retried (warning)',
      files: { [conf]: nginx(keepalive), [xml]: racingTomcat },
      findings: race('warning', 'POSTs may get 502', [
        'POSTs racing the close get 502 Bad Gateway',
        'GET, HEAD, PUT and DELETE are retried',
        'location / in server: proxy_next_upstream lacks non_idempotent (unset, nginx default "error timeout")',
      ]),
    },
    {
      name: 'retries: non_idempotent inherited from the server level retries every request (info)',
      files: { [conf]: withServerLevel('proxy_next_upstream error timeout non_idempotent;'), [xml]: racingTomcat },
      findings: race('info', 'nginx retries racing requests', [
        'the race costs a retry, not a 502',
        'proxy_next_upstream has error and non_idempotent ("error timeout non_idempotent" at nginx/nginx.conf:10)',
      ]),
    },
    {
      name: 'retries: inherited from http through server to location',
      files: { [conf]: nginx(keepalive, reusing, '    proxy_next_upstream error non_idempotent;'), [xml]: racingTomcat },
      findings: race('info', 'nginx retries racing requests', ['the race costs a retry']),
    },
    {
      name: "retries: a location that overrides the server's non_idempotent is the worst route, and the others are counted",
      files: {
        [conf]: withServerLevel(
          'proxy_next_upstream error timeout non_idempotent;',
          `${reusing}\n        }\n        location /api {\n            ${reusing}\n            proxy_next_upstream error timeout;`,
        ),
        [xml]: racingTomcat,
      },
      findings: race('warning', 'POSTs may get 502', [
        'POSTs racing the close get 502',
        'location /api in server: proxy_next_upstream lacks non_idempotent ("error timeout" at nginx/nginx.conf:20)',
        'the worst of 2 locations proxying here',
      ]),
    },
    {
      name: 'retries: proxy_next_upstream off retries nothing',
      files: { [conf]: nginx(keepalive, `${reusing}\n            proxy_next_upstream off;`), [xml]: racingTomcat },
      findings: race('warning', 'requests may get 502', [
        'every request racing the close gets 502 Bad Gateway (nothing is retried',
        'proxy_next_upstream is off ("off" at nginx/nginx.conf:14)',
      ]),
    },
    {
      name: 'retries: proxy_next_upstream without error retries nothing a race causes',
      files: { [conf]: withServerLevel('proxy_next_upstream timeout http_502 non_idempotent;'), [xml]: racingTomcat },
      findings: race('warning', 'requests may get 502', ['every request racing the close gets 502', 'proxy_next_upstream lacks error']),
    },
    {
      name: 'retries: proxy_request_buffering off fails requests whose body is streamed, even with non_idempotent',
      files: {
        [conf]: nginx(
          keepalive,
          `${reusing}\n            proxy_next_upstream error non_idempotent;\n            proxy_request_buffering off;`,
        ),
        [xml]: racingTomcat,
      },
      findings: race('warning', 'streamed uploads may get 502', [
        'requests whose body nginx streams get 502 Bad Gateway',
        'requests without a body, or whose body was read in full, are retried',
        'proxy_request_buffering is off ("off" at nginx/nginx.conf:15)',
      ]),
    },
    {
      name: 'retries: proxy_request_buffering off from the server level with the default proxy_next_upstream',
      files: { [conf]: withServerLevel('proxy_request_buffering off;'), [xml]: racingTomcat },
      findings: race('warning', 'POSTs may get 502', [
        'POSTs racing the close get 502',
        'any request whose body nginx streams',
        'proxy_next_upstream lacks non_idempotent',
        'and proxy_request_buffering is off',
      ]),
    },
    {
      name: 'retries: proxy_next_upstream_tries 1 does not stop the retry of a failed cached connection',
      files: {
        [conf]: nginx(
          keepalive,
          `${reusing}\n            proxy_next_upstream error non_idempotent;\n            proxy_next_upstream_tries 1;`,
        ),
        [xml]: racingTomcat,
      },
      findings: race('info', 'nginx retries racing requests', ['the race costs a retry']),
    },
    {
      name: 'a grpc_pass next to a proxy_pass: only the proxy_pass route is judged',
      files: {
        [conf]: nginx(keepalive, `${reusing}\n        }\n        location /rpc {\n            grpc_pass app;`),
        [xml]: racingTomcat,
      },
      findings: race('warning', 'POSTs may get 502', ['location / in server: proxy_next_upstream lacks non_idempotent (unset']),
    },
    {
      name: 'explicit keepalive_timeout 75s against keepAliveTimeout 60000 underlines both values',
      files: {
        [conf]: nginx(`${keepalive}\n        keepalive_timeout 75s;`),
        [xml]: serverXml('<Connector port="8080" connectionTimeout="20000" keepAliveTimeout="60000" />'),
      },
      findings: [
        {
          file: conf,
          line: 6,
          text: '75s',
          message: ['Tomcat closes idle connections after 60s, nginx keeps them 75s'],
          related: ['keepalive_timeout in nginx/nginx.conf'],
          fixes: [
            "Set Tomcat keepAliveTimeout to 113000 ms (longer than nginx's 75s)",
            "Lower nginx upstream keepalive_timeout to 54s (shorter than Tomcat's 60s)",
          ],
        },
        { file: xml, line: 4, text: '60000', message: ['60s'], related: ['here: keepAliveTimeout'] },
      ],
      fixed: { [xml]: serverXml('<Connector port="8080" connectionTimeout="20000" keepAliveTimeout="113000" />') },
      fixedBy: { [lowerTitle('54s', '60s')]: { [conf]: lowered('54s') } },
    },
    {
      name: 'equal timeouts race: Spring Boot-like 60s default against nginx 60s',
      files: { [conf]: nginx(keepalive), [xml]: serverXml('<Connector port="8080" />') },
      findings: [
        { file: conf, line: 3, text: 'upstream app', message: ['after 60s, nginx keeps them 60s'] },
        { file: xml, line: 4, text: 'Connector', related: ['Tomcat default', 'both fire together'] },
      ],
      fixed: { [xml]: serverXml('<Connector port="8080" keepAliveTimeout="90000" />') },
      fixedBy: { [lowerTitle('54s', '60s')]: { [conf]: lowered('54s') } },
    },
    {
      // Seen with Tomcat 10.1: "failed to set property [keepAliveTimeout] to [ 90000]", and the default applies.
      name: 'a keepAliveTimeout with a space in its quotes is one Tomcat cannot set: connectionTimeout decides',
      files: { [conf]: nginx(keepalive), [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" keepAliveTimeout=" 90000" />') },
      findings: [
        { file: conf, line: 3, text: 'upstream app', message: ['7s'], related: ['keepAliveTimeout not a number Tomcat can set'] },
        { file: xml, line: 4, text: '7000', message: ['7s'], related: ['keepAliveTimeout not a number Tomcat can set'] },
      ],
      fixed: { [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" keepAliveTimeout="90000" />') },
      fixedBy: { [lowerTitle('6s', '7s')]: { [conf]: lowered('6s') } },
    },
    {
      name: 'since 1.29.7 a config with no keepalive lines at all races, and the message says defaults decided',
      files: { [conf]: nginx('', 'proxy_pass http://app;'), [xml]: serverXml('<Connector port="8080" connectionTimeout="20000" />') },
      findings: [
        { file: conf, line: 3, text: 'upstream app', related: ['by default', 'timeoutChain.nginx.version'] },
        { file: xml, line: 4, text: '20000', message: ['20s'] },
      ],
      fixedBy: {
        [raiseTitle(90000, '60s')]: { [xml]: serverXml('<Connector port="8080" connectionTimeout="20000" keepAliveTimeout="90000" />') },
        // No keepalive line to follow: after the last server line.
        [lowerTitle('18s', '20s')]: { [conf]: nginx('        keepalive_timeout 18s;\n', 'proxy_pass http://app;') },
      },
    },
    {
      name: 'the lowered nginx value is inserted after the keepalive line with the same indentation',
      files: { [conf]: nginx(keepalive), [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" />') },
      findings: [
        { file: conf, line: 3, text: 'upstream app' },
        { file: xml, line: 4, text: '7000' },
      ],
      fixedBy: {
        [raiseTitle(90000, '60s')]: { [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" keepAliveTimeout="90000" />') },
        [lowerTitle('6s', '7s')]: {
          [conf]: nginx(keepalive).replace('        keepalive 32;\n', '        keepalive 32;\n        keepalive_timeout 6s;\n'),
        },
      },
    },
    {
      name: 'multi-line Connector: the new attribute goes on its own line',
      files: {
        [conf]: nginx(keepalive),
        [xml]: serverXml(
          '<Connector port="8080" protocol="HTTP/1.1"\n               connectionTimeout="7000"\n               redirectPort="8443" />',
        ),
      },
      findings: [
        { file: conf, line: 3, text: 'upstream app' },
        { file: xml, line: 5, text: '7000' },
      ],
      fixed: {
        [xml]: serverXml(
          '<Connector port="8080" protocol="HTTP/1.1"\n               connectionTimeout="7000"\n               keepAliveTimeout="90000"\n               redirectPort="8443" />',
        ),
      },
      fixedBy: { [lowerTitle('6s', '7s')]: { [conf]: lowered('6s') } },
    },
    {
      name: 'a value from catalina.properties is fixed in catalina.properties',
      files: {
        [conf]: nginx(keepalive),
        [xml]: serverXml('<Connector port="${http.port}" keepAliveTimeout="${http.keepalive}" />'),
        'tomcat/conf/catalina.properties': 'http.port=8080\nhttp.keepalive=30000\n',
      },
      findings: [
        { file: conf, line: 3, text: 'upstream app' },
        { file: xml, line: 4, text: '${http.keepalive}', message: ['30s'] },
      ],
      fixed: { 'tomcat/conf/catalina.properties': 'http.port=8080\nhttp.keepalive=90000\n' },
      fixedBy: { [lowerTitle('27s', '30s')]: { [conf]: lowered('27s') } },
    },
    {
      name: 'keepalive_timeout 20d: the raise is clamped to the largest int Tomcat accepts, which still beats nginx',
      files: { [conf]: nginx(`${keepalive}\n        keepalive_timeout 20d;`), [xml]: racingTomcat },
      findings: [
        {
          file: conf,
          line: 6,
          text: '20d',
          fixes: [
            "Set Tomcat keepAliveTimeout to 2147483647 ms (longer than nginx's 1728000s; the most Tomcat accepts)",
            "Lower nginx upstream keepalive_timeout to 6s (shorter than Tomcat's 7s)",
          ],
        },
        { file: xml, line: 4, text: '7000' },
      ],
      fixed: { [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" keepAliveTimeout="2147483647" />') },
      fixedBy: { [lowerTitle('6s', '7s')]: { [conf]: lowered('6s') } },
    },
    {
      name: 'keepalive_timeout 30d is beyond any int Tomcat accepts: no raise, the lowering is the fix',
      files: { [conf]: nginx(`${keepalive}\n        keepalive_timeout 30d;`), [xml]: racingTomcat },
      findings: [
        { file: conf, line: 6, text: '30d', fixes: ["Lower nginx upstream keepalive_timeout to 6s (shorter than Tomcat's 7s)"] },
        { file: xml, line: 4, text: '7000' },
      ],
      fixed: { [conf]: nginx(`${keepalive}\n        keepalive_timeout 6s;`) },
    },
    {
      name: 'a raise through catalina.properties is clamped the same way',
      files: {
        [conf]: nginx(`${keepalive}\n        keepalive_timeout 20d;`),
        [xml]: serverXml('<Connector port="8080" keepAliveTimeout="${http.keepalive}" />'),
        'tomcat/conf/catalina.properties': 'http.keepalive=30000\n',
      },
      findings: [
        { file: conf, line: 6, text: '20d' },
        { file: xml, line: 4, text: '${http.keepalive}' },
      ],
      fixed: { 'tomcat/conf/catalina.properties': 'http.keepalive=2147483647\n' },
      fixedBy: { [lowerTitle('27s', '30s')]: { [conf]: lowered('27s') } },
    },
    {
      name: 'nginx 1.14.2 sets no idle timer: it keeps connections until Tomcat closes them, and the fix removes keepalive',
      settings: { nginx: { version: '1.14.2' } },
      files: { [conf]: nginx(keepalive), [xml]: racingTomcat },
      findings: [
        {
          file: conf,
          line: 3,
          text: 'upstream app',
          message: ['Tomcat closes idle connections after 7s, nginx 1.14.2 keeps them until then: POSTs may get 502'],
          related: ['no upstream keepalive_timeout (that came in nginx 1.15.3)', 'upgrade nginx'],
          fixes: [removeTitle],
        },
        {
          file: xml,
          line: 4,
          text: '7000',
          message: ['upstream app keeps idle connections until Tomcat closes them (7s; nginx 1.14.2): POSTs may get 502'],
        },
      ],
      fixed: { [conf]: nginx(keepalive).replace('        keepalive 32;\n', '') },
    },
    {
      name: 'nginx 1.14.2: even 90s in Tomcat races, since nginx never times out; raising is no fix',
      settings: { nginx: { version: '1.14.2' } },
      files: { [conf]: nginx(keepalive), [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" keepAliveTimeout="90000" />') },
      findings: [
        { file: conf, line: 3, text: 'upstream app', message: ['after 90s, nginx 1.14.2 keeps them until then'], fixes: [removeTitle] },
        { file: xml, line: 4, text: '90000' },
      ],
      fixed: { [conf]: nginx(keepalive).replace('        keepalive 32;\n', '') },
    },
    {
      name: 'nginx 1.15.3 has the idle timer: 60s against 7s offers both the raise and the lowering',
      settings: { nginx: { version: '1.15.3' } },
      files: { [conf]: nginx(keepalive), [xml]: racingTomcat },
      findings: [
        {
          file: conf,
          line: 3,
          text: 'upstream app',
          message: ['nginx keeps them 60s'],
          fixes: [raiseTitle(90000, '60s'), lowerTitle('6s', '7s')],
        },
        { file: xml, line: 4, text: '7000' },
      ],
      fixed: { [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" keepAliveTimeout="90000" />') },
      fixedBy: { [lowerTitle('6s', '7s')]: { [conf]: lowered('6s') } },
    },
    {
      name: 'an upstream written on one line: the lowering goes inside its braces',
      files: {
        [conf]:
          'events {}\nhttp {\n    upstream app { server 10.0.0.21:8080; keepalive 32; }\n    server { location / { proxy_pass http://app; } }\n}\n',
        [xml]: racingTomcat,
      },
      findings: [
        {
          file: conf,
          line: 3,
          text: 'upstream app',
          fixes: [
            "Set Tomcat keepAliveTimeout to 90000 ms (longer than nginx's 60s)",
            "Lower nginx upstream keepalive_timeout to 6s (shorter than Tomcat's 7s)",
          ],
        },
        { file: xml, line: 4, text: '7000' },
      ],
      fixedBy: {
        [raiseTitle(90000, '60s')]: { [xml]: serverXml('<Connector port="8080" connectionTimeout="7000" keepAliveTimeout="90000" />') },
        [lowerTitle('6s', '7s')]: {
          [conf]:
            'events {}\nhttp {\n    upstream app { server 10.0.0.21:8080; keepalive 32; keepalive_timeout 6s; }\n    server { location / { proxy_pass http://app; } }\n}\n',
        },
      },
    },
    {
      name: 'CRLF server.xml with one attribute per line: the new attribute gets its own CRLF line',
      files: {
        [conf]: nginx(keepalive),
        [xml]: serverXml(
          '<Connector port="8080"\n               connectionTimeout="7000"\n               redirectPort="8443"/>',
        ).replaceAll('\n', '\r\n'),
      },
      findings: [
        { file: conf, line: 3, text: 'upstream app' },
        { file: xml, line: 5, text: '7000' },
      ],
      fixed: {
        [xml]: serverXml(
          '<Connector port="8080"\n               connectionTimeout="7000"\n               keepAliveTimeout="90000"\n               redirectPort="8443"/>',
        ).replaceAll('\n', '\r\n'),
      },
      fixedBy: { [lowerTitle('6s', '7s')]: { [conf]: lowered('6s') } },
    },
  ],
};
