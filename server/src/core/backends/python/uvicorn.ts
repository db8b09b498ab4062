// uvicorn started from its command line (click options over UVICORN_* environment variables,
// which uvicorn reads since 0.16.0) or from code (`uvicorn.run(app, ...)`, `uvicorn.Config(...)`,
// which read no environment variable), and Hypercorn (its `-c` config file under its command
// line). Both keep connections alive by default.
import * as path from 'node:path';
import { hypercornOptions, readOptions, uvicornOptions, type ServerCommand } from './command';
import { serverDefaults, since, versionAtLeast } from './defaults';
import { configLayer, decide, environmentLayer, optionLayer, secondsOf, type Layer } from './layers';
import { bindsOf, keptAlive, type ServerReading } from './reading';
import { callAt, evaluate, type PyCall } from './pyText';
import { configFileOf, hypercornConfigOption } from './start';
import type { AppContext } from './context';
import type { PythonCompanion } from './model';

const uvicornSettings = { '--timeout-keep-alive': 'timeout_keep_alive', '--port': 'port', '--host': 'host', '--uds': 'uds', '--fd': 'fd' };
const uvicornEnvironment = {
  UVICORN_TIMEOUT_KEEP_ALIVE: 'timeout_keep_alive',
  UVICORN_PORT: 'port',
  UVICORN_HOST: 'host',
  UVICORN_UDS: 'uds',
  UVICORN_FD: 'fd',
};

/** A `uvicorn.run(...)` or `uvicorn.Config(...)` call in a source file. */
export interface UvicornCall {
  file: PythonCompanion;
  call: PyCall;
}

/** Whether a source file's text may start uvicorn or set a server timeout: the cheap test before it is read. */
export function mayStartServer(text: string): boolean {
  return /\buvicorn\b/.test(text) || /\b(?:timeout_keep_alive|keep_alive_timeout|keepalive)\b/.test(text);
}

/** The first uvicorn.run / uvicorn.Config call of a file (`run(` / `Config(` too when imported from uvicorn). */
export function uvicornCallIn(file: PythonCompanion): UvicornCall | undefined {
  const text = file.text;
  if (!text.includes('uvicorn')) return undefined;
  const imported = /^[ \t]*from[ \t]+uvicorn[ \t]+import[^\n]*\b(?:run|Config)\b/m.test(text);
  const pattern = imported ? /(?:\buvicorn\.|(?<![\w.]))(?:run|Config)[ \t]*\(/g : /\buvicorn\.(?:run|Config)[ \t]*\(/g;
  for (const m of text.matchAll(pattern)) {
    const lineStart = text.lastIndexOf('\n', m.index!) + 1;
    if (text.slice(lineStart, m.index!).includes('#')) continue; // commented out
    const call = callAt(text, m.index!, m.index! + m[0].length - 1);
    // An unclosed call holds the rest of the file: looking further would scan it again and again.
    return call && { file, call };
  }
  return undefined;
}

export function uvicornReading(context: AppContext, command: ServerCommand | undefined, code: UvicornCall | undefined): ServerReading {
  const defaults = serverDefaults.uvicorn;
  const { runtime } = context;
  let layers: Layer[];
  if (command) {
    layers = [
      optionLayer(readOptions(command.args, uvicornOptions), uvicornSettings, `on ${command.description}`),
      versionAtLeast(context.version, since.uvicornEnvironment) ? environmentLayer(runtime, uvicornEnvironment) : new Map(),
    ];
  } else {
    layers = [code ? codeLayer(context, code) : new Map()];
  }
  const timeout = decide('timeout_keep_alive', layers);
  const read = timeout ? secondsOf(timeout.value, !command) : defaults.keepAliveSeconds;
  if (typeof read === 'string' && timeout?.value !== undefined) context.report(timeout.at, `uvicorn timeout_keep_alive: ${read}`, 'error');
  const value = (name: string) => {
    const found = decide(name, layers)?.value;
    return found === undefined || Array.isArray(found) ? undefined : String(found);
  };
  const uds = value('uds');
  const port = value('port') ?? String(defaults.bind.port);
  const host = value('host') ?? defaults.bind.host;
  const listening =
    uds !== undefined ? { hosts: [], socket: uds } : value('fd') !== undefined ? { hosts: [] } : bindsOf([`${host}:${port}`]);
  return {
    server: 'uvicorn',
    ...keptAlive(read, timeout),
    description: timeout ? timeout.where : `${command ? defaults.flag : defaults.setting} unset, uvicorn's default`,
    raiseSetting: command ? defaults.flag : defaults.setting,
    addition: timeout
      ? undefined
      : command?.program.at
        ? { kind: 'flag', program: command.program, flag: defaults.flag }
        : code
          ? { kind: 'keyword', file: code.file, call: code.call, name: defaults.setting }
          : undefined,
    ...listening,
    startedAt: command?.program.at ?? (code && { file: code.file.path, span: code.call.span }),
  };
}

/** The call's keyword arguments as a layer (uvicorn.run reads no environment variable, but its arguments may). */
function codeLayer(context: AppContext, { file, call }: UvicornCall): Layer {
  const layer: Layer = new Map();
  const where = path.relative(context.rootDir, file.path).split(path.sep).join('/');
  const environment = (name: string) => context.runtime?.environment.get(name)?.value;
  for (const name of ['timeout_keep_alive', 'port', 'host', 'uds', 'fd']) {
    const span = call.keywords.get(name);
    if (!span) continue;
    const read = evaluate(file.text, span, environment);
    const place = { file: file.path, span: read.literal ?? span };
    const set = read.environment !== undefined ? context.runtime?.environment.get(read.environment) : undefined;
    layer.set(name, {
      value: read.value,
      origin: set ? 'environment' : 'code',
      where: `${name}= in ${where}${read.environment ? (set ? `, from ${read.environment} of ${context.runtime!.description}` : ` (${read.environment} unset)`) : ''}`,
      at: set?.at ?? place,
      replace: set ? set.valueAt : read.literal ? place : read.value === undefined ? undefined : { file: file.path, span },
    });
  }
  return layer;
}

export function hypercornReading(context: AppContext, command: ServerCommand): ServerReading {
  const defaults = serverDefaults.hypercorn;
  const written = hypercornConfigOption(command);
  const configFile = written === undefined ? undefined : configFileOf(context, written);
  const layers = [
    optionLayer(
      readOptions(command.args, hypercornOptions),
      { '--keep-alive': 'keep_alive_timeout', '--bind': 'bind' },
      `on ${command.description}`,
      ['--bind'],
    ),
    configFile ? configLayer(configFile, ['keep_alive_timeout', 'bind'], context.runtime, context.rootDir) : new Map(),
  ];
  const timeout = decide('keep_alive_timeout', layers);
  const fromFlag = timeout?.where.startsWith('--') ?? false;
  const read = timeout ? secondsOf(timeout.value, !fromFlag) : defaults.keepAliveSeconds;
  if (typeof read === 'string' && timeout?.value !== undefined)
    context.report(timeout.at, `Hypercorn keep_alive_timeout: ${read}`, 'error');
  const bind = decide('bind', layers)?.value;
  const binds = Array.isArray(bind) ? bind : typeof bind === 'string' ? [bind] : [`${defaults.bind.host}:${defaults.bind.port}`];
  return {
    server: 'hypercorn',
    ...keptAlive(read, timeout),
    description: timeout ? timeout.where : "keep_alive_timeout unset, Hypercorn's default",
    raiseSetting: fromFlag || (!timeout && !configFile) ? defaults.flag : defaults.setting,
    addition: timeout
      ? undefined
      : configFile
        ? { kind: 'append', file: configFile, line: (s) => `keep_alive_timeout = ${s}` }
        : command.program.at
          ? { kind: 'flag', program: command.program, flag: defaults.flag }
          : undefined,
    ...bindsOf(binds),
    startedAt: command.program.at,
  };
}
