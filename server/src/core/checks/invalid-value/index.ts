import { problemCheck } from '../fromProblems';

export const invalidValue = problemCheck(
  'invalid-value',
  'A time, size or count that nginx, Tomcat or php-fpm would reject.',
  { default: 'error' },
  {
    finds:
      "Arguments nginx refuses when it loads the configuration (`invalid value`), read with nginx's own parsers: times of the timeout directives (`proxy_read_timeout`, `keepalive_timeout`, `client_body_timeout`, `send_timeout`, the fastcgi, uwsgi, scgi, grpc, memcached and stream ones...) with an unknown unit, units out of order (`1s1h`) or `M`/`y` in a millisecond directive, `ms` in a seconds directive (`ssl_session_timeout`, `open_file_cache_valid`, the second `keepalive_timeout`); sizes (`client_body_buffer_size`, `proxy_buffer_size`...) that are not digits with `k` or `m` (no `g`); offsets (`client_max_body_size`, `directio`) that are not digits with `k`, `m` or `g`; `*_buffers` with zero buffers or a zero size; counts (`keepalive`, `keepalive_requests`, `*_next_upstream_tries`) that are not numbers. Values with variables, map/geo/types bodies, Lua blocks and templates are left alone. In server.xml: a Tomcat timeout that is not a whole number of milliseconds. In php-fpm's pool files: a line that is no `[pool]` and no `name = value`, a `request_terminate_timeout` with a unit php-fpm does not know (an error: php-fpm does not start), or one php-fpm reads otherwise than written (`1m30s` is 1 second: a warning). For gunicorn, uvicorn and Hypercorn: a keep-alive timeout the server refuses (gunicorn's `keepalive` must be a whole number of seconds), and, as a warning, a gunicorn worker class its version lacks (`eventlet` from 26.0.0, `asgi` before 24.0.0).",
    why: 'nginx refuses the configuration (`invalid value`); Tomcat logs a warning and keeps its default, which is rarely what was meant. The keep-alive checks cannot compare a value that cannot be read, so they skip it.',
    example:
      '```nginx\nupstream app_backend {\n    server 10.0.0.21:8080;\n    keepalive_timeout 1M;   # months are not allowed here\n}\n\nlocation /upload {\n    client_body_buffer_size 1g;   # sizes take k or m, not g\n}\n```',
    fix: 'Write the value as nginx documents it (`60s`, `1m30s`, `500ms`; `512k`, `1m`; `2g` only for offsets such as `client_max_body_size`) or, in server.xml, as whole milliseconds (`keepAliveTimeout="90000"`).',
  },
);
