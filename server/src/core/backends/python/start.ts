// How an application folder's server is started: the deployment's command line (compose, a
// Dockerfile) when it runs a Python server or script, else the Procfile's `web:` process; and the
// config files that command makes the server read.
import * as path from 'node:path';
import type { BackendRuntime } from '../kind';
import { shellWords } from '../../quote';
import {
  gunicornOptions,
  hypercornOptions,
  locateWords,
  placeCommand,
  readOptions,
  serverCommand,
  type CommandSource,
  type ScriptCommand,
  type ServerCommand,
  type Word,
} from './command';
import type { ProjectFile } from './project';
import { environmentOf } from './layers';
import type { AppContext } from './context';
import type { PythonCompanion } from './model';

export interface Start {
  command?: ServerCommand | ScriptCommand;
  /** The texts the command's words are written in. */
  sources: CommandSource[];
}

export function startOf(runtime: BackendRuntime | undefined, procfile: ProjectFile | undefined): Start {
  const environment = environmentOf(runtime);
  if (runtime && runtime.commandLine.length > 0) {
    const sources = runtime.commandSources ?? [];
    const command = serverCommand(placeCommand(runtime.commandLine, sources), `the command of ${runtime.description}`, environment, false);
    if (command) return { command, sources };
  }
  if (procfile?.web) {
    const source = { file: procfile.path, span: procfile.web.span, text: procfile.web.text };
    const words = locateWords(shellWords(procfile.web.text), [source]);
    const command = serverCommand(words, 'the Procfile web process', environment, true);
    if (command) return { command, sources: [source] };
  }
  return { sources: [] };
}

export const isServerCommand = (command: Start['command']): command is ServerCommand => command !== undefined && 'server' in command;

/**
 * The files `-c PATH` (or `file:PATH`) may name, in the application folder: the path as written
 * relative to it (the working folder assumed), and for an absolute container path
 * (`/app/conf/gunicorn.py`) each of its tails (`app/conf/gunicorn.py`, `conf/gunicorn.py`, ...).
 */
export function configCandidates(dir: string, written: string): string[] {
  if (written.startsWith('python:')) return []; // a module: not read
  const file = written.replace(/^file:/, '');
  if (!file.startsWith('/')) return [path.join(dir, file)];
  const parts = file.split('/').filter((p) => p !== '');
  return parts.map((_, i) => path.join(dir, ...parts.slice(i)));
}

/** The config file `-c` names, as the kind read it (undefined: none of its candidates exists). */
export function configFileOf(context: AppContext, written: string): PythonCompanion | undefined {
  return configCandidates(context.dir, written)
    .map((p) => context.companion(p))
    .find((f) => f !== undefined);
}

/** gunicorn's `-c`: on the command line, else in GUNICORN_CMD_ARGS. */
export function gunicornConfigOption(
  command: ServerCommand,
  runtime: BackendRuntime | undefined,
  readsEnvironment: boolean,
): string | undefined {
  const fromCommand = readOptions(command.args, gunicornOptions).get('--config')?.at(-1)?.value;
  if (fromCommand !== undefined) return fromCommand;
  const cmdArgs = readsEnvironment ? runtime?.environment.get('GUNICORN_CMD_ARGS')?.value : undefined;
  return cmdArgs === undefined
    ? undefined
    : readOptions(plainWords(shellWords(cmdArgs)), gunicornOptions)
        .get('--config')
        ?.at(-1)?.value;
}

export function hypercornConfigOption(command: ServerCommand): string | undefined {
  return readOptions(command.args, hypercornOptions).get('--config')?.at(-1)?.value;
}

const plainWords = (texts: string[]): Word[] => texts.map((text) => ({ text }));
