// The HTTP servers a Go source file starts, as written: `http.Server{...}` literals and the
// assignments to their fields, `http.ListenAndServe(addr, h)`, gin's `r.Run(addr)`, echo's
// `e.Start(addr)` and fiber's `fiber.New(fiber.Config{...})` with `app.Listen(addr)`. Expressions are
// kept as text with their spans; values are worked out later (values.ts), where the environment is
// known. Only files a cheap text test passes are read at all (mayStartHttpServer).
import type { Span } from '../../types';

/** An expression as written, and where. */
export interface GoExpression {
  text: string;
  span: Span;
}

export type GoFramework = 'net/http' | 'gin' | 'echo' | 'echo/v5' | 'fiber';

export interface GoServer {
  framework: GoFramework;
  /** The literal or call that makes it: what the race underlines when no timeout is written. */
  span: Span;
  /** The address expression (`":8080"`, `":" + port`); undefined: none written. */
  addr?: GoExpression;
  /** gin's `Run()` with no address: `:$PORT`, else `:8080`. */
  ginDefaultAddr?: boolean;
  idle?: GoExpression;
  read?: GoExpression;
  /** `SetKeepAlivesEnabled(false)` or fiber's `DisableKeepalive: true`. */
  keepAlivesOff?: Span;
  /** The composite literal a raise may add `IdleTimeout:` to: its `{` offset, and the first field's indentation when fields go on lines. */
  literal?: { open: number; fieldIndent?: string };
  /** The variable holding it (`srv`, `e.Server`), for an assignment a raise may add after. */
  variable?: string;
  /** The last assignment to the read timeout, after which a raise adds `<variable>.IdleTimeout = ...`. */
  lastAssignmentEnd?: number;
  /** That assignment's indentation. */
  assignmentIndent?: string;
}

export interface GoSourceFile {
  path: string;
  servers: GoServer[];
  /** Constants of the file by name: `const idle = 90 * time.Second`. */
  constants: Map<string, GoExpression>;
  /** Assignments to plain variables by name, in order (`port := os.Getenv("PORT")`, `port = "8080"`). */
  variables: Map<string, GoExpression[]>;
  /** Whether the file imports "time": a raise writes `90 * time.Second`, else nanoseconds. */
  importsTime: boolean;
}

/** Words a file must hold to be read: a server literal, a listen call, or a timeout's name. */
export function mayStartHttpServer(file: string, text: string): boolean {
  return (
    isModuleSource(file) &&
    /http\.Server\s*\{|ListenAndServe|IdleTimeout|ReadTimeout|gin\.(?:Default|New)\(|echo\.New\(|fiber\.New\(/.test(text)
  );
}

/** A Go source of the module itself: not a test, not a vendored dependency. */
export function isModuleSource(file: string): boolean {
  return file.endsWith('.go') && !file.endsWith('_test.go') && !/[\\/]vendor[\\/]/.test(file);
}

export function readGoSource(path: string, text: string): GoSourceFile {
  const file: GoSourceFile = { path, servers: [], constants: new Map(), variables: new Map(), importsTime: false };
  if (!mayStartHttpServer(path, text)) return file;
  const code = blankComments(text);
  file.importsTime = /^\s*(?:import\s*)?(?:\w+\s+)?"time"\s*$/m.test(code);
  readConstants(code, file.constants);
  readVariables(code, file.variables);
  const servers = new Map<string, GoServer>(); // by variable
  const add = (server: GoServer) => {
    file.servers.push(server);
    if (server.variable) servers.set(server.variable, server);
  };

  for (const m of code.matchAll(/(?:&\s*)?\bhttp\.Server\s*\{/g)) {
    const open = m.index! + m[0].length - 1;
    const close = matching(code, open);
    const fields = fieldsOf(code, open + 1, close);
    add({
      framework: 'net/http',
      span: { start: m.index!, end: close + 1 },
      addr: fields.get('Addr'),
      idle: fields.get('IdleTimeout'),
      read: fields.get('ReadTimeout'),
      literal: { open, fieldIndent: fieldIndent(code, open, close) },
      variable: assignedTo(code, m.index!),
    });
  }
  for (const m of code.matchAll(/\bhttp\.ListenAndServe(?:TLS)?\s*\(/g)) {
    const args = argumentsOf(code, m.index! + m[0].length);
    add({ framework: 'net/http', span: { start: m.index!, end: args.end + 1 }, addr: args.list[0] });
  }
  const frameworkVariables = (pattern: RegExp) => new Set([...code.matchAll(pattern)].map((v) => v[1]));
  const gins = frameworkVariables(/\b(\w+)\s*:?=\s*gin\.(?:Default|New)\s*\(/g);
  const echos = frameworkVariables(/\b(\w+)\s*:?=\s*echo\.New\s*\(/g);
  const echoFramework: GoFramework = /"github\.com\/labstack\/echo\/v5"/.test(code) ? 'echo/v5' : 'echo';
  for (const m of code.matchAll(/\b(\w+)\.(Run|Start|Listen)\s*\(/g)) {
    const [, variable, method] = m;
    const args = argumentsOf(code, m.index! + m[0].length);
    const span = { start: m.index!, end: args.end + 1 };
    if (method === 'Run' && gins.has(variable)) add({ framework: 'gin', span, addr: args.list[0], ginDefaultAddr: args.list.length === 0 });
    else if (method === 'Start' && echos.has(variable))
      add({ framework: echoFramework, span, addr: args.list[0], variable: `${variable}.Server` });
  }
  for (const m of code.matchAll(/\b(\w+)\s*:?=\s*fiber\.New\s*\(/g)) {
    const args = argumentsOf(code, m.index! + m[0].length);
    const config = args.list[0] && /^fiber\.Config\s*\{/.exec(args.list[0].text);
    const open = config ? args.list[0].span.start + config[0].length - 1 : undefined;
    const fields = open === undefined ? new Map<string, GoExpression>() : fieldsOf(code, open + 1, matching(code, open));
    const listen = new RegExp(`\\b${m[1]}\\.Listen\\s*\\(`).exec(code);
    const server: GoServer = {
      framework: 'fiber',
      span: { start: m.index! + m[0].indexOf('fiber'), end: args.end + 1 },
      addr: listen ? argumentsOf(code, listen.index + listen[0].length).list[0] : undefined,
      idle: fields.get('IdleTimeout'),
      read: fields.get('ReadTimeout'),
      literal: open === undefined ? undefined : { open, fieldIndent: fieldIndent(code, open, matching(code, open)) },
    };
    const disable = fields.get('DisableKeepalive');
    if (disable?.text === 'true') server.keepAlivesOff = disable.span;
    add(server);
  }
  // Assignments after the literal: srv.IdleTimeout = ..., e.Server.ReadTimeout = ..., srv.Addr = ...
  for (const m of code.matchAll(/\.(IdleTimeout|ReadTimeout|Addr)[ \t]*=(?!=)[ \t]*/g)) {
    const server = servers.get(receiverBefore(code, m.index!));
    if (!server) continue;
    const start = m.index! + m[0].length;
    const end = lineEnd(code, start);
    const expression = trimmed(code, start, end);
    if (m[1] === 'IdleTimeout') server.idle = expression;
    else if (m[1] === 'ReadTimeout') {
      server.read = expression;
      server.lastAssignmentEnd = end;
      server.assignmentIndent = /^[ \t]*/.exec(code.slice(code.lastIndexOf('\n', m.index!) + 1))![0];
    } else server.addr = expression;
  }
  for (const m of code.matchAll(/\.SetKeepAlivesEnabled\s*\(\s*false\s*\)/g)) {
    const receiver = receiverBefore(code, m.index!);
    const server = servers.get(receiver);
    if (server) server.keepAlivesOff = { start: m.index! - receiver.length, end: m.index! + m[0].length };
  }
  // A literal with no Addr served on a listener: `net.Listen("tcp", ":8080")` then `srv.Serve(l)`.
  const listener = /\bnet\.Listen\s*\(\s*"tcp[46]?"\s*,/.exec(code);
  if (listener) {
    const address = argumentsOf(code, listener.index + listener[0].indexOf('(') + 1).list[1];
    for (const server of file.servers) if (server.framework === 'net/http' && !server.addr && server.literal) server.addr = address;
  }
  file.servers.sort((a, b) => a.span.start - b.span.start);
  return file;
}

/** `const name = expr` and the lines of `const ( ... )` blocks. */
function readConstants(code: string, constants: Map<string, GoExpression>): void {
  for (const m of code.matchAll(/\bconst\s*(?:\(([^)]*)\)|([^\n]*))/g)) {
    const body = m[1] ?? m[2];
    const bodyStart = m.index! + m[0].length - body.length - (m[1] !== undefined ? 1 : 0);
    for (const line of body.matchAll(/^[ \t]*([A-Za-z_]\w*)(?:[ \t]+[\w.]+)?[ \t]*=([^\n]*)/gm)) {
      const valueStart = bodyStart + line.index! + line[0].length - line[2].length;
      constants.set(line[1], trimmed(code, valueStart, valueStart + line[2].replace(/;\s*$/, '').length));
    }
  }
}

/** `name := expr`, `name = expr`, `var name = expr`, one per line, for plain names. */
function readVariables(code: string, variables: Map<string, GoExpression[]>): void {
  for (const m of code.matchAll(/^[ \t]*(?:var[ \t]+)?([A-Za-z_]\w*)(?:[ \t]+string)?[ \t]*:?=(?!=)([^\n]*)/gm)) {
    const start = m.index! + m[0].length - m[2].length;
    const list = variables.get(m[1]) ?? [];
    list.push(trimmed(code, start, start + m[2].length));
    variables.set(m[1], list);
  }
}

/** The dotted name ending at `end` (`srv`, `e.Server`), read backwards at most 200 characters: no regex rescans a long chain. */
function receiverBefore(code: string, end: number): string {
  let start = end;
  while (start > 0 && end - start < 200 && /[\w.]/.test(code[start - 1])) start--;
  return code.slice(start, end);
}

/** The variable a literal at `at` is assigned to: `srv := &http.Server{`, `e.Server = &http.Server{`, `var srv = ...`. */
function assignedTo(code: string, at: number): string | undefined {
  const before = code.slice(Math.max(0, code.lastIndexOf('\n', at - 1) + 1, at - 200), at);
  return /(?:^|[\s(])(?:var\s+)?([A-Za-z_][\w.]*)\s*(?:\*?http\.Server\s*)?:?=\s*$/.exec(before)?.[1];
}

/** The `Name: expr` fields of a composite literal between `from` and `to`, at its own depth. */
function fieldsOf(code: string, from: number, to: number): Map<string, GoExpression> {
  const fields = new Map<string, GoExpression>();
  for (const part of splitTopLevel(code, from, to)) {
    const m = /^\s*([A-Za-z_]\w*)\s*:\s*/.exec(code.slice(part.start, part.end));
    if (m) fields.set(m[1], trimmed(code, part.start + m[0].length, part.end));
  }
  return fields;
}

/** The arguments of a call whose `(` is just before `from`, and the offset of its `)`. */
function argumentsOf(code: string, from: number): { list: GoExpression[]; end: number } {
  const end = matching(code, from - 1);
  const list = splitTopLevel(code, from, end)
    .map((part) => trimmed(code, part.start, part.end))
    .filter((e) => e.text !== '');
  return { list, end };
}

/** The parts of `code[from, to)` between commas outside brackets and strings. */
function splitTopLevel(code: string, from: number, to: number): Span[] {
  const parts: Span[] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    const c = code[i];
    if (c === '"' || c === '`' || c === "'") i = stringEnd(code, i);
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push({ start, end: i });
      start = i + 1;
    }
  }
  parts.push({ start, end: to });
  return parts;
}

/** The offset of the bracket closing the one at `open` (the text's end when none does). */
export function matching(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '"' || c === '`' || c === "'") i = stringEnd(code, i);
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if ((c === ')' || c === '}' || c === ']') && --depth === 0) return i;
  }
  return code.length;
}

/** The offset of the quote closing a Go string or rune opened at `at`. */
function stringEnd(code: string, at: number): number {
  const quote = code[at];
  for (let i = at + 1; i < code.length; i++) {
    if (code[i] === '\\' && quote !== '`') i++;
    else if (code[i] === quote || (code[i] === '\n' && quote !== '`')) return i;
  }
  return code.length;
}

function lineEnd(code: string, from: number): number {
  const m = /[;\n]/.exec(code.slice(from));
  return m ? from + m.index : code.length;
}

function trimmed(code: string, start: number, end: number): GoExpression {
  const raw = code.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  return { text, span: { start: start + lead, end: start + lead + text.length } };
}

/** The indentation of a literal's first field when its fields go on lines of their own. */
function fieldIndent(code: string, open: number, close: number): string | undefined {
  const m = /^[ \t]*\r?\n([ \t]*)\S/.exec(code.slice(open + 1, close));
  return m ? m[1] : undefined;
}

/** Go comments as spaces, offsets kept (strings, raw strings and runes stay). */
function blankComments(text: string): string {
  return text.replace(/"(?:[^"\\\n]|\\.)*"|`[^`]*`|'(?:[^'\\\n]|\\.)*'|\/\*[\s\S]*?(?:\*\/|$)|\/\/[^\n]*/g, (m) =>
    m.startsWith('/') ? m.replace(/[^\n]/g, ' ') : m,
  );
}
