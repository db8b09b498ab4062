// A Node.js application's endpoints: each HTTP server its sources start, on the port they listen
// on, closing idle connections when Node.js actually does (keepAliveTimeout plus the buffer Node.js
// adds), whether the code, Fastify's option, the environment or the version's default decides it.
import * as path from 'node:path';
import type { TextEdit } from '../../types';
import type { LineIndex } from '../../text';
import type { FileProblem } from '../../problems';
import type { BackendRuntime } from '../kind';
import { editAt, type BackendEndpoint, type IdleTimeout, type Locator } from '../endpoint';
import type { CodeFile, CodeServer, Framework } from './code';
import type { PackageFile } from './package';
import { assumedNodeMajor, closeBufferMs, fastifyDefault } from './defaults';
import { defaultIdle, fromEnvironment, idleOf, serverEndpoint, versionWords } from './idle';
import { nextEndpoint } from './next';
import { majorOfImage, majorOfRange, majorOfWords, type NodeVersion } from './version';

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
      endpoints.push(codeServerEndpoint(server, source, version, relative, runtime));
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
  const image = runtime?.baseImage;
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

function codeServerEndpoint(
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
  const label = `${where}, Node.js ${name} server on port ${port ?? 'unknown'}`;
  return serverEndpoint({ file: source.path, span: server.span, key: `${source.path}:${server.span.start}`, label }, port, idle, buffer, {
    setting: server.framework === 'fastify' && !setting ? 'Fastify keepAliveTimeout' : env ? env.name : 'server.keepAliveTimeout',
    edits: (ms, locate) => raiseEdits(ms, locate, source.path, server, env),
  });
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
