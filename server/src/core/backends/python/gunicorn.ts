// gunicorn as its source reads its settings (gunicorn/app/base.py load_config): the config file
// (`-c`, else GUNICORN_CMD_ARGS's `-c`, else ./gunicorn.conf.py), then GUNICORN_CMD_ARGS (19.7.0+),
// then the command line. Its worker class decides whether anything is kept alive at all.
import * as path from 'node:path';
import { shellWords } from '../../quote';
import { gunicornOptions, locateWords, readOptions, type ServerCommand, type Word } from './command';
import { serverDefaults, since, sources, versionAtLeast } from './defaults';
import { configLayer, decide, optionLayer, secondsOf, type Layer } from './layers';
import { bindsOf, keptAlive, type Addition, type ServerReading } from './reading';
import { configFileOf, gunicornConfigOption } from './start';
import type { AppContext } from './context';

const settingOf = { '--keep-alive': 'keepalive', '--worker-class': 'worker_class', '--threads': 'threads', '--bind': 'bind' };
const configNames = ['keepalive', 'worker_class', 'threads', 'bind'];

type Worker = 'sync' | 'gthread' | 'gevent' | 'pywsgi' | 'eventlet' | 'tornado' | 'asgi' | 'uvicorn' | 'aiohttp' | 'other';

/** gunicorn's SUPPORTED_WORKERS by name or class path, and the worker classes other projects ship. */
export function workerOf(workerClass: string): Worker {
  const name = workerClass.trim();
  if (name === 'sync' || /SyncWorker$/.test(name)) return 'sync';
  if (name === 'gthread' || /\.ThreadWorker$/.test(name)) return 'gthread';
  if (name === 'gevent' || /\.GeventWorker$/.test(name)) return 'gevent';
  if (name === 'gevent_wsgi' || name === 'gevent_pywsgi' || /GeventPyWSGIWorker$/.test(name)) return 'pywsgi';
  if (name === 'eventlet' || /EventletWorker$/.test(name)) return 'eventlet';
  if (name === 'tornado' || /TornadoWorker$/.test(name)) return 'tornado';
  if (name === 'asgi' || /\.ASGIWorker$/.test(name)) return 'asgi';
  if (/^uvicorn(?:_worker|\.workers)\.Uvicorn(?:H11)?Worker$/.test(name)) return 'uvicorn';
  if (/^aiohttp\.(?:worker\.)?Gunicorn(?:UVLoop)?WebWorker$/.test(name)) return 'aiohttp';
  return 'other';
}

export function gunicornReading(context: AppContext, command: ServerCommand | undefined): ServerReading | undefined {
  const { runtime, dir, version } = context;
  const defaults = serverDefaults.gunicorn;
  const readsCmdArgs = versionAtLeast(version, since.cmdArgsEnvironment);
  const written = command ? gunicornConfigOption(command, runtime, readsCmdArgs) : undefined;
  const configFile =
    written !== undefined
      ? configFileOf(context, written)
      : versionAtLeast(version, since.defaultConfigFile)
        ? context.companion(path.join(dir, 'gunicorn.conf.py'))
        : undefined;
  const cmdArgs = readsCmdArgs ? runtime?.environment.get('GUNICORN_CMD_ARGS') : undefined;
  let cmdArgsLayer: Layer = new Map();
  if (cmdArgs) {
    const words: Word[] = cmdArgs.valueAt
      ? locateWords(shellWords(cmdArgs.value), [{ ...cmdArgs.valueAt, text: cmdArgs.value }])
      : shellWords(cmdArgs.value).map((text) => ({ text }));
    cmdArgsLayer = optionLayer(
      readOptions(words, gunicornOptions),
      settingOf,
      `in GUNICORN_CMD_ARGS of ${runtime!.description}`,
      ['--bind'],
      'environment',
    );
  }
  const layers = [
    command ? optionLayer(readOptions(command.args, gunicornOptions), settingOf, `on ${command.description}`, ['--bind']) : new Map(),
    cmdArgsLayer,
    configFile ? configLayer(configFile, configNames, runtime, context.rootDir) : new Map(),
  ];
  const keepalive = decide('keepalive', layers);
  const read = keepalive ? secondsOf(keepalive.value, false) : defaults.keepAliveSeconds;
  if (typeof read === 'string' && keepalive?.value !== undefined)
    context.report(keepalive.at, `gunicorn keepalive: ${read}: gunicorn refuses to start`, 'error');
  const seconds = typeof read === 'number' ? read : undefined;
  const threadsRead = decide('threads', layers);
  const threads = threadsRead ? secondsOf(threadsRead.value, false) : 1;
  const workerRead = decide('worker_class', layers);
  // A class the Python computes is not known: taken as one that keeps alive, which is what races.
  const workerClass = workerRead ? (typeof workerRead.value === 'string' ? workerRead.value : '(computed)') : 'sync';
  let worker = workerOf(workerClass);
  const threaded = worker === 'sync' && typeof threads === 'number' && threads > 1 && versionAtLeast(version, since.threadsMakeGthread);
  if (threaded) worker = 'gthread';
  if (worker === 'eventlet' && versionAtLeast(version, since.eventletRemoved)) {
    context.report(
      workerRead?.at,
      `gunicorn ${version} has no eventlet worker (removed in ${since.eventletRemoved}): it does not start`,
      'warning',
    );
    return undefined;
  }
  if (worker === 'asgi' && !versionAtLeast(version, since.asgiWorker)) {
    context.report(workerRead?.at, `gunicorn ${version} has no asgi worker (added in ${since.asgiWorker}): it does not start`, 'warning');
    return undefined;
  }
  const workerWords = threaded
    ? `gthread worker (threads ${String(threads)} with the sync worker class)`
    : worker === 'uvicorn'
      ? `${workerClass}, which takes it as uvicorn's timeout_keep_alive`
      : worker === 'other'
        ? `worker ${workerClass}, taken to honour keepalive`
        : `${worker === 'pywsgi' ? workerClass : worker} worker`;
  const setBy = keepalive ? keepalive.where : "keepalive unset, gunicorn's default";
  const bindRead = decide('bind', layers);
  const port = runtime?.environment.get('PORT')?.value;
  const binds = bindRead
    ? Array.isArray(bindRead.value)
      ? bindRead.value
      : typeof bindRead.value === 'string'
        ? [bindRead.value]
        : []
    : [port !== undefined ? `0.0.0.0:${port}` : `${defaults.bind.host}:${defaults.bind.port}`];
  const addition: Addition | undefined = configFile
    ? { kind: 'append', file: configFile, line: (s) => `keepalive = ${s}` }
    : command?.program.at
      ? { kind: 'flag', program: command.program, flag: defaults.flag }
      : { kind: 'create', file: path.join(dir, 'gunicorn.conf.py'), text: (s) => `keepalive = ${s}\n` };
  const base: ServerReading = {
    server: 'gunicorn',
    ...keptAlive(read, keepalive),
    description: `${setBy}; ${workerWords}`,
    raiseSetting: (keepalive ? keepalive.where.startsWith('--') : addition.kind === 'flag') ? defaults.flag : 'keepalive',
    addition: keepalive ? undefined : addition,
    ...bindsOf(binds),
    startedAt: command?.program.at,
  };
  if (worker === 'sync')
    return {
      ...base,
      keepsAlive: false,
      noKeepAliveReason: "gunicorn's sync worker answers every request with Connection: close, whatever keepalive says",
    };
  if (worker === 'tornado')
    return {
      ...base,
      keepsAlive: seconds !== 0,
      noKeepAliveReason: seconds === 0 ? 'keepalive 0 turns keep-alive off (no_keep_alive)' : undefined,
      seconds: 3600,
      unknown: undefined,
      decided: undefined,
      description: "Tornado's idle_connection_timeout default: the tornado worker sets only whether to keep alive",
      defaultSource: sources.tornadoIdle,
      addition: undefined,
    };
  if (worker === 'pywsgi')
    return { ...base, seconds: undefined, unknown: `${workerClass}: gevent's pywsgi server keeps connections, not gunicorn's keepalive` };
  if (seconds === 0 && worker !== 'uvicorn')
    return {
      ...base,
      keepsAlive: false,
      noKeepAliveReason: `keepalive 0 (${setBy}) turns keep-alive off: Connection: close on every response`,
    };
  return base;
}
