// What php-fpm's pool files make as endpoints: one FastCGI endpoint per pool, where it listens,
// no idle timeout, and request_terminate_timeout (units, 0 = off, unset = off) merged over the
// whole configuration as php-fpm reads it (php-fpm.conf, its includes, sections by name).
import type { EndpointCase } from '../cases';

const pool = (name: string, ...lines: string[]) =>
  `[${name}]\nuser = www-data\ngroup = www-data\n${lines.join('\n')}\npm = dynamic\npm.max_children = 5\n`;
const www = 'php-fpm.d/www.conf';

export const cases: EndpointCase[] = [
  {
    name: 'the stock www.conf: 127.0.0.1:9000, no request limit, no idle timeout',
    files: { [www]: pool('www', 'listen = 127.0.0.1:9000', ';request_terminate_timeout = 0') },
    endpoints: [
      {
        label: 'php-fpm.d/www.conf, pool www listening on 127.0.0.1:9000',
        port: 9000,
        protocol: 'fastcgi',
        keepsAlive: true,
        idle: 'never',
        requestLimit: 'never',
        requestLimitDescription: 'request_terminate_timeout unset in pool www (php-fpm default 0: no limit)',
        underlined: '[www]',
      },
    ],
  },
  {
    name: 'a port alone, [::]:9000 and a unix socket with $pool',
    files: {
      'etc/php/8.2/fpm/pool.d/a.conf': pool('a', 'listen = 9001'),
      'etc/php/8.2/fpm/pool.d/b.conf': pool('b', 'listen = [::]:9002'),
      'etc/php/8.2/fpm/pool.d/c.conf': pool('c', 'listen = /run/php/$pool.sock'),
    },
    endpoints: [
      { idle: 'never', port: 9001 },
      { idle: 'never', port: 9002 },
      { idle: 'never', socket: '/run/php/c.sock', label: 'etc/php/8.2/fpm/pool.d/c.conf, pool c listening on /run/php/c.sock' },
    ],
  },
  {
    name: 'request_terminate_timeout units: bare seconds, s, m, h, d',
    files: {
      'pool.d/a.conf': pool('a', 'listen = 9001', 'request_terminate_timeout = 45'),
      'pool.d/b.conf': pool('b', 'listen = 9002', 'request_terminate_timeout = 30s'),
      'pool.d/c.conf': pool('c', 'listen = 9003', 'request_terminate_timeout = 2m'),
      'pool.d/d.conf': pool('d', 'listen = 9004', 'request_terminate_timeout = 1h'),
      'pool.d/e.conf': pool('e', 'listen = 9005', 'request_terminate_timeout = 1d'),
    },
    endpoints: [
      { idle: 'never', requestLimit: 45_000, requestLimitUnderlined: '45', requestLimitDescription: 'request_terminate_timeout in pool a' },
      { idle: 'never', requestLimit: 30_000, requestLimitUnderlined: '30s' },
      { idle: 'never', requestLimit: 120_000 },
      { idle: 'never', requestLimit: 3_600_000 },
      { idle: 'never', requestLimit: 86_400_000 },
    ],
  },
  {
    name: '0 turns the limit off; a comment after the value is not part of it',
    files: { [www]: pool('www', 'listen = 9000', 'request_terminate_timeout = 0 ; off') },
    endpoints: [{ idle: 'never', requestLimit: 'never', requestLimitUnderlined: '0' }],
  },
  {
    name: 'a quoted value',
    files: { [www]: pool('www', 'listen = "127.0.0.1:9000"', 'request_terminate_timeout = "20s"') },
    endpoints: [{ idle: 'never', port: 9000, requestLimit: 20_000, requestLimitUnderlined: '20s' }],
  },
  {
    name: 'php-fpm.conf includes its pool folder; a later file of the same pool (any case) overrides',
    files: {
      'php/php-fpm.conf': '[global]\nerror_log = /proc/self/fd/2\ninclude=/usr/local/etc/php-fpm.d/*.conf\n',
      'php/php-fpm.d/www.conf': pool('www', 'listen = 9000', 'request_terminate_timeout = 300'),
      'php/php-fpm.d/zz-timeouts.conf': '[WWW]\nrequest_terminate_timeout = 30s\n',
    },
    endpoints: [
      { idle: 'never', label: 'php/php-fpm.d/www.conf, pool www listening on 9000', requestLimit: 30_000, requestLimitUnderlined: '30s' },
    ],
  },
  {
    name: 'a pool declared in php-fpm.conf itself, and one in an included file',
    files: {
      'etc/php-fpm.conf': `[global]\npid = /run/php-fpm.pid\n\n${pool('main', 'listen = 9000', 'request_terminate_timeout = 10s')}include=etc/php-fpm.d/*.conf\n`,
      'etc/php-fpm.d/api.conf': pool('api', 'listen = 9001'),
    },
    endpoints: [
      { idle: 'never', port: 9000, requestLimit: 10_000 },
      { idle: 'never', port: 9001, requestLimit: 'never' },
    ],
  },
  {
    name: 'max_execution_time in the pool is noted beside the limit; an admin value beats a later php_value',
    files: {
      [www]: pool(
        'www',
        'listen = 9000',
        'request_terminate_timeout = 30s',
        'php_admin_value[max_execution_time] = 20',
        'php_value[max_execution_time] = 100',
      ),
    },
    endpoints: [
      {
        idle: 'never',
        requestLimit: 30_000,
        requestLimitNotes: ['PHP stops a script after 20s of its own CPU time', 'sleep, I/O and database waits do not count'],
      },
    ],
  },
  {
    name: 'php-fpm reads 1m30s as 1 second (atoi stops at the m): that is what counts',
    files: { [www]: pool('www', 'listen = 9000', 'request_terminate_timeout = 1m30s') },
    endpoints: [{ idle: 'never', requestLimit: 1000 }],
  },
  {
    name: '${VAR} from the environment of the compose service running the pool; unknown without it',
    files: {
      'docker-compose.yml':
        'services:\n  php:\n    image: php:8.3-fpm\n    environment:\n      PHP_TIMEOUT: 45s\n    volumes:\n      - ./php/www.conf:/usr/local/etc/php-fpm.d/www.conf\n',
      'php/www.conf': pool('www', 'listen = 9000', 'request_terminate_timeout = ${PHP_TIMEOUT}'),
      'other/www.conf': pool('other', 'listen = 9001', 'request_terminate_timeout = ${PHP_TIMEOUT}'),
    },
    endpoints: [
      { idle: 'never', port: 9001, requestLimit: 'unknown' },
      { idle: 'never', port: 9000, requestLimit: 45_000, requestLimitUnderlined: '${PHP_TIMEOUT}' },
    ],
  },
  {
    name: 'an unknown unit: php-fpm refuses the value, the limit is unknown',
    files: { [www]: pool('www', 'listen = 9000', 'request_terminate_timeout = 30x') },
    endpoints: [{ idle: 'never', requestLimit: 'unknown' }],
  },
  {
    name: 'an official php:*-fpm compose service with no pool file: the image pool www on 9000, no limit',
    files: { 'docker-compose.yml': 'services:\n  php:\n    image: php:8.3-fpm\n' },
    endpoints: [
      {
        label: "compose service php in docker-compose.yml, image php:8.3-fpm: pool www listening on 9000 (the image's default)",
        port: 9000,
        protocol: 'fastcgi',
        idle: 'never',
        requestLimit: 'never',
        requestLimitUnderlined: 'php:8.3-fpm',
      },
    ],
  },
  {
    name: 'a mounted www.conf without listen, in the official image: docker.conf gives 9000',
    files: {
      'docker-compose.yml':
        'services:\n  php:\n    image: php:8.3-fpm-alpine\n    volumes:\n      - ./php/www.conf:/usr/local/etc/php-fpm.d/www.conf\n',
      'php/www.conf': pool('www', 'request_terminate_timeout = 30s'),
    },
    endpoints: [
      { idle: 'never', port: 9000, label: "php/www.conf, pool www listening on 9000 (the image's docker.conf)", requestLimit: 30_000 },
    ],
  },
];
