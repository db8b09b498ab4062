// php-fpm behind nginx as Debian installs it: /etc/nginx/sites-enabled/default passing PHP to
// unix:/run/php/php8.2-fpm.sock through Debian's snippets/fastcgi-php.conf, and
// /etc/php/8.2/fpm/php-fpm.conf including pool.d/*.conf, whose www.conf listens on that socket.
import type { LayoutCase } from './realLayouts';

/** Debian's snippets/fastcgi-php.conf (nginx-common 1.22). */
const fastcgiPhp = `# regex to split $uri to $fastcgi_script_name and $fastcgi_path
fastcgi_split_path_info ^(.+?\\.php)(/.*)$;

# Check that the PHP script exists before passing it
try_files $fastcgi_script_name =404;

# Bypass the fact that try_files resets $fastcgi_path_info
# see: http://trac.nginx.org/nginx/ticket/321
set $path_info $fastcgi_path_info;
fastcgi_param PATH_INFO $path_info;

fastcgi_index index.php;
include fastcgi.conf;
`;

const debianSite = `server {
\tlisten 80 default_server;
\tlisten [::]:80 default_server;

\troot /var/www/html;
\tindex index.php index.html;

\tserver_name _;

\tlocation / {
\t\ttry_files $uri $uri/ =404;
\t}

\t# pass PHP scripts to FastCGI server
\tlocation ~ \\.php$ {
\t\tinclude snippets/fastcgi-php.conf;
\t\tfastcgi_pass unix:/run/php/php8.2-fpm.sock;
\t}
}
`;

const nginxConf = `user www-data;
worker_processes auto;
pid /run/nginx.pid;

events {
\tworker_connections 768;
}

http {
\tsendfile on;
\tinclude /etc/nginx/mime.types;
\tdefault_type application/octet-stream;
\taccess_log /var/log/nginx/access.log;
\tinclude /etc/nginx/conf.d/*.conf;
\tinclude /etc/nginx/sites-enabled/*;
}
`;

/** Debian's php8.2-fpm php-fpm.conf, shortened. */
const phpFpmConf = `;;;;;;;;;;;;;;;;;;;;;
; FPM Configuration ;
;;;;;;;;;;;;;;;;;;;;;

[global]
pid = /run/php/php8.2-fpm.pid
error_log = /var/log/php8.2-fpm.log

include=/etc/php/8.2/fpm/pool.d/*.conf
`;

/** Debian's pool.d/www.conf, shortened, with a 30 s request limit set. */
const wwwConf = `; Start a new pool named 'www'.
[www]
user = www-data
group = www-data
listen = /run/php/php8.2-fpm.sock
listen.owner = www-data
listen.group = www-data
pm = dynamic
pm.max_children = 5
pm.start_servers = 2
pm.min_spare_servers = 1
pm.max_spare_servers = 3
;request_slowlog_timeout = 0
request_terminate_timeout = 30
`;

export const phpFpmLayouts: LayoutCase[] = [
  {
    name: "a Debian /etc tree with php8.2-fpm: sites-enabled/default passes to the pool's unix socket, which kills at 30s",
    files: {
      'etc/nginx/nginx.conf': nginxConf,
      'etc/nginx/mime.types': 'types {\n    text/html html htm;\n}\n',
      'etc/nginx/fastcgi.conf':
        'fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;\nfastcgi_param QUERY_STRING $query_string;\n',
      'etc/nginx/snippets/fastcgi-php.conf': fastcgiPhp,
      'etc/nginx/sites-available/default': debianSite,
      'etc/php/8.2/fpm/php-fpm.conf': phpFpmConf,
      'etc/php/8.2/fpm/pool.d/www.conf': wwwConf,
    },
    symlinks: { 'etc/nginx/sites-enabled/default': '/etc/nginx/sites-available/default' },
    expect: [
      {
        code: 'fastcgi-timeout',
        file: 'etc/nginx/sites-available/default',
        severity: 'warning',
        message: /^php-fpm kills requests after 30s, nginx waits 60s: slow requests get 502, not 504$/,
        related: /fastcgi_pass unix:\/run\/php\/php8\.2-fpm\.sock by socket path/,
      },
      {
        code: 'fastcgi-timeout',
        file: 'etc/php/8.2/fpm/pool.d/www.conf',
        severity: 'warning',
        message: /php-fpm kills requests after 30s/,
      },
    ],
    exact: true,
    nginxFiles: [
      'etc/nginx/fastcgi.conf',
      'etc/nginx/mime.types',
      'etc/nginx/nginx.conf',
      'etc/nginx/sites-available/default',
      'etc/nginx/snippets/fastcgi-php.conf',
    ],
  },
];
