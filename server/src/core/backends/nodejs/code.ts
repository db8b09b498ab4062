// The HTTP servers a JavaScript or TypeScript file starts, read from its text: `http.createServer`,
// Express and Koa `app.listen()` (each call makes an http.Server), NestJS `NestFactory.create` then
// `app.listen()`, Fastify (its `keepAliveTimeout` option), and the `server.keepAliveTimeout = N`
// assignments made on them, with literals, products of literals, constants of the file and
// `process.env.NAME || N`. Only files a cheap text test passes are read (mayStartServer).
import type { Span } from '../../types';
import { Code } from './syntax';

export type Framework = 'http' | 'express' | 'koa' | 'nest' | 'fastify';

/** A value as the code gives it. */
export interface CodeValue {
  /** The number, when the code says it (a literal, a constant, an environment variable's fallback). */
  value?: number;
  /** `process.env.NAME`, read first, with the value used when it is unset. */
  env?: string;
  /** The digits a raise rewrites (the constant's, where a constant is used). */
  literal?: Span;
  /** The whole expression. */
  span: Span;
}

export interface CodeServer {
  framework: Framework;
  /** The call creating or starting it: what a default underlines. */
  span: Span;
  port?: CodeValue;
  /** `listen()` was called: without it nothing listens. */
  listens: boolean;
  keepAlive?: CodeValue & { how: 'assignment' | 'option' };
  /** How a raise says it when nothing does yet: text inserted at an offset (undefined: no safe place). */
  insert?: (ms: number) => { at: number; text: string }[] | undefined;
}

export interface CodeFile {
  path: string;
  servers: CodeServer[];
}

/** Names a file must hold to be read at all: a server started, or a keep-alive timeout set. */
export function mayStartServer(text: string): boolean {
  return /createServer|\.listen\s*\(|keepAliveTimeout|NestFactory|[fF]astify\s*\(|KEEP_ALIVE_TIMEOUT/.test(text);
}

/** The most matches of one kind read in a file: real files start a handful of servers; hostile ones stay linear. */
const mostMatches = 200;

function* first<T>(items: Iterable<T>, most = mostMatches): Iterable<T> {
  let n = 0;
  for (const item of items) {
    if (n++ >= most) return;
    yield item;
  }
}

/** A server object known by name in the file, or created inline. */
interface Made {
  framework: Framework;
  span: Span;
  /** The variable holding it (`server`, `this.server`), when the statement assigns it. */
  name?: string;
  /** Offset after the creating call's `)`. */
  callEnd: number;
  /** The options object's `{` (Fastify), or -1 when the call has no argument. */
  options?: { open: number; close: number } | 'none';
}

export function readCode(path: string, text: string): CodeFile {
  if (!mayStartServer(text)) return { path, servers: [] };
  const source = new Code(text);
  const code = source.text;
  const constants = constantsIn(source);
  const reading: Reading = {
    code,
    source,
    value: (expression, at) => evaluate(expression, at, constants),
    apps: creationsIn(source),
    servers: new Map(),
    aliases: new Map(),
  };
  for (const made of reading.apps) if (made.name) reading.aliases.set(made.name, made);
  readListens(reading);
  readAssignments(reading);
  readFastifyOptions(reading);
  return { path, servers: [...reading.servers.values()].filter((s) => s.listens).sort((a, b) => a.span.start - b.span.start) };
}

/** What a file's reading holds while it goes: the objects made, the servers started, their names. */
interface Reading {
  code: string;
  source: Code;
  value: (expression: string, at: number) => CodeValue;
  apps: Made[];
  servers: Map<Made, CodeServer>;
  aliases: Map<string, Made>;
}

const serverOf = (reading: Reading, made: Made) => {
  let server = reading.servers.get(made);
  if (!server) reading.servers.set(made, (server = { framework: made.framework, span: made.span, listens: false }));
  return server;
};

const byName = (reading: Reading, name: string) => reading.aliases.get(name) ?? reading.apps.find((a) => a.name === name);

const creations: [RegExp, Framework][] = [
  [/(?<![\w$])createServer\s*\(/g, 'http'],
  [/\b(?:express|require\s*\(\s*['"]express['"]\s*\))\s*\(\s*\)/g, 'express'],
  [/\bnew\s+Koa\s*\(/g, 'koa'],
  [/\bNestFactory\s*\.\s*create\s*(?:<[^>()]*>)?\s*\(/g, 'nest'],
  [/(?<![.\w$])(?:fastify|Fastify|require\s*\(\s*['"]fastify['"]\s*\))\s*\(/g, 'fastify'],
];

/** The servers and applications the code creates, with the names they are held by. */
function creationsIn(source: Code): Made[] {
  const code = source.text;
  const importsHttp = /['"](?:node:)?https?['"]/.test(code);
  const apps: Made[] = [];
  for (const [pattern, framework] of creations) {
    for (const m of first(code.matchAll(pattern))) {
      const object = framework === 'http' ? objectBefore(code, m.index!) : undefined;
      if (framework === 'http' && (object ? !/^(?:https?|node_https?)$/.test(object.name) : !importsHttp)) continue; // net, http2, tls
      const start = object?.start ?? m.index!;
      const open = m.index! + m[0].lastIndexOf('(');
      const end = source.callEnd(open);
      const made: Made = { framework, span: { start, end }, name: assignedName(code, start), callEnd: end };
      const adapter = framework === 'nest' ? /\bFastifyAdapter\s*\(/.exec(code.slice(open, end)) : null;
      if (adapter) {
        made.framework = 'fastify'; // NestJS on Fastify: Fastify's option and default
        made.options = optionsOf(source, open + adapter.index + adapter[0].length - 1);
      } else if (framework === 'fastify') made.options = optionsOf(source, open);
      apps.push(made);
    }
  }
  return apps;
}

/** `app.listen(...)`, `server.listen(...)`, `http.createServer(app).listen(...)`: the servers started, on their ports. */
function readListens(reading: Reading): void {
  const { code, apps, source } = reading;
  for (const m of first(code.matchAll(/\.\s*listen\s*\(/g))) {
    const open = m.index! + m[0].length - 1;
    const before = objectBefore(code, m.index! + 1);
    const closing = before ? undefined : /\)\s*$/.exec(code.slice(Math.max(0, m.index! - 200), m.index!));
    const at = before?.start ?? (closing ? m.index! - closing[0].length : -1);
    const receiver = before ? byName(reading, before.name) : closing ? apps.find((a) => a.callEnd === at + 1) : undefined;
    if (!receiver) continue;
    const end = source.callEnd(open);
    let made = receiver;
    // Express and Koa make a new http.Server on every listen(); Nest and Fastify have one.
    if (receiver.framework === 'express' || receiver.framework === 'koa') {
      made = { framework: receiver.framework, span: { start: at, end }, callEnd: end, name: assignedName(code, at) };
      apps.push(made);
      if (made.name) reading.aliases.set(made.name, made);
    }
    const server = serverOf(reading, made);
    server.listens = true;
    if (made === receiver && receiver.framework !== 'http') server.span = { start: at, end };
    server.port = portOf(source, open, end, reading.value);
    server.insert = insertion(source, made, at, end);
  }
}

/** `server.keepAliveTimeout = N` on a server by any of its names (`app.getHttpServer()`, `fastify.server`, an alias). */
function readAssignments(reading: Reading): void {
  const { code } = reading;
  // const server = app.getHttpServer() (Nest) or fastify.server: the same server under another name.
  for (const m of code.matchAll(
    /\b(?:const|let|var)\s+([\w$]+)\s*(?::[^=;\n]{0,200})?=\s*([\w$]+)\s*\.\s*(?:getHttpServer\s*\(\s*\)|server\b)/g,
  )) {
    const made = byName(reading, m[2]);
    if (made) reading.aliases.set(m[1], made);
  }
  for (const m of first(code.matchAll(/\.\s*keepAliveTimeout\s*=(?![=>])\s*/g))) {
    const object = objectBefore(code, m.index! + 1);
    if (!object) continue;
    const receiver = object.name;
    const owner = receiver.replace(/\.(?:server|getHttpServer\(\))$/, '');
    const start = m.index! + m[0].length;
    const expression = code.slice(start, reading.source.statementEnd(start)).replace(/;\s*$/, '');
    const started = [...reading.servers.keys()];
    const made = byName(reading, receiver) ?? byName(reading, owner) ?? (started.length === 1 ? started[0] : undefined);
    if (made) serverOf(reading, made).keepAlive = { ...reading.value(expression, start), how: 'assignment' };
  }
}

/** Fastify's `keepAliveTimeout` option, where no assignment overrides it. */
function readFastifyOptions(reading: Reading): void {
  const { code } = reading;
  for (const [made, server] of reading.servers) {
    if (made.framework !== 'fastify' || server.keepAlive || !made.options || made.options === 'none') continue;
    const option = /\bkeepAliveTimeout\s*:\s*/.exec(code.slice(made.options.open, made.options.close));
    if (!option) continue;
    const start = made.options.open + option.index + option[0].length;
    const end = reading.source.firstArgument(start, made.options.close).end;
    server.keepAlive = { ...reading.value(code.slice(start, end), start), how: 'option' };
  }
}

/**
 * The object a member is taken from, ending at `dot` (the offset of its `.`): `app`, `this.server`,
 * `app.getHttpServer()`, spaces removed. Read from at most 200 characters back, so that no long
 * run of names makes the reading quadratic.
 */
function objectBefore(code: string, dot: number): { name: string; start: number } | undefined {
  const from = Math.max(0, dot - 201);
  const m = /[\w$]+(?:\s*\(\s*\))?(?:\s*\.\s*[\w$]+(?:\s*\(\s*\))?)*\s*\.$/.exec(code.slice(from, dot));
  if (!m || (m.index === 0 && from > 0)) return undefined;
  return { name: m[0].slice(0, -1).replace(/\s+/g, ''), start: from + m.index };
}

/** `const name =`, `let name: T =`, `this.server =` right before an offset; undefined for anything else. */
function assignedName(code: string, at: number): string | undefined {
  const before = code.slice(Math.max(at - 200, 0), at);
  const m = /(?:\b(?:const|let|var)\s+([\w$]+)\s*(?::[^=;]{0,100})?|([\w$]+(?:\.[\w$]+)*))\s*=\s*(?:await\s+)?$/.exec(before);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The options object of a call whose `(` is at `open`: its braces, or `none` when the call has no argument. */
function optionsOf(source: Code, open: number): Made['options'] {
  const code = source.text;
  const space = /\s*/y;
  space.lastIndex = open + 1;
  space.exec(code);
  const first = space.lastIndex;
  if (code[first] === ')') return 'none';
  if (code[first] !== '{') return undefined;
  return { open: first, close: source.callEnd(first) - 1 };
}

/** The port of `listen(3000)`, `listen(PORT, host)`, `listen(process.env.PORT || 3000)`, `listen({ port: 3000 })`. */
function portOf(source: Code, open: number, end: number, value: (expression: string, at: number) => CodeValue): CodeValue | undefined {
  const code = source.text;
  const argument = source.firstArgument(open + 1, end - 1);
  const text = code.slice(argument.start, argument.end);
  if (text.trim() === '') return undefined;
  if (text.trimStart().startsWith('{')) {
    const port = /\bport\s*:\s*/.exec(text);
    if (!port) return undefined;
    const start = argument.start + port.index + port[0].length;
    return value(code.slice(start, source.firstArgument(start, argument.end).end), start);
  }
  return value(text, argument.start);
}

/**
 * How a raise adds `server.keepAliveTimeout = N;` after the statement that creates or starts the
 * server: under the name it is held by, or, for a statement that starts with the server itself
 * (`app.listen(3000);`), by declaring `const server =` first. Fastify takes its option instead.
 */
function insertion(source: Code, made: Made, listenAt: number, listenEnd: number): CodeServer['insert'] {
  const code = source.text;
  if (made.framework === 'fastify' && made.options) {
    const options = made.options;
    return (ms) =>
      options === 'none'
        ? [{ at: made.callEnd - 1, text: `{ keepAliveTimeout: ${ms} }` }]
        : [
            {
              at: options.open + 1,
              text: code.slice(options.open + 1, options.close).trim() === '' ? ` keepAliveTimeout: ${ms} ` : ` keepAliveTimeout: ${ms},`,
            },
          ];
  }
  const anchor = made.framework === 'http' && made.name ? made.callEnd : listenEnd;
  const end = source.statementEnd(anchor);
  const semicolon = code[end - 1] === ';' ? ';' : '';
  const lineStart = code.lastIndexOf('\n', (made.framework === 'http' && made.name ? made.span.start : listenAt) - 1) + 1;
  const indentation = /[ \t]*/y;
  indentation.lastIndex = lineStart;
  const indent = indentation.exec(code)![0];
  if (made.framework === 'nest' && !made.name) return undefined;
  const target =
    made.name &&
    ({ nest: `${made.name}.getHttpServer()`, fastify: `${made.name}.server` } as Partial<Record<Framework, string>>)[made.framework];
  if (target ?? made.name) return (ms) => [{ at: end, text: `\n${indent}${target ?? made.name}.keepAliveTimeout = ${ms}${semicolon}` }];
  // A bare `app.listen(...)` statement: name the server it returns.
  const statementStart = lineStart + indent.length;
  const first = made.framework === 'http' ? made.span.start : listenAt;
  const bare = code.slice(statementStart, first).trim() === '' || /^[\w$.]+$/.test(code.slice(statementStart, first).trim());
  if (!bare || code.startsWith('return', statementStart)) return undefined;
  return (ms) => {
    // A name the file does not use yet, looked for only when a fix is asked for.
    const name = ['server', 'httpServer'].find((n) => !new RegExp(`\\b${n}\\b`).test(code));
    return name === undefined
      ? undefined
      : [
          { at: statementStart, text: `const ${name} = ` },
          { at: end, text: `\n${indent}${name}.keepAliveTimeout = ${ms}${semicolon}` },
        ];
  };
}

interface Constant {
  expression: string;
  at: number;
}

/** `const NAME = expression` (also `let`, `var`, a TypeScript type), first declaration of each name. */
function constantsIn(source: Code): Map<string, Constant> {
  const code = source.text;
  const constants = new Map<string, Constant>();
  for (const m of first(code.matchAll(/\b(?:const|let|var)\s+([\w$]+)\s*(?::\s*[\w$.]+(?:<[\w$., ]{0,100}>)?)?\s*=(?![=>])\s*/g), 2000)) {
    if (constants.has(m[1])) continue;
    const at = m.index! + m[0].length;
    constants.set(m[1], { expression: code.slice(at, source.statementEnd(at)).replace(/;\s*$/, ''), at });
  }
  return constants;
}

/**
 * A number the code gives: `65000`, `65_000`, `65 * 1000`, `TIMEOUT` (a constant of the file),
 * `Number(process.env.X) || 65000`, `parseInt(process.env.X ?? '65000', 10)`; undefined `value`
 * for anything the code computes.
 */
function evaluate(expression: string, at: number, constants: Map<string, Constant>, depth = 0): CodeValue {
  const trimmed = expression.trim();
  const start = at + expression.indexOf(trimmed);
  const span = { start, end: start + trimmed.length };
  const literal = /^\(?\s*(\d[\d_]*)(?:\.0*)?\s*\)?(?:\s+as\s+\w+)?$/.exec(trimmed);
  if (literal) {
    const digits = start + trimmed.indexOf(literal[1]);
    return { value: Number(literal[1].replace(/_/g, '')), literal: { start: digits, end: digits + literal[1].length }, span };
  }
  if (/^\d[\d_]*(?:\s*\*\s*\d[\d_]*)+$/.test(trimmed))
    return { value: trimmed.split('*').reduce((n, f) => n * Number(f.trim().replace(/_/g, '')), 1), span };
  const constant = /^[A-Za-z_$][\w$]*$/.test(trimmed) ? constants.get(trimmed) : undefined;
  if (constant && depth < 4 && constant.at !== at) {
    const resolved = evaluate(constant.expression, constant.at, constants, depth + 1);
    return { ...resolved, span };
  }
  const env = /\bprocess\s*\.\s*env\s*(?:\.\s*([A-Za-z_]\w*)|\[\s*['"]([A-Za-z_]\w*)['"]\s*\])/.exec(trimmed);
  if (env) {
    const fallback = /(?:\|\||\?\?)\s*\(?\s*['"]?(\d[\d_]*)['"]?/.exec(trimmed.slice(env.index));
    const digits = fallback ? start + env.index + fallback.index + fallback[0].lastIndexOf(fallback[1]) : undefined;
    return {
      env: env[1] ?? env[2],
      value: fallback ? Number(fallback[1].replace(/_/g, '')) : undefined,
      literal: digits === undefined ? undefined : { start: digits, end: digits + fallback![1].length },
      span,
    };
  }
  return { span };
}
