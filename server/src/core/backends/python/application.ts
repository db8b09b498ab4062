// A Python application as an endpoint: the server its start command (or, failing one, its files)
// names, read by that server's rules, with the version its project pins or the newest assumed.
import * as path from 'node:path';
import type { ParseProblem, Span } from '../../types';
import type { LineIndex } from '../../text';
import type { FileProblem } from '../../problems';
import type { BackendRuntime } from '../kind';
import { maxInt32, type BackendEndpoint, type IdleTimeout } from '../endpoint';
import { serverDefaults, type PythonServer } from './defaults';
import { includedProjects, projectServes, type ProjectFile } from './project';
import { isServerCommand, startOf, type Start } from './start';
import { gunicornReading } from './gunicorn';
import { hypercornReading, uvicornCallIn, uvicornReading, type UvicornCall } from './uvicorn';
import { additionEdits, replaceEdits } from './edits';
import type { ServerReading } from './reading';
import type { AppContext } from './context';
import type { PythonCompanion } from './model';

export interface PythonProjectFile {
  path: string;
  text: string;
  lines: LineIndex;
  problems: ParseProblem[];
  project: ProjectFile;
}

/** Which of a folder's project files speaks for the application: the first that serves, in this order. */
const leaderOrder = ['pyproject', 'requirements', 'pipfile', 'procfile', 'gunicorn-conf'] as const;

export function leaderRank(project: ProjectFile): number {
  return leaderOrder.indexOf(project.role) * 2 + (path.basename(project.path) === 'requirements.txt' ? 0 : 1);
}

export function applicationEndpoints(
  file: PythonProjectFile,
  companions: (PythonCompanion | undefined)[],
  rootDir: string,
  problems: FileProblem[],
  runtime: BackendRuntime | undefined,
): BackendEndpoint[] {
  const dir = path.dirname(file.path);
  const byPath = new Map(companions.filter((c) => c !== undefined).map((c) => [c.path, c]));
  const projects = [file.project, ...[...byPath.values()].flatMap((c) => (c.project && c.path !== file.path ? [c.project] : []))]
    .filter((p) => path.dirname(p.path) === dir && projectServes(p))
    .sort((a, b) => leaderRank(a) - leaderRank(b) || (a.path < b.path ? -1 : 1));
  if (projects[0]?.path !== file.path) return []; // another file of the folder speaks for it
  // The dependencies of the folder's project files and of the requirement files they include.
  const dependencies = [...projects, ...projects.flatMap((p) => includedProjects(p, (f) => byPath.get(f)?.project))].flatMap((p) =>
    p.dependencies.map((d) => ({ p, d })),
  );
  const start = startOf(runtime, byPath.get(path.join(dir, 'Procfile'))?.project);
  const sources = [...byPath.values()].filter((c) => c.path.endsWith('.py') && path.basename(c.path) !== 'gunicorn.conf.py');
  const chosen = chooseServer(start, dir, byPath, sources);
  if (!chosen) return [];
  const pinned = dependencies.find(({ d }) => d.server === chosen.server && d.pinned)?.d.pinned;
  const defaults = serverDefaults[chosen.server];
  const version = pinned ?? defaults.newest;
  const context: AppContext = {
    dir,
    rootDir,
    runtime,
    companion: (p) => byPath.get(p) ?? (p === file.path ? { ...file } : undefined),
    version,
    report: (place, message, severity) => {
      const lines = place && (place.file === file.path ? file.lines : byPath.get(place.file)?.lines);
      if (place && lines)
        problems.push({ path: place.file, lines, problem: { code: 'invalid-value', severity, span: place.span, message } });
    },
  };
  const command = isServerCommand(start.command) ? start.command : undefined;
  const reading =
    chosen.server === 'gunicorn'
      ? gunicornReading(context, command)
      : chosen.server === 'hypercorn' && command
        ? hypercornReading(context, command)
        : uvicornReading(context, command, chosen.code);
  if (!reading) return [];
  const dependency = dependencies.find(({ d }) => d.server === chosen.server);
  const declared: { file: string; span: Span } = dependency
    ? { file: dependency.p.path, span: dependency.d.span }
    : { file: file.path, span: file.project.web?.span ?? { start: 0, end: 0 } };
  const relative = path.relative(rootDir, file.path).split(path.sep).join('/');
  // Where a default decided, the version it is the default of; an unpinned version is always said.
  const versionWords = pinned
    ? reading.decided
      ? ''
      : `; ${defaults.serverName} ${version} pinned`
    : `; ${defaults.serverName} version not pinned, ${version} assumed`;
  return [
    {
      kind: 'python',
      serverName: defaults.serverName,
      noun: 'server',
      label: `${relative}, ${defaults.serverName} on ${reading.port !== undefined ? `port ${reading.port}` : reading.socket ? `socket ${reading.socket}` : 'port unknown'}`,
      key: `${file.path}:${declared.file === file.path ? declared.span.start : 0}`,
      file: { path: file.path },
      span: declared.file === file.path ? declared.span : { start: 0, end: 0 },
      nameSpan: declared.file === file.path ? declared.span : { start: 0, end: 0 },
      port: reading.port,
      hosts: reading.hosts,
      socket: reading.socket,
      protocol: 'http',
      keepsAlive: reading.keepsAlive,
      noKeepAliveReason: reading.keepsAlive ? undefined : reading.noKeepAliveReason,
      idle: idleOf(reading, reading.startedAt ?? declared, defaults.serverName, version, versionWords),
      raise: {
        setting: `${defaults.serverName} ${reading.raiseSetting}`,
        maxMs: maxInt32,
        display: (ms) => `${Math.ceil(ms / 1000)}s`,
        creates: (ms) =>
          reading.addition?.kind === 'create'
            ? { file: reading.addition.file, text: reading.addition.text(Math.ceil(ms / 1000)) }
            : undefined,
        edits: (ms, locate) => {
          const seconds = Math.ceil(ms / 1000);
          if (reading.decided) return reading.decided.replace ? replaceEdits(reading.decided.replace, seconds, locate) : undefined;
          return reading.addition ? additionEdits(reading.addition, start.sources, seconds, locate) : undefined;
        },
      },
    },
  ];
}

function idleOf(
  reading: ServerReading,
  startedAt: { file: string; span: Span },
  serverName: string,
  version: string,
  versionWords: string,
): IdleTimeout {
  const decided = reading.decided;
  const place = decided?.at ?? startedAt;
  return {
    ms: reading.seconds === undefined ? undefined : reading.seconds * 1000,
    never: false, // each of these servers closes idle connections at some point
    origin: decided?.origin ?? 'default',
    setting: decided ? serverDefaults[reading.server].setting : undefined,
    description: `${reading.description}${versionWords}`,
    assumed: decided
      ? undefined
      : { versions: `${serverName} ${version}`, source: reading.defaultSource ?? serverDefaults[reading.server].keepAliveSource },
    path: place.file,
    span: place.span,
    unknown: reading.seconds === undefined ? (reading.unknown ?? 'not known') : undefined,
  };
}

/**
 * The server that runs: the one the start command names; for `python app.py` (or no command) the
 * uvicorn.run() in the sources (the script's own file first); with no command, gunicorn when a
 * gunicorn.conf.py is there. A dependency alone starts nothing: how it would start is not known.
 */
function chooseServer(
  start: Start,
  dir: string,
  byPath: Map<string, PythonCompanion>,
  sources: PythonCompanion[],
): { server: PythonServer; code?: UvicornCall } | undefined {
  if (isServerCommand(start.command)) return { server: start.command.server };
  const script = start.command?.script;
  const scriptFile = script && (script.endsWith('.py') ? path.join(dir, script) : path.join(dir, ...script.split('.')) + '.py');
  const ordered = scriptFile ? [...sources.filter((s) => s.path === scriptFile), ...sources.filter((s) => s.path !== scriptFile)] : sources;
  for (const source of ordered) {
    const code = uvicornCallIn(source);
    if (code) return { server: 'uvicorn', code };
  }
  if (start.command) return undefined; // a script that starts no server we read
  return byPath.has(path.join(dir, 'gunicorn.conf.py')) ? { server: 'gunicorn' } : undefined;
}
