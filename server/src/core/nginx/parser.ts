// Reads one nginx file into directives with exact ranges (ngx_conf_parse's structure on top of
// the tokenizer). Errors are data; after each one the reader recovers and goes on, so that the
// rest of the file is still understood. Linear time, never throws.
import type { NginxBlock, NginxBlockKind, NginxDirective, NginxFile, NginxToken } from './ast';
import type { ParseProblem } from '../types';
import { LineIndex } from '../text';
import { Tokenizer } from './tokenizer';
import { skipLuaBlock } from './lua';

/** Blocks whose children are data (keys and values), not directives. */
const dataBlocks = new Set(['map', 'geo', 'split_clients', 'types', 'charset_map', 'geoip2', 'js_set_map']);

export function blockKind(name: string): NginxBlockKind {
  if (name.endsWith('_by_lua_block')) return 'raw';
  return dataBlocks.has(name) ? 'data' : 'directives';
}

/** Directives nginx declares NGX_CONF_BLOCK: they must open a block (`server` in `upstream` is not one). */
const blockDirectives = new Set(['http', 'events', 'server', 'location', 'upstream', 'if', 'map', 'geo', 'types', 'limit_except', 'split_clients', 'stream', 'mail', 'charset_map']);
/** Common directives that never take a block: a `{` after them is nginx's "not terminated by ;". */
const simpleDirectives = new Set(['worker_processes', 'worker_connections', 'user', 'pid', 'error_log', 'access_log', 'include', 'listen', 'server_name', 'root', 'alias', 'index', 'return', 'rewrite', 'try_files', 'proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'grpc_pass', 'proxy_set_header', 'add_header', 'set', 'allow', 'deny', 'expires', 'keepalive', 'keepalive_timeout', 'sendfile', 'default_type', 'client_max_body_size', 'gzip', 'ssl_certificate', 'ssl_certificate_key', 'error_page', 'log_format', 'resolver', 'proxy_http_version', 'autoindex', 'charset']);
/** Directive names are letters, digits and underscores; anything else is text misread as a name. */
const directiveName = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Body {
  children: NginxDirective[];
  closed: boolean;
  end: number;
}

class Parser {
  readonly problems: ParseProblem[] = [];
  readonly tokenizer: Tokenizer;
  private eofReported = false;

  constructor(private readonly text: string) {
    this.tokenizer = new Tokenizer(text, this.problems);
  }

  private problem(message: string, start: number, end: number): void {
    this.problems.push({ code: 'nginx-syntax', severity: 'error', message, span: { start, end } });
  }

  /** Reads directives until the `}` closing `openBrace` (or the end of the file at top level). */
  body(openBrace: number | undefined, parent?: string, kind: NginxBlockKind = 'directives'): Body {
    const children: NginxDirective[] = [];
    let args: NginxToken[] = [];
    const finish = (end: number, terminated: boolean, block?: NginxBlock) => {
      const directive: NginxDirective = { name: args[0], args: args.slice(1), block, start: args[0].start, end, terminated };
      if (kind === 'directives' && terminated) this.checkDirective(directive, parent);
      children.push(directive);
      args = [];
    };
    for (;;) {
      const lexeme = this.tokenizer.next();
      switch (lexeme.kind) {
        case 'word':
          args.push(lexeme.token);
          break;
        case ';':
          if (args.length === 0) this.problem('unexpected ";"', lexeme.offset, lexeme.offset + 1);
          else finish(lexeme.offset + 1, true);
          break;
        case '{': {
          if (args.length === 0) {
            this.problem('unexpected "{"', lexeme.offset, lexeme.offset + 1);
            this.body(lexeme.offset, parent, kind); // read and drop it, so its "}" does not close the enclosing block
            break;
          }
          const block = this.block(args[0].value, lexeme.offset);
          finish(block.end, block.closed, block);
          break;
        }
        case '}':
          if (args.length > 0) {
            this.problem('unexpected "}"', lexeme.offset, lexeme.offset + 1);
            finish(args[args.length - 1].end, false);
            if (openBrace === undefined) break;
          } else if (openBrace === undefined) {
            this.problem('unexpected "}"', lexeme.offset, lexeme.offset + 1);
            break;
          }
          return { children, closed: true, end: lexeme.offset + 1 };
        case 'eof':
          if (args.length > 0) {
            this.eofProblem('unexpected end of file, expecting ";" or "}"', lexeme.offset);
            finish(args[args.length - 1].end, false);
          } else if (openBrace !== undefined) this.eofProblem('unexpected end of file, expecting "}"', lexeme.offset);
          return { children, closed: openBrace === undefined, end: lexeme.offset };
      }
    }
  }

  private block(name: string, openBrace: number): NginxBlock {
    const kind = blockKind(name);
    if (kind === 'raw') {
      const close = skipLuaBlock(this.text, openBrace + 1);
      if (close < 0) {
        this.eofProblem(`unexpected end of file in the Lua code of ${name}, expecting "}"`, this.text.length);
        this.tokenizer.pos = this.text.length;
        return { kind, start: openBrace, end: this.text.length, children: [], closed: false, rawSpan: { start: openBrace + 1, end: this.text.length } };
      }
      this.tokenizer.pos = close + 1;
      return { kind, start: openBrace, end: close + 1, children: [], closed: true, rawSpan: { start: openBrace + 1, end: close } };
    }
    const body = this.body(openBrace, name, kind);
    return { kind, start: openBrace, end: body.end, children: body.children, closed: body.closed };
  }

  /** What nginx's ngx_conf_handler checks before running a directive: its name and its terminator. */
  private checkDirective(directive: NginxDirective, parent: string | undefined): void {
    const name = directive.name;
    if (!directiveName.test(name.value)) {
      this.problem(`unknown directive "${name.value}": no directive is named like this; text before it was probably cut by an unquoted "{" or ";"`, name.start, name.end);
      return;
    }
    const isBlock = blockDirectives.has(name.value) && !(name.value === 'server' && parent === 'upstream');
    if (isBlock && !directive.block) {
      // nginx notices at the ";", which may be lines below the name when the "{" was forgotten.
      const words = [name, ...directive.args].map((t) => t.raw).join(' ');
      this.problem(`directive "${name.value}" has no opening "{": nginx reads "${words.length > 60 ? `${words.slice(0, 57)}...` : words}" as one directive, ended by this ";"`, directive.end - 1, directive.end);
    }
    else if (directive.block && simpleDirectives.has(name.value)) {
      this.problem(`directive "${name.value}" is not terminated by ";"`, directive.block.start, directive.block.start + 1);
    }
  }

  /** nginx stops at the end of the file once; nested blocks must not each say so again. */
  private eofProblem(message: string, offset: number): void {
    if (this.eofReported) return;
    this.eofReported = true;
    this.problem(message, offset, offset);
  }
}

export function parseNginx(path: string, text: string): NginxFile {
  const parser = new Parser(text);
  const directives = parser.body(undefined).children;
  parser.problems.sort((a, b) => a.span.start - b.span.start); // checks made at a block's end report early places
  const problems = templateInstead(text, directives, parser.problems);
  return { path, text, lines: new LineIndex(text), directives, comments: parser.tokenizer.comments, problems };
}

const templateMarker = /\{\{|\{%|<%/g;

/**
 * A template (Jinja, Go, ERB...) is not nginx syntax until rendered: when its markup is what
 * breaks the syntax, say that once instead of listing every error it causes.
 */
function templateInstead(text: string, directives: NginxDirective[], problems: ParseProblem[]): ParseProblem[] {
  if (!problems.some((p) => p.severity === 'error')) return problems;
  const raw = rawSpans(directives);
  templateMarker.lastIndex = 0;
  for (let match = templateMarker.exec(text); match; match = templateMarker.exec(text)) {
    const at = match.index;
    if (raw.some((s) => s.start <= at && at < s.end)) continue;
    const kind = match[0] === '<%' ? '<% %>' : match[0] === '{%' ? '{% %}' : '{{ }}';
    return [{ code: 'nginx-syntax', severity: 'info', message: `This file looks like a template (${kind} markup): it is not nginx syntax until rendered, so its syntax is not checked.`, span: { start: at, end: at + 2 } }];
  }
  return problems;
}

function rawSpans(directives: NginxDirective[]): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const walk = (list: NginxDirective[]) => {
    for (const d of list) {
      if (d.block?.rawSpan) spans.push(d.block.rawSpan);
      if (d.block) walk(d.block.children);
    }
  };
  walk(directives);
  return spans;
}
