// A Node.js application's endpoints: each HTTP server its sources start, on the port they listen
// on, closing idle connections when Node.js actually does (keepAliveTimeout plus the buffer Node.js
// adds), whether the code, Fastify's option, the environment or the version's default decides it.
import * as path from 'node:path';
import type { ParseProblem, Span, TextEdit } from '../../types';
import type { LineIndex } from '../../text';
import type { FileProblem } from '../../problems';
import type { BackendRuntime } from '../kind';
import { editAt, maxInt32, type BackendEndpoint, type IdleTimeout, type Locator } from '../endpoint';
import type { CodeFile, CodeServer, Framework } from './code';
import type { NodePackage } from './package';
import { assumedNodeMajor, closeBufferMs, defaultKeepAliveMs, fastifyDefault, keepAliveDefaults, nextStandalone } from './defaults';
import { majorOfImage, majorOfRange, majorOfWords, type NodeVersion } from './version';

export interface PackageFile {
  path: string;
  text: string;
  lines: LineIndex;
  problems: ParseProblem[];
  pkg: NodePackage;
}

export type NodeCompanion =
  { role: 'version'; path: string; lines: LineIndex; text: string } | (CodeFile & { role: 'code'; lines: LineIndex });

const frameworkNames: Record<Framework | 'next', string> = {
  http: 'http',
  express: 'Express',
  koa: 'Koa',
  nest: 'NestJS',
  fastify: 'Fastify',
  next: 'Next.js',
};

/** Folders of build output: a server found in sources wins over its compiled copy there. */
const outputFolders = new Set(['dist', 'build', 'out', '.output']);

export function applicationEndpoints(
  file: PackageFile,
  companions: (NodeCompanion | undefined)[],
  rootDir: string,
  problems: FileProblem[],
  runtime?: BackendRuntime,
): BackendEndpoint[] {
  const appDir = path.dirname(file.path);
  const relative = (p: string) => path.relative(rootDir, p).split(path.sep).join('/');
  const version = nodeVersion(file, companions, runtime, relative);
  const code = companions.filter((c) => c?.role === 'code');
  const isOutput = (p: string) =>
    path
      .relative(appDir, p)
      .split(path.sep)
      .some((part) => outputFolders.has(part));
  const fromSources = code.filter((c) => !isOutput(c.path) && c.servers.length > 0);
  const chosen = fromSources.length > 0 ? fromSources : code.filter((c) => c.servers.length > 0);
  const endpoints: BackendEndpoint[] = [];
  for (const source of chosen) {
    for (const server of source.servers) {
      if (server.keepAlive && server.keepAlive.value === undefined && !server.keepAlive.env)
        problems.push({
          path: source.path,
          lines: source.lines,
          problem: {
            code: 'nodejs-config',
            severity: 'info',
            span: server.keepAlive.span,
            message: `Node.js keepAliveTimeout is set in code, value not known here: this server is not checked`,
          },
        });
      endpoints.push(serverEndpoint(server, source, version, relative, runtime));
    }
  }
  if (endpoints.length === 0 && file.pkg.frameworks.includes('next')) endpoints.push(nextEndpoint(file, version, relative, runtime));
  return endpoints;
}

/** The image, then .nvmrc / .node-version (nearest folder first), then a one-line engines.node; else the newest LTS line. */
function nodeVersion(
  file: PackageFile,
  companions: (NodeCompanion | undefined)[],
  runtime: BackendRuntime | undefined,
  relative: (p: string) => string,
): NodeVersion {
  const image = runtime?.image;
  const fromImage = image && majorOfImage(image.name);
  if (image && fromImage !== undefined)
    return { major: fromImage, from: `FROM ${image.name}${image.at ? ` in ${relative(image.at.file)}` : ''}`, at: image.at };
  for (const companion of companions) {
    if (companion?.role !== 'version') continue;
    const firstLine = companion.text.split(/\r?\n/)[0];
    const major = majorOfWords(firstLine);
    if (major !== undefined)
      return { major, from: relative(companion.path), at: { file: companion.path, span: { start: 0, end: firstLine.length } } };
  }
  const engines = file.pkg.engines;
  const fromEngines = engines && majorOfRange(engines.value);
  if (engines && fromEngines !== undefined)
    return { major: fromEngines, from: `engines.node "${engines.value}"`, at: { file: file.path, span: engines.span } };
  return { major: assumedNodeMajor };
}

const versionWords = (version: NodeVersion) =>
  version.from
    ? `Node.js ${version.major} (${version.from})`
    : `Node.js ${version.major} assumed (no FROM node:, .nvmrc, .node-version or one-line engines.node says which; the newest LTS line)`;

/** A number from the environment, when the variable is set there to one. */
function fromEnvironment(name: string | undefined, runtime: BackendRuntime | undefined) {
  const set = name === undefined ? undefined : runtime?.environment.get(name);
  if (!set) return undefined;
  const n = /^\s*\d+\s*$/.test(set.value) ? Number(set.value) : undefined;
  return { ...set, number: n, name: name! };
}

function serverEndpoint(
  server: CodeServer,
  source: CodeFile & { lines: LineIndex },
  version: NodeVersion,
  relative: (p: string) => string,
  runtime: BackendRuntime | undefined,
): BackendEndpoint {
  const portEnv = fromEnvironment(server.port?.env, runtime);
  const port = portEnv?.number ?? (portEnv ? undefined : server.port?.value);
  const name = frameworkNames[server.framework];
  const where = relative(source.path);
  const setting = server.keepAlive;
  const env = fromEnvironment(setting?.env, runtime);
  const buffer = closeBufferMs(version.major);
  let idle: IdleTimeout;
  if (setting && (env || setting.value !== undefined)) {
    const ms = env ? env.number : setting.value;
    const said = setting.how === 'option' ? `Fastify option keepAliveTimeout in ${where}` : `keepAliveTimeout set in ${where}`;
    idle = idleOf(
      ms,
      buffer,
      version,
      env ? `${said}, from ${env.name}=${env.value} (${runtime!.description})` : said,
      env ? 'environment' : 'code',
    );
    Object.assign(idle, env?.at ? { path: env.at.file, span: env.at.span } : { path: source.path, span: setting.literal ?? setting.span });
    if (env && env.number === undefined) idle.unknown = `${env.name}="${env.value}" is no number of milliseconds`;
  } else if (setting) {
    idle = {
      never: false,
      origin: 'code',
      setting: 'keepAliveTimeout',
      description: `keepAliveTimeout set in ${where}`,
      path: source.path,
      span: setting.span,
      unknown: 'set in code, value not known',
    };
  } else if (server.framework === 'fastify') {
    idle = idleOf(fastifyDefault.ms, buffer, version, `Fastify default keepAliveTimeout ${fastifyDefault.ms} ms`, 'default');
    Object.assign(idle, {
      path: source.path,
      span: server.span,
      assumed: { versions: `Fastify (${versionWords(version)})`, source: fastifyDefault.source },
    });
  } else {
    idle = defaultIdle(version, buffer, source.path, server.span);
  }
  return {
    kind: 'nodejs',
    serverName: 'Node.js',
    noun: 'server',
    label: `${where}, Node.js ${name} server on port ${port ?? 'unknown'}`,
    key: `${source.path}:${server.span.start}`,
    file: { path: source.path },
    span: server.span,
    nameSpan: server.span,
    port,
    hosts: [],
    protocol: 'http',
    keepsAlive: true,
    idle,
    raise: {
      setting: server.framework === 'fastify' && !setting ? 'Fastify keepAliveTimeout' : env ? env.name : 'server.keepAliveTimeout',
      maxMs: maxInt32 - buffer, // Node's timers take at most 2^31-1 ms (a longer one fires after 1 ms)
      edits: (ms, locate) => raiseEdits(ms, locate, source.path, server, env),
    },
  };
}

/** Node.js's own default for the version, underlining the call that starts the server. */
function defaultIdle(version: NodeVersion, buffer: number, file: string, span: Span): IdleTimeout {
  const ms = defaultKeepAliveMs(version.major);
  const idle = idleOf(ms, buffer, version, `Node.js default keepAliveTimeout ${ms} ms, ${versionWords(version)}`, 'default');
  return { ...idle, path: file, span, assumed: { versions: `Node.js ${version.major}`, source: keepAliveDefaults.source } };
}

/** When Node.js closes: keepAliveTimeout + its buffer; 0 never times out (resOnFinish sets no timer). */
function idleOf(
  keepAliveMs: number | undefined,
  buffer: number,
  version: NodeVersion,
  description: string,
  origin: IdleTimeout['origin'],
): IdleTimeout {
  const never = keepAliveMs === 0;
  const closes = keepAliveMs === undefined || never ? undefined : keepAliveMs + buffer;
  const closing =
    closes === undefined
      ? ''
      : buffer > 0
        ? `, closing at ${closes} ms with Node.js ${version.major}'s ${buffer} ms keepAliveTimeoutBuffer`
        : '';
  return {
    ms: closes,
    never,
    origin,
    setting: origin === 'default' ? undefined : 'keepAliveTimeout',
    description: `${description}${never ? ' (0: no keep-alive timeout, idle connections stay open)' : closing}`,
    path: '',
    span: { start: 0, end: 0 },
  };
}

function raiseEdits(
  ms: number,
  locate: Locator,
  file: string,
  server: CodeServer,
  env: ReturnType<typeof fromEnvironment>,
): TextEdit[] | undefined {
  if (!Number.isInteger(ms)) return undefined;
  if (env) return env.valueAt ? editAt(locate(env.valueAt.file, env.valueAt.span), String(ms)) : undefined;
  const setting = server.keepAlive;
  if (setting) return setting.literal && setting.value !== undefined ? editAt(locate(file, setting.literal), String(ms)) : undefined;
  const inserts = server.insert?.(ms);
  if (!inserts) return undefined;
  const edits: TextEdit[] = [];
  for (const insert of inserts) {
    const edit = editAt(locate(file, { start: insert.at, end: insert.at }), insert.text);
    if (!edit) return undefined;
    edits.push(...edit);
  }
  return edits;
}

/**
 * Next.js without a server of its own in the sources: the standalone server.js (`output:
 * 'standalone'`), which reads PORT (default 3000) and KEEP_ALIVE_TIMEOUT from the environment.
 */
function nextEndpoint(
  file: PackageFile,
  version: NodeVersion,
  relative: (p: string) => string,
  runtime: BackendRuntime | undefined,
): BackendEndpoint {
  const portEnv = fromEnvironment('PORT', runtime);
  const port = portEnv ? portEnv.number : nextStandalone.defaultPort;
  const env = fromEnvironment(nextStandalone.variable, runtime);
  const buffer = closeBufferMs(version.major);
  // start-server.ts sets keepAliveTimeout only when truthy: KEEP_ALIVE_TIMEOUT=0 keeps Node's default.
  const idle =
    env && env.number
      ? {
          ...idleOf(
            env.number,
            buffer,
            version,
            `${env.name}=${env.value} (${runtime!.description}), Next.js standalone server`,
            'environment',
          ),
          path: env.at?.file ?? file.path,
          span: env.at?.span ?? file.pkg.span,
        }
      : defaultIdle(version, buffer, file.path, file.pkg.span);
  return {
    kind: 'nodejs',
    serverName: 'Node.js',
    noun: 'server',
    label: `${relative(file.path)}, Node.js Next.js server on port ${port ?? 'unknown'}`,
    key: `${file.path}:next`,
    file: { path: file.path },
    span: file.pkg.span,
    nameSpan: file.pkg.span,
    port,
    hosts: [],
    protocol: 'http',
    keepsAlive: true,
    idle,
    raise: {
      setting: nextStandalone.variable,
      maxMs: maxInt32 - buffer,
      edits: (ms, locate) => (env?.valueAt ? editAt(locate(env.valueAt.file, env.valueAt.span), String(ms)) : undefined),
    },
  };
}
