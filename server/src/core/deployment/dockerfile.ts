// A Dockerfile's instructions that matter to wiring (Dockerfile reference,
// docs.docker.com/reference/dockerfile/): FROM (`--platform`, `AS name`, tags from ARG defaults),
// ARG, ENV, CMD and ENTRYPOINT (exec and shell forms), WORKDIR, COPY and ADD (sources relative to
// the build context; `--from` copies are not workspace files), EXPOSE. Parser directives
// (`# escape=`), comments, line continuations and heredocs are read as BuildKit reads them.
// Every fact keeps its range; what cannot be read becomes a problem, never an exception.
import * as path from 'node:path';
import type { Location, ParseProblem, Span } from '../types';
import { LineIndex } from '../text';
import type { DockerfileFacts } from './facts';
import { interpolate } from './interpolate';
import { problem } from './tree';
import { shellWords } from '../quote';

/** One instruction: its keyword, its arguments with continuations joined, and where it was written. */
export interface Instruction {
  keyword: string;
  args: string;
  span: Span;
}

export function dockerfileInstructions(text: string): { instructions: Instruction[]; escape: string } {
  const lines = splitLines(text);
  let escape = '\\';
  let i = 0;
  // Parser directives: `# name=value` lines before anything else (a blank line or comment ends them).
  for (; i < lines.length; i++) {
    const directive = /^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(lines[i].text);
    if (!directive) break;
    if (directive[1].toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) escape = directive[2];
  }
  const instructions: Instruction[] = [];
  while (i < lines.length) {
    const line = lines[i];
    const trimmed = line.text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      i++;
      continue;
    }
    let args = '';
    let end: number;
    let current = line.text.replace(/^\s+/, '');
    const start = line.start + (line.text.length - current.length);
    for (;;) {
      const continued = endsWithEscape(current, escape);
      args += continued ? current.replace(/\s*$/, '').slice(0, -1) : current;
      end = lines[i].end;
      i++;
      if (!continued) break;
      // Comment lines and empty lines inside a continuation are skipped.
      while (i < lines.length && (lines[i].text.trim() === '' || lines[i].text.trim().startsWith('#'))) i++;
      if (i >= lines.length) break;
      current = lines[i].text;
    }
    const match = /^(\S+)\s*([\s\S]*)$/.exec(args);
    if (!match) continue;
    const instruction = { keyword: match[1].toUpperCase(), args: match[2].trim(), span: { start, end } };
    instructions.push(instruction);
    // Heredocs (`RUN <<EOF`, `COPY <<-EOT /x`): their bodies are not instructions.
    for (const heredoc of instruction.args.matchAll(/<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g)) {
      const word = heredoc[3];
      while (i < lines.length && (heredoc[1] ? lines[i].text.trim() : lines[i].text) !== word) i++;
      if (i < lines.length) {
        instruction.span.end = lines[i].end;
        i++;
      }
    }
  }
  return { instructions, escape };
}

function endsWithEscape(text: string, escape: string): boolean {
  return text.replace(/\s*$/, '').endsWith(escape);
}

function splitLines(text: string): { text: string; start: number; end: number }[] {
  const lines: { text: string; start: number; end: number }[] = [];
  const pattern = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    lines.push({ text: text.slice(start, match.index), start, end: match.index });
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), start, end: text.length });
  return lines;
}

/** Exec form (a JSON array) or shell form (run by `/bin/sh -c`). */
function commandOf(args: string): string[] {
  if (args.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(args);
      if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string')) return parsed;
    } catch {
      // not JSON: the shell form, as Docker reads it
    }
  }
  return ['/bin/sh', '-c', args];
}

interface Stage {
  image: string;
  name?: string;
  platform?: string;
  at: Location;
  /** The stage it builds on, when its image is an earlier stage's name. */
  base?: number;
  env: Record<string, string>;
  envAt: Record<string, Location>;
  args: Map<string, string>;
  workdir?: string;
  workdirAt?: Location;
  cmd?: string[];
  cmdAt?: Location;
  /** CMD set in this stage (not inherited). */
  cmdHere?: boolean;
  entrypoint?: string[];
  entrypointAt?: Location;
  expose: number[];
  exposeAt: Location[];
}

/** Ports a range of EXPOSE or `ports:` may expand to; a wider range is cut there and said. */
export const maxPortRange = 1024;

/**
 * Reads a Dockerfile. `context` is the build context its COPY and ADD sources are relative to
 * (its own folder when absent); `buildArgs` override ARG defaults (compose `build.args`).
 */
export function readDockerfile(
  file: string,
  text: string,
  context = path.dirname(file),
  buildArgs: Record<string, string> = {},
): { facts: DockerfileFacts; problems: ParseProblem[] } {
  const lines = new LineIndex(text);
  const where = (span: Span): Location => ({ file, range: lines.rangeOf(span) });
  const problems: ParseProblem[] = [];
  const { instructions, escape } = dockerfileInstructions(text);
  const globalArgs = new Map<string, string>();
  const stages: Stage[] = [];
  const copies: DockerfileFacts['copies'] = [];
  // `\$` is a literal dollar (interpolate's `$$`).
  const substitute = (value: string, vars: ReadonlyMap<string, string>) => interpolate(value.split(escape + '$').join('$$'), vars).value;
  for (const { keyword, args, span } of instructions) {
    const stage = stages[stages.length - 1];
    const vars = (): Map<string, string> => new Map([...(stage ? [...stage.args, ...Object.entries(stage.env)] : globalArgs)]);
    switch (keyword) {
      case 'ARG': {
        for (const word of shellWords(args, escape)) {
          const eq = word.indexOf('=');
          const name = eq < 0 ? word : word.slice(0, eq);
          const given = buildArgs[name];
          const declared = eq < 0 ? (stage ? globalArgs.get(name) : undefined) : substitute(word.slice(eq + 1), vars());
          const value = given ?? declared;
          if (value === undefined) continue;
          (stage ? stage.args : globalArgs).set(name, value);
        }
        break;
      }
      case 'FROM': {
        const parts = shellWords(args, escape);
        let platform: string | undefined;
        while (parts[0]?.startsWith('--')) {
          const flag = parts.shift()!;
          if (flag.startsWith('--platform=')) platform = flag.slice('--platform='.length);
        }
        if (parts.length === 0) {
          problems.push(problem(span, 'FROM names no image'));
          break;
        }
        const { value: image, unset } = interpolate(parts[0].split(escape + '$').join('$$'), globalArgs);
        const name = parts[1]?.toUpperCase() === 'AS' ? parts[2]?.toLowerCase() : undefined;
        const base = stages.findIndex((s) => s.name !== undefined && s.name === image.toLowerCase());
        const inherited = base >= 0 ? stages[base] : undefined;
        stages.push({
          image,
          name,
          platform, // as written: `$BUILDPLATFORM` and the like are BuildKit's to fill
          at: where(span),
          base: base >= 0 ? base : undefined,
          env: { ...inherited?.env },
          envAt: { ...inherited?.envAt },
          args: new Map(),
          workdir: inherited?.workdir,
          workdirAt: inherited?.workdirAt,
          cmd: inherited?.cmd,
          cmdAt: inherited?.cmdAt,
          entrypoint: inherited?.entrypoint,
          entrypointAt: inherited?.entrypointAt,
          expose: [...(inherited?.expose ?? [])],
          exposeAt: [...(inherited?.exposeAt ?? [])],
        });
        if (unset.length > 0)
          problems.push(
            problem(span, `FROM ${parts[0]}: ${unset.join(', ')} has no default here (a build arg may set it): taken as empty`, 'info'),
          );
        break;
      }
      default:
        if (!stage) {
          problems.push(problem(span, `${keyword} before the first FROM`, 'warning'));
          break;
        }
        readStageInstruction(keyword, args, span);
    }
  }

  function readStageInstruction(keyword: string, args: string, span: Span) {
    const stage = stages[stages.length - 1];
    const vars = new Map([...stage.args, ...Object.entries(stage.env)]);
    switch (keyword) {
      case 'ENV': {
        const parts = shellWords(args, escape);
        if (parts.length > 0 && !parts[0].includes('=')) {
          // The legacy form: `ENV NAME value with spaces`.
          const name = parts[0];
          stage.env[name] = substitute(args.slice(args.indexOf(name) + name.length).trim(), vars);
          stage.envAt[name] = where(span);
          break;
        }
        for (const part of parts) {
          const eq = part.indexOf('=');
          if (eq <= 0) continue;
          const name = part.slice(0, eq);
          stage.env[name] = substitute(part.slice(eq + 1), vars);
          stage.envAt[name] = where(span);
        }
        break;
      }
      case 'CMD':
        stage.cmdHere = true;
        stage.cmd = commandOf(args);
        stage.cmdAt = where(span);
        break;
      case 'ENTRYPOINT':
        stage.entrypoint = commandOf(args);
        stage.entrypointAt = where(span);
        // An ENTRYPOINT resets the CMD its base image set.
        if (!stage.cmdHere) {
          stage.cmd = undefined;
          stage.cmdAt = undefined;
        }
        break;
      case 'WORKDIR': {
        const dir = substitute(shellWords(args, escape)[0] ?? '', vars);
        stage.workdir = path.posix.resolve(stage.workdir ?? '/', dir);
        stage.workdirAt = where(span);
        break;
      }
      case 'EXPOSE':
        for (const word of shellWords(args, escape)) {
          const match = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(substitute(word, vars));
          if (!match) {
            problems.push(problem(span, `EXPOSE ${word}: not a port`));
            continue;
          }
          if ((match[3] ?? 'tcp').toLowerCase() !== 'tcp') continue;
          const first = +match[1];
          const last = Math.min(match[2] === undefined ? first : +match[2], first + maxPortRange - 1);
          for (let port = first; port <= last; port++) stage.expose.push(port);
          stage.exposeAt.push(where(span));
        }
        break;
      case 'COPY':
      case 'ADD': {
        let parts: string[];
        const flags: string[] = [];
        const rest = args.replace(/^(?:--\S+\s+)*/, (m) => {
          flags.push(...m.trim().split(/\s+/).filter(Boolean));
          return '';
        });
        if (rest.startsWith('[')) {
          try {
            parts = JSON.parse(rest) as string[];
          } catch {
            parts = shellWords(rest, escape);
          }
        } else parts = shellWords(rest, escape);
        if (flags.some((f) => f.startsWith('--from='))) break; // another stage's or image's files
        if (parts.some((p) => p.startsWith('<<'))) break; // a heredoc: text, not a workspace file
        if (parts.length < 2) {
          problems.push(problem(span, `${keyword} needs a source and a destination`));
          break;
        }
        const dest = substitute(parts[parts.length - 1], vars);
        const target = path.posix.resolve(stage.workdir ?? '/', dest) + (dest.endsWith('/') && dest !== '/' ? '/' : '');
        const sources = parts
          .slice(0, -1)
          .map((s) => substitute(s, vars))
          .filter((s) => !/^(?:https?:\/\/|git@|git:\/\/)/.test(s))
          .map((s) => path.join(context, s.replace(/^\/+/, '')) + (/[/\\]$/.test(s) && s !== '/' ? path.sep : ''));
        if (sources.length > 0) copies.push({ instruction: keyword, sources, target, stage: stages.length - 1, at: where(span) });
        break;
      }
    }
  }

  const last = stages[stages.length - 1];
  const facts: DockerfileFacts = {
    path: file,
    from: stages.map((s) => s.image),
    env: { ...last?.env },
    cmd: last?.cmd,
    entrypoint: last?.entrypoint,
    workdir: last?.workdir,
    copies,
    expose: [...new Set(last?.expose ?? [])],
    stages: stages.map((s) => ({ image: s.image, name: s.name, platform: s.platform, at: s.at })),
    args: Object.fromEntries(last ? [...globalArgs, ...last.args] : globalArgs),
    at: last && {
      cmd: last.cmdAt,
      entrypoint: last.entrypointAt,
      workdir: last.workdirAt,
      expose: last.exposeAt,
      env: last.envAt,
    },
  };
  if (stages.length === 0) problems.push(problem({ start: 0, end: 0 }, 'no FROM: not a Dockerfile Docker can build', 'info'));
  return { facts, problems };
}

/** The stages the last one builds on (itself first), following `FROM <stage>`. */
export function runtimeStages(facts: DockerfileFacts): number[] {
  const stages = facts.stages ?? facts.from.map((image) => ({ image, name: undefined }));
  const chain: number[] = [];
  let index = stages.length - 1;
  while (index >= 0 && !chain.includes(index)) {
    chain.push(index);
    const image = stages[index].image.toLowerCase();
    index = stages.findIndex((s, i) => i < index && s.name === image);
  }
  return chain;
}

/** The image the last stage runs on, following stage names to an image (`FROM base AS final`). */
export function runtimeImage(facts: DockerfileFacts): string | undefined {
  const chain = runtimeStages(facts);
  const stages = facts.stages ?? facts.from.map((image) => ({ image }));
  return chain.length === 0 ? undefined : stages[chain[chain.length - 1]].image;
}
