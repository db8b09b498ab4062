// What gunicorn, uvicorn and Hypercorn do when nothing is set, and from which release. Each fact
// was read in the project's own source at the tag named (docs/backends/python-sources.md).
export { versionAtLeast } from '../version';
export type PythonServer = 'gunicorn' | 'uvicorn' | 'hypercorn';

const gunicornAt = 'https://github.com/benoitc/gunicorn/blob/26.1.0';
const uvicornAt = 'https://github.com/Kludex/uvicorn/blob/0.51.0';
const hypercornAt = 'https://github.com/pgjones/hypercorn/blob/0.18.0';

export interface ServerDefaults {
  /** How messages name it. */
  serverName: string;
  /** The newest release, assumed when the project pins none. */
  newest: string;
  /** The idle keep-alive timeout in seconds when nothing sets it. */
  keepAliveSeconds: number;
  keepAliveSource: string;
  /** The setting's name in its config file and its flag. */
  setting: string;
  flag: string;
  /** The address bound when nothing says (host, port). */
  bind: { host: string; port: number };
  bindSource: string;
}

export const serverDefaults: Record<PythonServer, ServerDefaults> = {
  gunicorn: {
    serverName: 'gunicorn',
    newest: '26.1.0',
    keepAliveSeconds: 2, // the same from 0.x to 26.1.0
    keepAliveSource: `${gunicornAt}/gunicorn/config.py#L876 (Keepalive, default = 2)`,
    setting: 'keepalive',
    flag: '--keep-alive',
    bind: { host: '127.0.0.1', port: 8000 },
    // `0.0.0.0:$PORT` when PORT is set (since 0.16.0, commit 402f003c).
    bindSource: `${gunicornAt}/gunicorn/config.py#L647 (Bind: 127.0.0.1:8000, or 0.0.0.0:$PORT)`,
  },
  uvicorn: {
    serverName: 'uvicorn',
    newest: '0.51.0',
    keepAliveSeconds: 5, // since --timeout-keep-alive came, 0.2.21 (encode/uvicorn#152)
    keepAliveSource: `${uvicornAt}/uvicorn/main.py#L284 (--timeout-keep-alive, default=5)`,
    setting: 'timeout_keep_alive',
    flag: '--timeout-keep-alive',
    bind: { host: '127.0.0.1', port: 8000 },
    bindSource: `${uvicornAt}/uvicorn/main.py#L64 (--host 127.0.0.1, --port 8000)`,
  },
  hypercorn: {
    serverName: 'Hypercorn',
    newest: '0.18.0',
    keepAliveSeconds: 5, // since 0.1.0
    keepAliveSource: `${hypercornAt}/src/hypercorn/config.py#L88 (keep_alive_timeout = 5 * SECONDS)`,
    setting: 'keep_alive_timeout',
    flag: '--keep-alive',
    bind: { host: '127.0.0.1', port: 8000 },
    bindSource: `${hypercornAt}/src/hypercorn/config.py#L58 (_bind = ["127.0.0.1:8000"])`,
  },
};

/** Releases where a rule starts or ends. */
export const since = {
  /** gunicorn reads ./gunicorn.conf.py without -c (2013-news: 17.5). */
  defaultConfigFile: '17.5',
  /** `--threads` > 1 turns the sync worker into gthread (config.py worker_class). */
  threadsMakeGthread: '19.0',
  /** GUNICORN_CMD_ARGS (benoitc/gunicorn#1385). */
  cmdArgsEnvironment: '19.7.0',
  /** gunicorn's own ASGI worker, `-k asgi`. */
  asgiWorker: '24.0.0',
  /** The eventlet worker is gone (commit 201df19a). */
  eventletRemoved: '26.0.0',
  /** uvicorn reads UVICORN_* environment variables (auto_envvar_prefix, encode/uvicorn#1279). */
  uvicornEnvironment: '0.16.0',
};

export const sources = {
  syncWorker: `${gunicornAt}/gunicorn/workers/sync.py#L179 (resp.force_close(): Connection: close on every response)`,
  gthreadClose: `${gunicornAt}/gunicorn/workers/gthread.py#L315 (murder_keepalived, run each turn of a loop that waits at most 1 s)`,
  tornadoIdle:
    'https://github.com/tornadoweb/tornado/blob/master/tornado/httpserver.py (header_timeout=idle_connection_timeout or 3600); gunicorn/workers/gtornado.py sets only no_keep_alive',
  uvicornWorker: `${uvicornAt}/uvicorn/workers.py#L48 ("timeout_keep_alive": self.cfg.keepalive)`,
  uvicornEnvironment: `${uvicornAt}/uvicorn/main.py#L61 (auto_envvar_prefix "UVICORN")`,
  precedence: `${gunicornAt}/gunicorn/app/base.py#L154 (load_config: config file, then GUNICORN_CMD_ARGS, then the command line)`,
};
