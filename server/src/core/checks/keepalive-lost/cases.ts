import type { CheckCases } from '../cases';

const conf = 'nginx/nginx.conf';
const old = { nginx: { version: '1.26.3' } };
const nginx = (server: string, location: string, upstream = '        keepalive 16;') =>
  `events {}\nhttp {\n    upstream app {\n        server 10.0.0.1:8080;\n${upstream}\n    }\n    server {\n        server_name app.example.com;\n${server}\n        location /api/ {\n${location}\n            proxy_pass http://app;\n        }\n    }\n}\n`;

/** One snippet holding the proxy_pass, included from two locations that inherit differently. */
const snippetTwice = {
  [conf]: 'events {}\nhttp {\n    upstream app {\n        server 10.0.0.1:8080;\n        keepalive 16;\n    }\n    server {\n        server_name app.example.com;\n        proxy_http_version 1.1;\n        proxy_set_header Connection "";\n        location /a/ {\n            include snippets/pass.conf;\n        }\n        location /b/ {\n            proxy_set_header Host $host;\n            include snippets/pass.conf;\n        }\n    }\n}\n',
  'nginx/snippets/pass.conf': 'proxy_pass http://app;\n',
};

export const cases: CheckCases = {
  valid: [
    { name: 'HTTP/1.1 and Connection "" inherited from the server', settings: old, files: { [conf]: nginx('        proxy_http_version 1.1;\n        proxy_set_header Connection "";', '') } },
    { name: 'no keepalive cache asked for: nothing to lose', settings: old, files: { [conf]: nginx('', '', '') } },
    { name: 'from 1.29.7 the defaults reuse', files: { [conf]: nginx('', '') } },
    { name: 'fastcgi_pass without fastcgi_keep_conn and grpc_pass are not proxy_pass routes: not this check\'s', settings: old, files: { [conf]: nginx('        proxy_http_version 1.1;\n        proxy_set_header Connection "";\n        location /php { fastcgi_pass app; }\n        location /rpc { grpc_pass grpc://app; }', '') } },
    { name: 'the location repeats Connection "" with its own headers', settings: old, files: { [conf]: nginx('        proxy_http_version 1.1;\n        proxy_set_header Connection "";', '            proxy_set_header Host $host;\n            proxy_set_header Connection "";') } },
  ],
  invalid: [
    {
      name: 'a snippet included from two locations is judged in each: only the one that drops Connection "" loses reuse',
      settings: old,
      files: snippetTwice,
      findings: [{ file: 'nginx/snippets/pass.conf', line: 1, text: 'http://app', message: ['location /b/', 'not inherited'] }],
    },
    {
      name: 'a location\'s own proxy_set_header drops the inherited Connection ""',
      settings: old,
      files: { [conf]: nginx('        proxy_http_version 1.1;\n        proxy_set_header Connection "";', '            proxy_set_header X-Real-IP $remote_addr;') },
      findings: [{ file: conf, line: 13, text: 'http://app', severity: 'warning', message: ['location /api/', 'not inherited', 'nginx/nginx.conf:10', 'nginx/nginx.conf:12'], relatedFiles: [conf, conf, conf], fixes: ['Add proxy_set_header Connection "" to location /api/'] }],
      fixed: { [conf]: nginx('        proxy_http_version 1.1;\n        proxy_set_header Connection "";', '            proxy_set_header X-Real-IP $remote_addr;').replace('proxy_pass http://app;', 'proxy_pass http://app;\n            proxy_set_header Connection "";') },
    },
    {
      name: 'defaults before 1.29.7: the fix carries the inherited headers along',
      settings: old,
      files: { [conf]: nginx('        proxy_set_header Host $host;', '') },
      findings: [{ file: conf, line: 12, text: 'http://app', message: ['HTTP/1.0', 'Connection: close', "nginx's default in nginx 1.26.3"], fixes: ['Add 3 directives to location /api/'] }],
      fixed: { [conf]: nginx('        proxy_set_header Host $host;', '').replace('proxy_pass http://app;', 'proxy_pass http://app;\n            proxy_http_version 1.1;\n            proxy_set_header Host $host;\n            proxy_set_header Connection "";') },
    },
    {
      name: 'an explicit HTTP/1.0 loses the cache in any version',
      files: { [conf]: nginx('', '            proxy_http_version 1.0;') },
      findings: [{ file: conf, line: 12, text: 'http://app', message: ['HTTP/1.0 (proxy_http_version at nginx/nginx.conf:11)'], fixes: ['Add proxy_http_version 1.1 to location /api/'] }],
    },
  ],
};
