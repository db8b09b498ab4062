import type { CheckCases } from '../cases';

const conf = 'nginx/nginx.conf';

export const cases: CheckCases = {
  valid: [
    {
      name: 'quotes, escapes and variables in braces',
      files: {
        [conf]: 'events {}\nhttp {\n    log_format main \'$remote_addr "$request" ${status}x\';\n    add_header X-A "a;b{c}" always;\n}\n',
      },
    },
    {
      name: 'a Lua block whose code holds braces and semicolons',
      files: {
        [conf]:
          'events {}\nhttp {\n    server {\n        location / {\n            content_by_lua_block {\n                local t = { a = "}" } -- }\n                ngx.say(t.a);\n            }\n        }\n    }\n}\n',
      },
    },
    {
      name: 'map entries are data, not directives',
      files: {
        [conf]:
          "events {}\nhttp {\n    map $http_upgrade $connection_upgrade {\n        default upgrade;\n        ''      close;\n    }\n}\n",
      },
    },
  ],
  invalid: [
    {
      name: 'a template is reported once as a template, at info, instead of its errors',
      files: {
        'nginx/site.conf.j2': 'server {\n    listen {{ port }};\n    {% if tls %}ssl on;{% endif %}\n}\n',
        [conf]: 'events {}\nhttp {}\n',
      },
      findings: [{ file: 'nginx/site.conf.j2', line: 2, text: '{{', severity: 'info', message: ['template'] }],
    },
    {
      name: 'a directive without its semicolon swallows the closing brace',
      files: { [conf]: 'events {}\nhttp {\n    server {\n        location / {\n            proxy_pass http://app\n        }\n    }\n}\n' },
      findings: [{ file: conf, line: 6, text: '}', severity: 'error', message: ['unexpected "}"'] }],
    },
    {
      name: 'an unclosed block is reported once at the end of the file',
      files: { [conf]: 'events {}\nhttp {\n    server {\n        listen 80;\n' },
      findings: [{ file: conf, line: 5, text: '', severity: 'error', message: ['unexpected end of file', '"}"'] }],
    },
    {
      name: 'a stray closing brace at top level',
      files: { [conf]: 'events {}\nhttp {}\n}\n' },
      findings: [{ file: conf, line: 3, text: '}', severity: 'error', message: ['unexpected "}"'] }],
    },
    {
      name: 'text glued to a closing quote',
      files: { [conf]: 'events {}\nhttp {\n    add_header X-A "a"b;\n}\n' },
      findings: [{ file: conf, line: 3, text: 'b', severity: 'error' }],
    },
  ],
};
