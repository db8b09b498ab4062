// The command that starts a Python server, as words with where each is written: from the
// deployment (compose `command:`/`entrypoint:`, a Dockerfile's CMD/ENTRYPOINT, `sh -c "..."`
// scripts in them) or a Procfile's `web:` line; then its options as gunicorn's argparse,
// uvicorn's click and Hypercorn's argparse read them (`--flag value`, `--flag=value`, `-bVALUE`).
import * as path from 'node:path';
import type { Span } from '../../types';
import { shellWords } from '../../quote';
import type { PythonServer } from './defaults';

/** A word of a command, and where its text is written when it could be found. */
export interface Word {
  text: string;
  at?: { file: string; span: Span };
}

/** A text a command is written in (a compose value, a Dockerfile instruction, a Procfile line). */
export interface CommandSource {
  file: string;
  span: Span;
  text: string;
}

export interface ServerCommand {
  server: PythonServer;
  /** The program word (`gunicorn`, or the module after `python -m`): where a flag is added. */
  program: Word;
  args: Word[];
  /** `compose service app in docker-compose.yml`, `Procfile` */
  description: string;
}

/** `python app.py` / `python -m app`: a script that may call uvicorn.run(). */
export interface ScriptCommand {
  script: string;
  description: string;
}

const servers = new Set<string>(['gunicorn', 'uvicorn', 'hypercorn']);
const separators = new Set(['&&', '||', ';', '|', '&']);
const shells = /^(?:\/(?:usr\/)?bin\/)?(?:ba|da)?sh$/;

/**
 * The words located in their sources, in order; a word not found (quoted, escaped, added by
 * Docker) has no place. Each word is looked for just after the previous one (separators are
 * short: spaces, quotes, commas, `- `), so that the search stays linear in the text.
 */
export function locateWords(words: string[], sources: CommandSource[]): Word[] {
  let source = 0;
  let offset = 0;
  return words.map((text) => {
    for (let s = source; s < sources.length && text !== ''; s++) {
      const from = s === source ? offset : 0;
      const window = sources[s].text.slice(from, from + 2 * text.length + 256);
      const found = window.indexOf(text);
      if (found < 0) continue;
      const at = from + found;
      source = s;
      offset = at + text.length;
      const start = sources[s].span.start + at;
      return { text, at: { file: sources[s].file, span: { start, end: start + text.length } } };
    }
    return { text };
  });
}

/**
 * The deployment's words placed in their sources. Docker's shell form (`CMD gunicorn ...`) reads
 * as `/bin/sh -c "gunicorn ..."`, whose first two words are written nowhere: the script is placed alone.
 */
export function placeCommand(words: string[], sources: CommandSource[]): Word[] {
  const dockerShell = words.length === 3 && words[0] === '/bin/sh' && words[1] === '-c' && !sources.some((s) => s.text.includes('/bin/sh'));
  if (!dockerShell) return locateWords(words, sources);
  return [{ text: words[0] }, { text: words[1] }, ...locateWords(words.slice(2), sources)];
}

/** `sh -c "cd /app && gunicorn ..."`: the script's words, each placed inside the script's own place. */
function expandShell(words: Word[], environment: (name: string) => string | undefined): Word[] {
  const index = words.findIndex((w, i) => shells.test(w.text) && words[i + 1]?.text === '-c');
  if (index < 0 || index + 2 >= words.length) return words;
  const script = words[index + 2];
  const inner = shellWords(script.text).map((text) => expand(text, environment));
  const placed = script.at
    ? locateWords(inner, [{ file: script.at.file, span: script.at.span, text: script.text }])
    : inner.map((text) => ({ text }));
  return [...words.slice(0, index), ...placed];
}

/** `$NAME`, `${NAME}`, `${NAME:-default}` from the environment, as a shell expands them; unset ones stay. */
export function expand(word: string, environment: (name: string) => string | undefined): string {
  if (!word.includes('$')) return word;
  return word.replace(/\$\{([A-Za-z_]\w*)(?::?-([^}]*))?\}|\$([A-Za-z_]\w*)/g, (match, braced: string, fallback: string, bare: string) => {
    const value = environment(braced ?? bare);
    if (value !== undefined && value !== '') return value;
    return fallback ?? match;
  });
}

/** The server a command line starts, with its arguments; or the Python script it runs. */
export function serverCommand(
  words: Word[],
  description: string,
  environment: (name: string) => string | undefined,
  shell: boolean,
): ServerCommand | ScriptCommand | undefined {
  const all = expandShell(shell ? words.map((w) => ({ ...w, text: expand(w.text, environment) })) : words, environment);
  for (let i = 0; i < all.length; i++) {
    const word = all[i].text;
    const base = path.posix.basename(word);
    const module = word === '-m' ? all[i + 1]?.text : undefined;
    const program = servers.has(base) ? all[i] : module && servers.has(module) ? all[i + 1] : undefined;
    if (program) {
      const start = program === all[i] ? i + 1 : i + 2;
      let end = start;
      while (end < all.length && !separators.has(all[end].text)) end++;
      return { server: path.posix.basename(program.text) as PythonServer, program, args: all.slice(start, end), description };
    }
  }
  // No server named: the last `python app.py` / `python -m app` (earlier ones migrate, then exit).
  for (let i = all.length - 1; i >= 0; i--) {
    if (!/^python[\d.]*$/.test(path.posix.basename(all[i].text))) continue;
    const next = all[i + 1]?.text;
    if (next === '-m' && all[i + 2]) return { script: all[i + 2].text, description };
    if (next?.endsWith('.py')) return { script: next, description };
  }
  return undefined;
}

/** An option's value as read, with where the value is written. */
export interface OptionValue {
  value: string;
  /** The value's own text (what an edit rewrites). */
  at?: { file: string; span: Span };
  /** The flag's word, `--keep-alive=2` whole. */
  flag: Word;
}

/**
 * Options by their long name (`--keep-alive`), each occurrence in order. `names` maps every
 * spelling (`-b`, `--bind`) to the long name; only options that take a value are listed.
 */
export function readOptions(args: Word[], names: Record<string, string>): Map<string, OptionValue[]> {
  const options = new Map<string, OptionValue[]>();
  const add = (name: string, value: OptionValue) => options.set(name, [...(options.get(name) ?? []), value]);
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    const text = word.text;
    const eq = text.indexOf('=');
    if (text.startsWith('--') && eq > 0 && names[text.slice(0, eq)]) {
      add(names[text.slice(0, eq)], { value: text.slice(eq + 1), at: inside(word, eq + 1), flag: word });
    } else if (names[text] && i + 1 < args.length) {
      add(names[text], { value: args[i + 1].text, at: args[i + 1].at, flag: word });
      i++;
    } else if (/^-[A-Za-z]./.test(text) && names[text.slice(0, 2)]) {
      add(names[text.slice(0, 2)], { value: text.slice(2), at: inside(word, 2), flag: word }); // -b0.0.0.0:8000
    }
  }
  return options;
}

function inside(word: Word, from: number): { file: string; span: Span } | undefined {
  return word.at && { file: word.at.file, span: { start: word.at.span.start + from, end: word.at.span.end } };
}

export const gunicornOptions: Record<string, string> = {
  '-b': '--bind',
  '--bind': '--bind',
  '-k': '--worker-class',
  '--worker-class': '--worker-class',
  '--threads': '--threads',
  '--keep-alive': '--keep-alive',
  '-c': '--config',
  '--config': '--config',
};

export const uvicornOptions: Record<string, string> = {
  '--host': '--host',
  '--port': '--port',
  '--uds': '--uds',
  '--fd': '--fd',
  '--timeout-keep-alive': '--timeout-keep-alive',
};

export const hypercornOptions: Record<string, string> = {
  '-b': '--bind',
  '--bind': '--bind',
  '--keep-alive': '--keep-alive',
  '-c': '--config',
  '--config': '--config',
};
