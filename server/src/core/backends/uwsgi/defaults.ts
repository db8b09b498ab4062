// uWSGI's keep-alive behaviour and defaults, read in uWSGI's own source at tag 2.0.30 (and
// Sentry's runner for SENTRY_WEB_OPTIONS); docs/backends/uwsgi.md gives each with its line.

const tree = 'https://github.com/unbit/uwsgi/blob/2.0.30';
export const assumedVersions = 'uWSGI 2.0';

/** `--http` router: keep-alive only with `http-keepalive` (plugins/http/http.c: can_keepalive needs uhttp.keepalive). */
export const routerSource = `${tree}/plugins/http/http.c (http-keepalive: can_keepalive; hr_instance_read: if (uhttp.keepalive > 1) http_set_timeout(..., uhttp.keepalive))`;
/** `http-timeout`: "set internal http socket timeout (default: 60 seconds)"; headers timeout defaults to it. */
export const routerTimeoutDefaultS = 60;
export const routerTimeoutSource = `${tree}/plugins/corerouter/corerouter.c (socket_timeout = 60); plugins/http/http.c (headers_timeout = cr.socket_timeout)`;
/** `--http-socket`: proto_close is uwsgi_proto_base_close: the connection closes after each response. */
export const httpSocketSource = `${tree}/proto/http.c (uwsgi_proto_http_setup: proto_close = uwsgi_proto_base_close)`;
/** `--http11-socket`: keeps the connection, waits `socket-timeout` (default 4 s) for the next request. */
export const http11DefaultS = 4;
export const http11Source = `${tree}/proto/http.c (uwsgi_proto_http11_accept: uwsgi_wait_read_req); uwsgi.h (uwsgi.socket_timeout); core/init.c (socket_timeout = 4)`;
/** Sentry's runner: `protocol` http, `http-timeout` 30, `<protocol>-socket` SENTRY_WEB_HOST:SENTRY_WEB_PORT unless set. */
export const sentrySource =
  'https://github.com/getsentry/sentry/blob/master/src/sentry/services/http.py (SentryHTTPServer: options.setdefault)';
export const sentryHttpTimeoutS = 30;
