// What a Python project's files say before anything runs: the servers its requirements,
// pyproject.toml or Pipfile depend on (and the version pinned), and the command a Procfile's
// `web:` process runs. Read from the text with offsets.
import * as path from 'node:path';
import type { Span } from '../../types';
import type { PythonServer } from './defaults';

export interface Dependency {
  server: PythonServer;
  /** The name as written: what a default underlines. */
  span: Span;
  /** `21.2.0` when pinned exactly (`==21.2.0`); undefined otherwise. */
  pinned?: string;
}

export interface ProjectFile {
  path: string;
  /** `requirements`, `pyproject`, `pipfile`, `procfile`, `gunicorn-conf`. */
  role: 'requirements' | 'pyproject' | 'pipfile' | 'procfile' | 'gunicorn-conf';
  dependencies: Dependency[];
  /** The Procfile's `web:` command and where it is written. */
  web?: { text: string; span: Span };
  /** Requirement files it includes (`-r base.txt`, `--requirement=prod.txt`), as paths. */
  includes: string[];
}

export function projectRole(file: string): ProjectFile['role'] | undefined {
  const base = path.basename(file);
  if (/^requirements.*\.txt$/.test(base)) return 'requirements';
  if (base === 'pyproject.toml') return 'pyproject';
  if (base === 'Pipfile') return 'pipfile';
  if (base === 'Procfile') return 'procfile';
  if (base === 'gunicorn.conf.py') return 'gunicorn-conf';
  return undefined;
}

// The name ends where PEP 508 names end: `uvicorn-worker` and `gunicorn_thrift` are other packages.
const name = '(gunicorn|uvicorn|hypercorn)(?![\\w.-])(?:\\[[^\\]\\n]*\\])?';
/** `gunicorn==21.2.0`, `uvicorn[standard]>=0.20`: a requirement line, or a PEP 508 string in pyproject.toml. */
const requirementLine = new RegExp(`^[ \\t]*${name}[ \\t]*(?:(===?|~=|>=|<=|!=|<|>)[ \\t]*([\\w.*+!-]+))?`, 'gim');
const pep508 = new RegExp(`["'][ \\t]*${name}[ \\t]*(?:(===?|~=|>=|<=|!=|<|>)[ \\t]*([\\w.*+!-]+))?[^"'\\n]*["']`, 'gi');
/** Poetry and Pipfile tables: `gunicorn = "==20.1.0"`, `uvicorn = {extras = [...], version = "^0.30"}`. */
const tableEntry = new RegExp(
  `^[ \\t]*${name}[ \\t]*=[ \\t]*(?:["']([^"'\\n]*)["']|\\{[^}\\n]*version[ \\t]*=[ \\t]*["']([^"'\\n]*)["'])?`,
  'gim',
);

export function readProject(file: string, text: string): ProjectFile {
  const role = projectRole(file) ?? 'requirements';
  const project: ProjectFile = { path: file, role, dependencies: [], includes: [] };
  const add = (m: RegExpMatchArray, pin: string | undefined) => {
    const server = m[1].toLowerCase() as PythonServer;
    const start = m.index! + m[0].toLowerCase().indexOf(server);
    project.dependencies.push({ server, span: { start, end: start + server.length }, pinned: pin });
  };
  const exact = (operator: string | undefined, version: string | undefined) =>
    (operator === '==' || operator === '===') && version && /^\d+(?:\.\d+)*$/.test(version) ? version : undefined;
  if (role === 'requirements') {
    const code = blankHashComments(text);
    for (const m of code.matchAll(requirementLine)) add(m, exact(m[2], m[3]));
    for (const m of code.matchAll(/^[ \t]*(?:-r|--requirement)(?:[ \t]+|=)(\S+)/gm))
      if (!/^[a-z]+:\/\//.test(m[1])) project.includes.push(path.join(path.dirname(file), m[1]));
  }
  if (role === 'pyproject' || role === 'pipfile') {
    const code = blankHashComments(text);
    for (const m of code.matchAll(pep508)) add(m, exact(m[2], m[3]));
    for (const m of code.matchAll(tableEntry)) {
      const spec = (m[2] ?? m[3] ?? '').trim();
      const pinned = /^(?:==)?\s*(\d+(?:\.\d+)*)$/.exec(spec); // Pipfile `==X`, Poetry's bare `X` (an exact version)
      add(m, pinned?.[1]);
    }
  }
  if (role === 'procfile') {
    const web = /^web[ \t]*:[ \t]*(.*?)[ \t]*\r?$/m.exec(text);
    if (web) {
      const start = web.index + web[0].indexOf(web[1], web[0].indexOf(':') + 1);
      project.web = { text: web[1], span: { start, end: start + web[1].length } };
    }
  }
  return project;
}

/** `#` comments as spaces, offsets kept (a `#` inside a quoted string stays). */
function blankHashComments(text: string): string {
  return text.replace(/"[^"\n]*"|'[^'\n]*'|#[^\n]*/g, (m) => (m.startsWith('#') ? ' '.repeat(m.length) : m));
}

/** Whether the file says a server runs at all: a server dependency, a Procfile that starts one, a gunicorn config. */
export function projectServes(project: ProjectFile): boolean {
  if (project.role === 'gunicorn-conf') return true;
  if (project.role === 'procfile')
    return project.web !== undefined && /\b(?:gunicorn|uvicorn|hypercorn|python[\d.]*)\b/.test(project.web.text);
  return project.dependencies.length > 0 || project.includes.length > 0; // an included file may name one
}

/** The requirement files a project file includes, and theirs, a few levels deep, each once. */
export function includedProjects(project: ProjectFile, read: (file: string) => ProjectFile | undefined): ProjectFile[] {
  const seen = new Set([project.path]);
  const found: ProjectFile[] = [];
  let level = [project];
  for (let depth = 0; depth < 4 && level.length > 0; depth++) {
    const next: ProjectFile[] = [];
    for (const file of level)
      for (const include of file.includes) {
        if (seen.has(include)) continue;
        seen.add(include);
        const included = read(include);
        if (included) next.push(included);
      }
    found.push(...next);
    level = next;
  }
  return found;
}
