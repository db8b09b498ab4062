import type { CheckCases } from '../cases';

const conf = 'nginx/nginx.conf';
const old = { nginx: { version: '1.26.3' } };
const nginx = (server: string, location: string, upstream = '        keepalive 16;') =>
  `events {}\nhttp {\n    upstream app {\n        server 10.0.0.1:8080;\n${upstream}\n    }\n    server {\n        server_name app.example.com;\n${server}\n        location /api/ {\n${location}\n            proxy_pass http://app;\n        }\n    }\n}\n`;

/** One snippet holding the proxy_pass, included from two locations that inherit differently. */
const snippetTwice = {
  [conf]:
    'events {}\nhttp {\n    upstream app {\n        server 10.0.0.1:8080;\n        keepalive 16;\n    }\n    server {\n        server_name app.example.com;\n        proxy_http_version 1.1;\n        proxy_set_header Connection "";\n        location /a/ {\n            include snippets/pass.conf;\n        }\n        location /b/ {\n            proxy_set_header Host $host;\n            include snippets/pass.conf;\n        }\n    }\n}\n',
  'nginx/snippets/pass.conf': 'proxy_pass http://app;\n',
};

/** A location whose proxy_pass sits in an `if` or `limit_except` block; `added` goes after the location's `{`. */
const ifOrLimit = (block: string, added = '') =>
  `events {}\nhttp {\n    upstream app {\n        server 10.0.0.1:8080;\n        keepalive 16;\n    }\n    server {\n        location /api/ {${added}\n            ${block} {\n                proxy_pass http://app;\n            }\n        }\n    }\n}\n`;

/** The WebSocket recipe with the given '' entry. */
const websocket = (emptyEntry: string) =>
  `events {}\nhttp {\n    map $http_upgrade $connection_upgrade {\n        default upgrade;\n        ${emptyEntry}\n    }\n    upstream app {\n        server 10.0.0.1:8080;\n        keepalive 16;\n    }\n    server {\n        location /ws/ {\n            proxy_http_version 1.1;\n            proxy_set_header Upgrade $http_upgrade;\n            proxy_set_header Connection $connection_upgrade;\n            proxy_set_header Host $host;\n            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n            proxy_pass http://app;\n        }\n    }\n}\n`;

export const cases: CheckCases = {
  valid: [
    {
      name: 'HTTP/1.1 and Connection "" inherited from the server',
      settings: old,
      files: { [conf]: nginx('        proxy_http_version 1.1;\n        proxy_set_header Connection "";', '') },
    },
    { name: 'no keepalive cache asked for: nothing to lose', settings: old, files: { [conf]: nginx('', '', '') } },
    { name: 'from 1.29.7 the defaults reuse', files: { [conf]: nginx('', '') } },
    {
      name: "fastcgi_pass without fastcgi_keep_conn and grpc_pass are not proxy_pass routes: not this check's",
      settings: old,
      files: {
        [conf]: nginx(
          '        proxy_http_version 1.1;\n        proxy_set_header Connection "";\n        location /php { fastcgi_pass app; }\n        location /rpc { grpc_pass grpc://app; }',
          '',
        ),
      },
    },
    {
      name: 'the location repeats Connection "" with its own headers',
      settings: old,
      files: {
        [conf]: nginx(
          '        proxy_http_version 1.1;\n        proxy_set_header Connection "";',
          '            proxy_set_header Host $host;\n            proxy_set_header Connection "";',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'a snippet included from two locations is judged in each: only the one that drops Connection "" loses reuse',
      settings: old,
      files: snippetTwice,
      findings: [
        {
          file: 'nginx/snippets/pass.conf',
          line: 1,
          text: 'http://app',
          message: ['proxy_pass sends "Connection: close": upstream app\'s keepalive cache is wasted'],
          related: ['location /b/', 'not inherited'],
          fixes: ['Add proxy_set_header Connection "" to location /b/'],
        },
      ],
      // Into the location that loses the header, not into the snippet /a/ shares.
      fixed: {
        [conf]: snippetTwice[conf].replace('location /b/ {', 'location /b/ {\n            proxy_set_header Connection "";'),
        'nginx/snippets/pass.conf': snippetTwice['nginx/snippets/pass.conf'],
      },
    },
    {
      name: 'a location\'s own proxy_set_header drops the inherited Connection ""',
      settings: old,
      files: {
        [conf]: nginx(
          '        proxy_http_version 1.1;\n        proxy_set_header Connection "";',
          '            proxy_set_header X-Real-IP $remote_addr;',
        ),
      },
      findings: [
        {
          file: conf,
          line: 13,
          text: 'http://app',
          severity: 'warning',
          message: ['"Connection: close"', "upstream app's keepalive cache is wasted"],
          related: ['location /api/', 'not inherited', 'nginx/nginx.conf:10', 'nginx/nginx.conf:12', 'after one request'],
          relatedFiles: [conf, conf, conf, conf, conf],
          fixes: ['Add proxy_set_header Connection "" to location /api/'],
        },
      ],
      fixed: {
        [conf]: nginx(
          '        proxy_http_version 1.1;\n        proxy_set_header Connection "";',
          '            proxy_set_header X-Real-IP $remote_addr;',
        ).replace('proxy_pass http://app;', 'proxy_pass http://app;\n            proxy_set_header Connection "";'),
      },
    },
    {
      name: 'defaults before 1.29.7: the fix carries the inherited headers along',
      settings: old,
      files: { [conf]: nginx('        proxy_set_header Host $host;', '') },
      findings: [
        {
          file: conf,
          line: 12,
          text: 'http://app',
          message: ['proxy_pass sends HTTP/1.0 and "Connection: close"'],
          related: ["HTTP/1.0: nginx's default in nginx 1.26.3", 'Connection: close": nginx\'s default in nginx 1.26.3'],
          fixes: ['Add 3 directives to location /api/'],
        },
      ],
      fixed: {
        [conf]: nginx('        proxy_set_header Host $host;', '').replace(
          'proxy_pass http://app;',
          'proxy_pass http://app;\n            proxy_http_version 1.1;\n            proxy_set_header Host $host;\n            proxy_set_header Connection "";',
        ),
      },
    },
    {
      name: 'an explicit HTTP/1.0 loses the cache in any version, and the fix changes it rather than adding a duplicate',
      files: { [conf]: nginx('', '            proxy_http_version 1.0;') },
      findings: [
        {
          file: conf,
          line: 12,
          text: 'http://app',
          message: ['sends HTTP/1.0:'],
          related: ['HTTP/1.0: proxy_http_version at nginx/nginx.conf:11'],
          fixes: ['Change proxy_http_version 1.0 to 1.1 in location /api/'],
        },
      ],
      fixed: { [conf]: nginx('', '            proxy_http_version 1.1;') },
    },
    {
      name: 'an HTTP/1.0 inherited from the server is overridden in the location, which has none of its own',
      files: { [conf]: nginx('        proxy_http_version 1.0;', '') },
      findings: [
        {
          file: conf,
          line: 12,
          text: 'http://app',
          message: ['sends HTTP/1.0:'],
          related: ['HTTP/1.0: proxy_http_version at nginx/nginx.conf:9'],
          fixes: ['Add proxy_http_version 1.1 to location /api/'],
        },
      ],
      fixed: {
        [conf]: nginx('        proxy_http_version 1.0;', '').replace(
          'proxy_pass http://app;',
          'proxy_pass http://app;\n            proxy_http_version 1.1;',
        ),
      },
    },
    {
      name: 'Connection close in the location is changed, not followed by a second Connection header',
      files: { [conf]: nginx('', '            proxy_set_header Connection close;') },
      findings: [
        {
          file: conf,
          line: 12,
          text: 'http://app',
          message: ['sends "Connection: close":'],
          related: ['"Connection: close": proxy_set_header at nginx/nginx.conf:11'],
          fixes: ['Change proxy_set_header Connection close to "" in location /api/'],
        },
      ],
      fixed: { [conf]: nginx('', '            proxy_set_header Connection "";') },
    },
    {
      name: 'HTTP/1.0 and Connection close both in the location: both changed in place',
      files: { [conf]: nginx('', '            proxy_http_version 1.0;\n            proxy_set_header Connection "close";') },
      findings: [
        {
          file: conf,
          line: 13,
          text: 'http://app',
          fixes: [
            'Change proxy_http_version 1.0 to 1.1 in location /api/; change proxy_set_header Connection "close" to "" in location /api/',
          ],
        },
      ],
      fixed: { [conf]: nginx('', '            proxy_http_version 1.1;\n            proxy_set_header Connection "";') },
    },
    {
      name: 'a proxy_pass inside if: the directives go to the enclosing location (nginx allows neither in if)',
      settings: old,
      files: { [conf]: ifOrLimit('if ($request_method = POST)') },
      findings: [
        {
          file: conf,
          line: 10,
          text: 'http://app',
          related: ['if ($request_method = POST) in location /api/'],
          fixes: ['Add 2 directives to location /api/'],
        },
      ],
      fixed: {
        [conf]: ifOrLimit(
          'if ($request_method = POST)',
          '\n            proxy_http_version 1.1;\n            proxy_set_header Connection "";',
        ),
      },
    },
    {
      name: 'a proxy_pass inside limit_except: the directives go to the enclosing location',
      settings: old,
      files: { [conf]: ifOrLimit('limit_except GET') },
      findings: [{ file: conf, line: 10, text: 'http://app', fixes: ['Add 2 directives to location /api/'] }],
      fixed: {
        [conf]: ifOrLimit('limit_except GET', '\n            proxy_http_version 1.1;\n            proxy_set_header Connection "";'),
      },
    },
    {
      name: 'inherited headers nginx rejects (wrong argument count) are not copied',
      settings: old,
      files: {
        [conf]: nginx(
          '        proxy_http_version 1.1;\n        proxy_set_header Host $host extra;\n        proxy_set_header X-Only;\n        proxy_set_header X-Real-IP "$remote_addr";',
          '',
        ),
      },
      findings: [{ file: conf, line: 15, text: 'http://app', fixes: ['Add 2 directives to location /api/'] }],
      fixed: {
        [conf]: nginx(
          '        proxy_http_version 1.1;\n        proxy_set_header Host $host extra;\n        proxy_set_header X-Only;\n        proxy_set_header X-Real-IP "$remote_addr";',
          '',
        ).replace(
          'proxy_pass http://app;',
          'proxy_pass http://app;\n            proxy_set_header X-Real-IP "$remote_addr";\n            proxy_set_header Connection "";',
        ),
      },
    },
    {
      name: "the WebSocket map gives plain requests Connection: close: the fix empties its '' entry, the location keeps the variable",
      files: { [conf]: websocket("''      close;") },
      findings: [
        {
          file: conf,
          line: 18,
          text: 'http://app',
          message: ['"Connection: close"'],
          related: ['this map gives plain requests (no Upgrade header) "Connection: close"'],
          relatedFiles: [conf, conf, conf, conf],
          fixes: ["Change the '' entry of map $connection_upgrade from close to ''"],
        },
      ],
      fixed: { [conf]: websocket("''      '';") },
    },
    {
      name: 'a location in an included file is fixed in that file, with its CRLF line ends',
      settings: old,
      files: {
        [conf]:
          'events {}\r\nhttp {\r\n    upstream app {\r\n        server 10.0.0.1:8080;\r\n        keepalive 16;\r\n    }\r\n    server {\r\n        include locations/*.conf;\r\n    }\r\n}\r\n',
        'nginx/locations/api.conf': 'location /api/ {\r\n    proxy_pass http://app;   # the backend\r\n}\r\n',
      },
      findings: [{ file: 'nginx/locations/api.conf', line: 2, text: 'http://app', fixes: ['Add 2 directives to location /api/'] }],
      fixed: {
        'nginx/locations/api.conf':
          'location /api/ {\r\n    proxy_pass http://app;   # the backend\r\n    proxy_http_version 1.1;\r\n    proxy_set_header Connection "";\r\n}\r\n',
      },
    },
    {
      name: 'a location written on one line gets the directives on that line, inside its braces',
      settings: old,
      files: {
        [conf]:
          'events {}\nhttp {\n    upstream app { server 10.0.0.1:8080; keepalive 16; }\n    server { location / { proxy_pass http://app; } }\n}\n',
      },
      findings: [{ file: conf, line: 4, text: 'http://app', fixes: ['Add 2 directives to location /'] }],
      fixed: {
        [conf]:
          'events {}\nhttp {\n    upstream app { server 10.0.0.1:8080; keepalive 16; }\n    server { location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; } }\n}\n',
      },
    },
  ],
};
