import type { CheckCases, InvalidCase } from '../cases';

/** A PHP site as nginx serves it: `location ~ \.php$` passing to `target`, with `extra` lines in it. */
function site(target: string, extra = '', serverLevel = '', upstream = ''): string {
  return `events {}
http {
${upstream}    server {
        listen 80;
        root /var/www/html/public;
${serverLevel}        location ~ \\.php$ {
            fastcgi_pass ${target};
${extra}            include fastcgi_params;
        }
    }
}
`;
}

const pool = (...lines: string[]) =>
  `[www]\nuser = www-data\ngroup = www-data\n${lines.join('\n')}\npm = dynamic\npm.max_children = 5\npm.start_servers = 2\npm.min_spare_servers = 1\npm.max_spare_servers = 3\n`;
const conf = 'nginx/nginx.conf';
const www = 'php-fpm.d/www.conf';
const killed = (limit: string, nginx: string) =>
  `php-fpm kills requests after ${limit}, nginx waits ${nginx}: slow requests get 502, not 504`;

/** The two findings of a kill: on nginx's side (`nginxText` at `nginxLine`) and on the limit (`limitText`, line 5 of the pool). */
function kill(
  limit: string,
  nginx: string,
  nginxLine: number,
  nginxText: string,
  limitText: string,
  related: string[] = [],
  noted = false,
): InvalidCase['findings'] {
  const note = noted ? [www] : [];
  return [
    {
      file: conf,
      line: nginxLine,
      text: nginxText,
      severity: 'warning',
      message: [killed(limit, nginx)],
      related,
      relatedFiles: [www, conf, ...note],
    },
    {
      file: www,
      line: 5,
      text: limitText,
      severity: 'warning',
      message: [`nginx waits ${nginx} for it, php-fpm kills requests after ${limit}: slow requests get 502, not 504`],
      related,
      relatedFiles: [conf, www, ...note],
    },
  ];
}

const raise = (to: string, nginx: string) => `Set php-fpm request_terminate_timeout to ${to} (longer than nginx's ${nginx})`;
const lower = (to: string, limit: string) => `Lower nginx fastcgi_read_timeout to ${to} (shorter than php-fpm's ${limit})`;

export const cases: CheckCases = {
  valid: [
    {
      name: "php-fpm's limit longer than nginx's default 60s (90s)",
      files: { [conf]: site('127.0.0.1:9000'), [www]: pool('listen = 127.0.0.1:9000', 'request_terminate_timeout = 90s') },
    },
    {
      name: 'request_terminate_timeout = 0 is no limit',
      files: { [conf]: site('127.0.0.1:9000'), [www]: pool('listen = 9000', 'request_terminate_timeout = 0') },
    },
    {
      name: 'request_terminate_timeout unset: php-fpm sets no limit',
      files: { [conf]: site('127.0.0.1:9000'), [www]: pool('listen = 9000') },
    },
    {
      name: 'nginx gives up first (fastcgi_read_timeout 20s against 30s): 504, as meant',
      files: {
        [conf]: site('127.0.0.1:9000', '            fastcgi_read_timeout 20s;\n'),
        [www]: pool('listen = 127.0.0.1:9000', 'request_terminate_timeout = 30s'),
      },
    },
    {
      name: "a compose service on the official php:8.3-fpm image with no pool file: the image's defaults set no limit",
      files: {
        [conf]: site('php:9000'),
        'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27\n  php:\n    image: php:8.3-fpm\n',
      },
    },
    {
      name: 'a pool on another port is not reached',
      files: { [conf]: site('127.0.0.1:9000'), [www]: pool('listen = 127.0.0.1:9001', 'request_terminate_timeout = 30s') },
    },
  ],
  invalid: [
    {
      name: "30s against nginx's default 60s, by address: 502 at php-fpm's limit; raise it, or lower nginx's",
      files: { [conf]: site('127.0.0.1:9000'), [www]: pool('listen = 127.0.0.1:9000', 'request_terminate_timeout = 30s') },
      findings: kill('30s', '60s', 7, '127.0.0.1:9000', '30s', [
        'fastcgi_read_timeout unset, nginx default',
        'kills between 30s and 40s',
        'by port',
      ]),
      fixed: { [www]: pool('listen = 127.0.0.1:9000', 'request_terminate_timeout = 90s') },
      fixedBy: {
        [raise('90s', '60s')]: { [www]: pool('listen = 127.0.0.1:9000', 'request_terminate_timeout = 90s') },
        [lower('27s', '30s')]: { [conf]: site('127.0.0.1:9000', '            fastcgi_read_timeout 27s;\n') },
      },
    },
    {
      name: 'a unix socket: fastcgi_pass unix:/run/php/php8.2-fpm.sock reaches the pool listening there; a bare number is seconds',
      files: {
        [conf]: site('unix:/run/php/php8.2-fpm.sock'),
        [www]: pool('listen = /run/php/php8.2-fpm.sock', 'request_terminate_timeout = 30'),
      },
      findings: kill('30s', '60s', 7, 'unix:/run/php/php8.2-fpm.sock', '30', ['by socket path']),
    },
    {
      name: 'fastcgi_pass to an upstream block reaches its servers',
      files: {
        [conf]: site('php_backend', '', '', '    upstream php_backend {\n        server 127.0.0.1:9000;\n    }\n'),
        [www]: pool('listen = 9000', 'request_terminate_timeout = 30s'),
      },
      findings: [
        { file: conf, line: 10, text: 'php_backend', message: [killed('30s', '60s')] },
        { file: www, line: 5, text: '30s', message: ['php-fpm kills requests after 30s'] },
      ],
    },
    {
      name: 'fastcgi_read_timeout inherited from the server level: the finding and the lowering are there',
      files: {
        [conf]: site('127.0.0.1:9000', '', '        fastcgi_read_timeout 300s;\n'),
        [www]: pool('listen = 9000', 'request_terminate_timeout = 120s'),
      },
      findings: [
        { file: conf, line: 6, text: '300s', message: [killed('120s', '300s')] },
        { file: www, line: 5, text: '120s', message: ['nginx waits 300s'] },
      ],
      fixedBy: {
        [raise('450s', '300s')]: { [www]: pool('listen = 9000', 'request_terminate_timeout = 450s') },
        [lower('108s', '120s')]: { [conf]: site('127.0.0.1:9000', '', '        fastcgi_read_timeout 108s;\n') },
      },
    },
    {
      name: 'a tie races: php-fpm kills at its limit or up to a third later, nginx gives up at the same time',
      files: { [conf]: site('127.0.0.1:9000'), [www]: pool('listen = 9000', 'request_terminate_timeout = 1m') },
      findings: [
        { file: conf, line: 7, text: '127.0.0.1:9000', message: [killed('60s', '60s')] },
        { file: www, line: 5, text: '1m', message: ['php-fpm kills requests after 60s'] },
      ],
    },
    {
      name: "through compose: fastcgi_pass php:9000 reaches the php service's mounted www.conf",
      files: {
        [conf]: site('php:9000'),
        'docker-compose.yml':
          'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro\n  php:\n    image: php:8.3-fpm\n    volumes:\n      - ./php-fpm.d/www.conf:/usr/local/etc/php-fpm.d/www.conf:ro\n',
        [www]: pool('listen = 9000', 'request_terminate_timeout = 30s', 'php_admin_value[max_execution_time] = 25'),
      },
      findings: kill(
        '30s',
        '60s',
        7,
        'php:9000',
        '30s',
        ['via compose service php, port 9000', 'PHP stops a script after 25s of its own CPU time'],
        true,
      ),
    },
  ],
};
