// What uWSGI configuration makes as endpoints: one per socket, the http router keeping connections
// only with http-keepalive, http-socket and the uwsgi protocol never.
import type { EndpointCase } from '../cases';
import { httpSocketSource } from './defaults';

export const cases: EndpointCase[] = [
  {
    name: 'http-socket closes after every response: no keep-alive, no race',
    files: { 'app/uwsgi.ini': '[uwsgi]\nmodule = app.wsgi:application\nhttp-socket = :8000\nmaster = true\n' },
    endpoints: [
      {
        label: 'app/uwsgi.ini, uWSGI http-socket :8000',
        port: 8000,
        protocol: 'http',
        keepsAlive: false,
        idle: 'never',
        assumed: `uWSGI 2.0, ${httpSocketSource}`,
        underlined: 'http-socket',
      },
    ],
  },
  {
    name: 'the http router without http-keepalive answers Connection: close',
    files: { 'app/uwsgi.ini': '[uwsgi]\nhttp = 0.0.0.0:8080\n' },
    endpoints: [{ port: 8080, keepsAlive: false, idle: 60_000, origin: 'default' }],
  },
  {
    name: 'http-keepalive N: idle connections close after N seconds',
    files: { 'app/uwsgi.ini': '[uwsgi]\nhttp = :8080\nhttp-keepalive = 15\n' },
    endpoints: [{ port: 8080, keepsAlive: true, idle: 15_000, origin: 'written', setting: 'http-keepalive', underlined: '15' }],
  },
  {
    name: 'a bare http-keepalive keeps connections the headers timeout: http-timeout, 60 s by default',
    files: { 'app/uwsgi.ini': '[uwsgi]\nhttp = :8080\nhttp-keepalive\nhttp-timeout = 20\n' },
    endpoints: [{ keepsAlive: true, idle: 20_000, setting: 'http-timeout', underlined: '20' }],
  },
  {
    name: 'http11-socket keeps connections socket-timeout (4 s by default)',
    files: { 'app/app.ini': '[uwsgi]\nhttp11-socket = :9090\n' },
    endpoints: [{ port: 9090, keepsAlive: true, idle: 4000, origin: 'default' }],
  },
  {
    name: 'the uwsgi protocol (socket) keeps nothing alive; an ini file without [uwsgi] is not read',
    files: { 'app/uwsgi.ini': '[uwsgi]\nsocket = 127.0.0.1:3031\n', 'app/tox.ini': '[tox]\nenvlist = py312\n' },
    endpoints: [{ port: 3031, protocol: 'uwsgi', keepsAlive: false, idle: 'never' }],
  },
  {
    name: "Sentry's SENTRY_WEB_OPTIONS: the http router with http-keepalive 15; uwsgi-socket None passes nothing",
    files: {
      'sentry/sentry.conf.py':
        'SENTRY_WEB_HOST = "0.0.0.0"\nSENTRY_WEB_PORT = 9000\nSENTRY_WEB_OPTIONS = {\n    "http": "%s:%s" % (SENTRY_WEB_HOST, SENTRY_WEB_PORT),\n    "protocol": "uwsgi",\n    "uwsgi-socket": None,\n    "so-keepalive": True,\n    "http-keepalive": 15,\n    "workers": 3,\n}\n',
    },
    endpoints: [{ label: 'sentry/sentry.conf.py, uWSGI http 0.0.0.0:9000', port: 9000, keepsAlive: true, idle: 15_000, underlined: '15' }],
  },
  {
    name: "Sentry without options: its runner's http-socket on SENTRY_WEB_PORT, which closes after every response",
    files: {
      'sentry/sentry.conf.py': 'SENTRY_WEB_HOST = "0.0.0.0"\nSENTRY_WEB_PORT = 9000\nSENTRY_WEB_OPTIONS = {\n    "workers": 3,\n}\n',
    },
    endpoints: [{ port: 9000, keepsAlive: false, idle: 'never' }],
  },
];
