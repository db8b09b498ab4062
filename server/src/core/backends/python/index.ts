// The Python kind: gunicorn, uvicorn and Hypercorn behind nginx. A folder's project file
// (requirements*.txt, pyproject.toml, Pipfile, a Procfile, gunicorn.conf.py) stands for its
// application; the deployment's command line or the Procfile says which server starts and how;
// gunicorn.conf.py, `-c` config files and the Python sources that pass a cheap text test say
// the rest. One endpoint per application folder.
import * as path from 'node:path';
import { LineIndex } from '../../text';
import { defineBackendKind } from '../kind';
import { pythonNames } from './names';
import { includedProjects, projectRole, projectServes, readProject } from './project';
import { applicationEndpoints, type PythonProjectFile } from './application';
import { configCandidates, gunicornConfigOption, hypercornConfigOption, isServerCommand, startOf } from './start';
import { mayStartServer } from './uvicorn';
import type { PythonCompanion } from './model';

const isSource = (file: string) => file.endsWith('.py');

export const pythonKind = defineBackendKind<PythonProjectFile, PythonCompanion>({
  id: 'python',
  serverName: 'gunicorn, uvicorn or Hypercorn',
  endpointNoun: 'server',
  fileName: 'Python project file',
  filesNoun: 'Python project file',
  ...pythonNames,
  companionTextTest: (file, text) => !isSource(file) || mayStartServer(text),
  syntaxCheck: 'invalid-value',
  parse: (file, text) => ({ path: file, text, lines: new LineIndex(text), problems: [], project: readProject(file, text) }),
  serves: (file) => projectServes(file.project),
  companions: (file, read, registeredUnder, runtime) => {
    const dir = path.dirname(file.path);
    const under = registeredUnder(dir);
    const siblings = under
      .filter((p) => path.dirname(p) === dir && p !== file.path && projectRole(p) !== undefined)
      .sort((a, b) => a.localeCompare(b));
    const procfile = path.join(dir, 'Procfile');
    const start = startOf(runtime, read(procfile)?.project);
    const configs = [path.join(dir, 'gunicorn.conf.py')];
    if (isServerCommand(start.command)) {
      const written =
        start.command.server === 'gunicorn' ? gunicornConfigOption(start.command, runtime, true) : hypercornConfigOption(start.command);
      if (written !== undefined) configs.push(...configCandidates(dir, written));
    }
    // `-r base.txt` in a requirements file: the included files, read through `read` and listed.
    const included: string[] = [];
    const readProjectFile = (p: string) => (included.push(p), read(p)?.project);
    for (const sibling of [file.project, ...siblings.map((p) => read(p)?.project)]) if (sibling) includedProjects(sibling, readProjectFile);
    const sources = under.filter((p) => isSource(p) && path.basename(p) !== 'gunicorn.conf.py');
    return [...new Set([...siblings, ...included, procfile, ...configs, ...sources])];
  },
  parseCompanion: (file, text) => {
    const role = projectRole(file);
    // A requirements file included by `-r` may have any name (`requirements/base.txt`).
    const project = role || file.endsWith('.txt') ? readProject(file, text) : undefined;
    return { path: file, text, lines: new LineIndex(text), project };
  },
  endpoints: (file, companions, rootDir, problems, runtime) => applicationEndpoints(file, companions, rootDir, problems, runtime),
});
