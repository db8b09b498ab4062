import type { CheckCases } from '../cases';

const nginx = (upstream: string) => `events {}\nhttp {\n    upstream app {\n        server 10.0.0.1:8080;\n${upstream}\n    }\n}\n`;
const xml = (attrs: string) =>
  `<Server port="8005">\n  <Service name="Catalina">\n    <Connector port="8080" ${attrs} />\n  </Service>\n</Server>\n`;
/** An http{} with one server, the given lines at server level (line 5 onwards). */
const server = (lines: string) => `events {}\nhttp {\n    server {\n        listen 80;\n${lines}\n    }\n}\n`;
const conf = 'nginx/nginx.conf';
const serverXml = 'tomcat/conf/server.xml';

export const cases: CheckCases = {
  valid: [
    { name: 'nginx times in combined units', files: { [conf]: nginx('        keepalive 16;\n        keepalive_timeout 1m30s;') } },
    {
      name: 'nginx milliseconds and a bare number of seconds',
      files: { [conf]: nginx('        keepalive_timeout 500ms;\n        keepalive 1;') },
    },
    {
      name: 'times, sizes and offsets nginx accepts',
      files: {
        [conf]: server(
          [
            '        client_max_body_size 2g;',
            '        client_body_buffer_size 128K;',
            '        proxy_read_timeout "1h 30m";',
            '        proxy_connect_timeout 30d;',
            '        proxy_buffers 8 16k;',
            '        keepalive_timeout 75s 1M;',
            '        ssl_session_timeout 1y;',
            '        directio off;',
            '        send_timeout 500ms;',
            '        expires 1M;',
          ].join('\n'),
        ),
      },
    },
    { name: 'keepalive 0 turns the cache off (nginx 1.29.7)', files: { [conf]: nginx('        keepalive 0;') } },
    {
      name: 'values with variables are left to nginx',
      files: {
        [conf]: server('        limit_rate $rate;\n        proxy_limit_rate ${upstream_http_x_rate};\n        proxy_read_timeout $t;'),
      },
    },
    {
      name: 'map bodies, types and Lua blocks are data, not directives',
      files: {
        [conf]: `events {}\nhttp {\n    map $host $proxy_read_timeout {\n        default 1M;\n        proxy_read_timeout 1y;\n    }\n    types {\n        client_max_body_size 1x;\n    }\n    server {\n        location / {\n            content_by_lua_block {\n                proxy_read_timeout = "1M"\n            }\n        }\n    }\n}\n`,
      },
    },
    { name: 'a template is not judged until rendered', files: { [conf]: server('        proxy_read_timeout {{ timeout }};') } },
    {
      name: 'stream: times and sizes of the same name',
      files: {
        [conf]: 'stream {\n    server {\n        listen 12345;\n        proxy_timeout 10m;\n        proxy_buffer_size 16k;\n    }\n}\n',
      },
    },
    {
      name: 'Tomcat whole milliseconds and -1',
      files: { [serverXml]: xml('connectionTimeout="20000" keepAliveTimeout="-1" maxKeepAliveRequests="100"') },
    },
  ],
  invalid: [
    {
      name: 'months are not allowed in a millisecond directive',
      files: { [conf]: nginx('        keepalive_timeout 1M;') },
      findings: [{ file: conf, line: 5, text: '1M', severity: 'error', message: ['keepalive_timeout'] }],
    },
    {
      name: 'units out of order and a non-number keepalive',
      files: { [conf]: nginx('        keepalive_timeout 1s1h;\n        keepalive lots;') },
      findings: [
        { file: conf, line: 5, text: '1s1h' },
        { file: conf, line: 6, text: 'lots' },
      ],
    },
    {
      name: 'months in a millisecond directive, milliseconds in a seconds directive',
      files: { [conf]: server('        proxy_read_timeout 1M;\n        ssl_session_timeout 500ms;\n        keepalive_timeout 75s 500ms;') },
      findings: [
        {
          file: conf,
          line: 5,
          text: '1M',
          severity: 'error',
          message: ['proxy_read_timeout', '"M" (months) is not allowed in a millisecond directive'],
        },
        { file: conf, line: 6, text: '500ms', message: ['ssl_session_timeout', 'seconds'] },
        { file: conf, line: 7, text: '500ms', message: ['keepalive_timeout'] },
      ],
    },
    {
      name: 'g in a size, an unknown suffix in an offset, zero buffers',
      files: {
        [conf]: server(
          '        client_body_buffer_size 1g;\n        client_max_body_size 1t;\n        proxy_buffers 0 4k;\n        proxy_buffers 4 0;',
        ),
      },
      findings: [
        { file: conf, line: 5, text: '1g', message: ['client_body_buffer_size', 'only k or m'] },
        { file: conf, line: 6, text: '1t', message: ['client_max_body_size'] },
        { file: conf, line: 7, text: '0', message: ['proxy_buffers'] },
        { file: conf, line: 8, text: '0', message: ['proxy_buffers'] },
      ],
    },
    {
      name: 'a quoted value is underlined with its quotes; a placeholder left unrendered',
      files: { [conf]: server('        proxy_send_timeout "1.5s";\n        fastcgi_read_timeout <PHP_TIMEOUT>;') },
      findings: [
        { file: conf, line: 5, text: '"1.5s"', message: ['proxy_send_timeout', '"." is not a unit'] },
        { file: conf, line: 6, text: '<PHP_TIMEOUT>', message: ['fastcgi_read_timeout'] },
      ],
    },
    {
      name: 'a too large time in a stream server',
      files: { [conf]: 'stream {\n    server {\n        listen 12345;\n        proxy_timeout 106751991168d;\n    }\n}\n' },
      findings: [{ file: conf, line: 4, text: '106751991168d', message: ['proxy_timeout', 'too large'] }],
    },
    {
      name: 'a Tomcat timeout that is not whole milliseconds',
      files: { [serverXml]: xml('connectionTimeout="7s"') },
      findings: [{ file: serverXml, line: 3, text: '7s', severity: 'error', message: ['connectionTimeout'] }],
    },
    {
      name: 'php-fpm: an unknown unit refuses to start, 1m30s is read as 1s, a pool option in [global], a line that is nothing php-fpm reads',
      files: {
        'php-fpm.d/a.conf': '[a]\nlisten = 9001\nrequest_terminate_timeout = 30x\n',
        'php-fpm.d/b.conf': '[b]\nlisten = 9002\nrequest_terminate_timeout = 1m30s\nthis is not ini\n',
        'php-fpm.conf': '[global]\nerror_log = /proc/self/fd/2\nrequest_terminate_timeout = 30s\ninclude=php-fpm.d/*.conf\n',
      },
      findings: [
        {
          file: 'php-fpm.d/a.conf',
          line: 3,
          text: '30x',
          severity: 'error',
          message: ['request_terminate_timeout = 30x: php-fpm refuses to start on it', 'unknown suffix'],
        },
        { file: 'php-fpm.d/b.conf', line: 3, text: '1m30s', severity: 'warning', message: ['as 1s'] },
        {
          file: 'php-fpm.conf',
          line: 3,
          text: 'request_terminate_timeout',
          severity: 'error',
          message: ['request_terminate_timeout under [global]: php-fpm refuses to start'],
        },
        { file: 'php-fpm.d/b.conf', line: 4, text: 'this is not ini', severity: 'error', message: ['php-fpm cannot read this line'] },
      ],
    },
  ],
};
