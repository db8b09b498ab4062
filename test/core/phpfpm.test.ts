// php-fpm behind nginx on realistic layouts: pool files told from nginx's `.conf` by their text
// (both ways), fastcgi_pass addresses and fastcgi_read_timeout as nginx inherits them, a
// Laravel-like compose project, and the keep-alive race leaving FastCGI alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFiles, applyEdits, root } from '../support/memoryWorkspace';
import { classify } from '../../server/src/node/scan';
import { endpointHoverAt } from '../../server/src/core/navigation';
import { chainHover } from '../../server/src/core/hover';

const at = (relative: string) => path.join(root, relative);

const debianPool =
  "; Start a new pool named 'www'.\n[www]\nuser = www-data\ngroup = www-data\nlisten = /run/php/php8.2-fpm.sock\nlisten.owner = www-data\npm = dynamic\npm.max_children = 5\n";
const laravelSite = `server {
    listen 80;
    server_name localhost;
    root /var/www/html/public;
    index index.php;

    location / {
        try_files $uri $uri/ /index.php?$query_string;
    }

    location ~ \\.php$ {
        fastcgi_pass php:9000;
        fastcgi_index index.php;
        fastcgi_param SCRIPT_FILENAME $realpath_root$fastcgi_script_name;
        include fastcgi_params;
    }
}
`;

test('pool files are php-fpm, in pool.d, php-fpm.d and nginx-looking folders alike; nginx files never are', () => {
  for (const file of ['etc/php/8.2/fpm/pool.d/www.conf', 'docker/php-fpm.d/www.conf', 'conf.d/www.conf', 'nginx/php/app.conf'])
    assert.equal(classify(at(file), debianPool), 'php-fpm', file);
  assert.equal(
    classify(at('etc/php/8.2/fpm/php-fpm.conf'), '[global]\npid = /run/php/php8.2-fpm.pid\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\n'),
    'php-fpm',
  );
  for (const file of ['nginx/conf.d/default.conf', 'conf.d/www.conf', 'etc/nginx/sites-enabled/www.conf'])
    assert.equal(classify(at(file), laravelSite), 'nginx', file);
  // An INI file without a pool option (supervisord) is neither.
  assert.equal(classify(at('conf.d/worker.conf'), '[program:php-fpm]\ncommand=php-fpm -F\n'), undefined);
});

test('fastcgi_pass addresses: host:port, [v6]:port and unix sockets are routes; variables are not', () => {
  const { analysis } = analyzeFiles({
    'nginx.conf': `events {}\nhttp {\n  server {\n    location /a { fastcgi_pass 127.0.0.1:9000; }\n    location /b { fastcgi_pass [::1]:9001; }\n    location /c { fastcgi_pass unix:/run/php/php8.2-fpm.sock; }\n    location /d { fastcgi_pass $php; }\n    location /e { proxy_pass http://127.0.0.1:8080; }\n  }\n}\n`,
  });
  const found = analysis.configs[0].http.routes.map((r) => [r.upstreamName, r.address]);
  assert.deepEqual(found, [
    ['127.0.0.1:9000', { host: '127.0.0.1', port: 9000 }],
    ['[::1]:9001', { host: '::1', port: 9001 }],
    ['unix:/run/php/php8.2-fpm.sock', { host: 'unix:/run/php/php8.2-fpm.sock', socket: '/run/php/php8.2-fpm.sock' }],
  ]);
});

test('fastcgi_read_timeout inherits like the other fastcgi_ scalars: http, server, location', () => {
  const { analysis } = analyzeFiles({
    'nginx.conf': `events {}\nhttp {\n  fastcgi_read_timeout 300s;\n  server {\n    location /a { fastcgi_pass 127.0.0.1:9000; }\n    location /b { fastcgi_read_timeout 20s; fastcgi_pass 127.0.0.1:9000; }\n  }\n  server {\n    fastcgi_read_timeout 1m;\n    location /c { fastcgi_pass 127.0.0.1:9000; }\n  }\n}\n`,
  });
  assert.deepEqual(
    analysis.configs[0].http.routes.map((r) => r.readTimeout.value),
    ['300s', '20s', '1m'],
  );
});

test('a Laravel-like compose project: nginx/default.conf to php:9000, the mounted php-fpm.d/www.conf kills at 30s', () => {
  const files = {
    'docker-compose.yml': [
      'services:',
      '  nginx:',
      '    image: nginx:1.27-alpine',
      '    ports:',
      '      - "8080:80"',
      '    volumes:',
      '      - ./:/var/www/html',
      '      - ./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro',
      '    depends_on: [php]',
      '  php:',
      '    image: php:8.3-fpm',
      '    volumes:',
      '      - ./:/var/www/html',
      '      - ./docker/php-fpm.d/www.conf:/usr/local/etc/php-fpm.d/www.conf:ro',
      '',
    ].join('\n'),
    'nginx/default.conf': laravelSite,
    'docker/php-fpm.d/www.conf':
      '[www]\nuser = www-data\ngroup = www-data\nlisten = 9000\npm = dynamic\npm.max_children = 10\npm.start_servers = 2\npm.min_spare_servers = 1\npm.max_spare_servers = 3\nrequest_terminate_timeout = 30s\nphp_admin_value[max_execution_time] = 25\n',
  };
  const { analysis, findings, internalErrors } = analyzeFiles(files);
  assert.deepEqual(internalErrors, []);
  assert.equal(analysis.fastcgiLinks?.length, 1);
  assert.equal(analysis.fastcgiLinks![0].through?.service, 'php');
  const own = findings.filter((f) => f.code === 'fastcgi-timeout');
  assert.deepEqual(
    own.map((f) => [path.relative(root, f.location.file), f.location.range.start.line + 1, f.message]),
    [
      ['nginx/default.conf', 12, 'php-fpm kills requests after 30s, nginx waits 60s: slow requests get 502, not 504'],
      ['docker/php-fpm.d/www.conf', 10, 'nginx waits 60s for it, php-fpm kills requests after 30s: slow requests get 502, not 504'],
    ],
  );
  const related = own[0].related.map((r) => r.message).join('\n');
  assert.match(related, /fastcgi_pass php:9000 via compose service php, port 9000/);
  assert.match(related, /kills between 30s and 40s/);
  assert.match(related, /PHP stops a script after 25s of its own CPU time/);
  // The preferred fix raises php-fpm's limit; after it, nothing is reported.
  const fix = own[0].fixes.find((f) => f.isPreferred)!;
  assert.equal(fix.title, "Set php-fpm request_terminate_timeout to 90s (longer than nginx's 60s)");
  const pool = 'docker/php-fpm.d/www.conf';
  const fixed = { ...files, [pool]: applyEdits(files[pool], fix.edits) };
  assert.match(fixed[pool], /request_terminate_timeout = 90s\n/);
  assert.deepEqual(
    analyzeFiles(fixed).findings.filter((f) => f.code === 'fastcgi-timeout'),
    [],
  );
  // No keep-alive warning anywhere: php-fpm holds FastCGI connections, never idles them out.
  assert.deepEqual(
    findings.filter((f) => f.code === 'keepalive-race' || f.code === 'unlinked-upstream'),
    [],
  );
});

test('keepalive-race leaves FastCGI alone: fastcgi_keep_conn on with upstream keepalive to a php-fpm pool', () => {
  const { analysis, findings } = analyzeFiles({
    'nginx/nginx.conf': `events {}\nhttp {\n  upstream php {\n    server 127.0.0.1:9000;\n    keepalive 8;\n    keepalive_timeout 600s;\n  }\n  server {\n    location ~ \\.php$ {\n      fastcgi_pass php;\n      fastcgi_keep_conn on;\n      include fastcgi_params;\n    }\n  }\n}\n`,
    'php-fpm.d/www.conf': '[www]\nlisten = 127.0.0.1:9000\npm = static\npm.max_children = 4\n',
  });
  assert.equal(analysis.links.length, 0, 'no proxy_pass link to a FastCGI pool');
  assert.equal(analysis.fastcgiLinks?.length, 1);
  assert.deepEqual(
    findings.filter((f) => f.code === 'keepalive-race' || f.code === 'keepalive-lost' || f.code === 'unlinked-upstream'),
    [],
  );
  const [config] = analysis.configs;
  const hover = chainHover(analysis, config, config.http.upstreams.get('php')!);
  assert.match(hover, /^\*\*No race:\*\* php-fpm never idles a FastCGI connection out/);
  assert.match(hover, /: FastCGI, fastcgi_keep_conn on {2}$/m);
  assert.match(
    hover,
    /^→ server 127\.0\.0\.1:9000 → php-fpm\.d\/www\.conf, pool www listening on 127\.0\.0\.1:9000 by port: FastCGI, never idled out$/m,
  );
});

test("the hover on a pool's request_terminate_timeout: the limit, when php-fpm actually kills, each fastcgi_pass and its verdict", () => {
  const pool = '[www]\nlisten = 9000\nrequest_terminate_timeout = 30s\nphp_admin_value[max_execution_time] = 25\n';
  const { analysis } = analyzeFiles({
    'nginx/nginx.conf':
      'events {}\nhttp {\n  server {\n    location ~ \\.php$ { fastcgi_pass 127.0.0.1:9000; }\n    location /slow.php { fastcgi_read_timeout 20s; fastcgi_pass 127.0.0.1:9000; }\n  }\n}\n',
    'php-fpm.d/www.conf': pool,
  });
  const hover = endpointHoverAt(analysis, at('php-fpm.d/www.conf'), pool.indexOf('30s'))!;
  assert.match(hover, /^\*\*Kills first:\*\* php-fpm kills requests after 30s, nginx waits 60s: slow requests get 502, not 504\n/);
  assert.match(hover, /php-fpm kills requests after 30s \(request_terminate_timeout in pool www\)/);
  assert.match(hover, /kills between 30s and 40s/);
  assert.match(hover, /PHP stops a script after 25s of its own CPU time/);
  assert.match(
    hover,
    /location ~ \\\.php\$ in server, fastcgi_pass 127\.0\.0\.1:9000 \(by port\): nginx waits 60s \(default\); slow requests get 502, not 504/,
  );
  assert.match(
    hover,
    /location \/slow\.php in server, fastcgi_pass 127\.0\.0\.1:9000 \(by port\): nginx waits 20s; nginx gives up first \(504\)/,
  );
});
