// Reads one nginx file into directives with exact ranges (ngx_conf_parse's structure on top of
// the tokenizer). Errors are data; after each one the reader recovers and goes on, so that the
// rest of the file is still understood. Linear time, never throws.
import type { NginxBlock, NginxBlockKind, NginxDirective, NginxFile, NginxToken } from './ast';
import type { ParseProblem } from '../types';
import { LineIndex } from '../text';
import { CLOSE_BRACE, EOF, OPEN_BRACE, SEMICOLON, Tokenizer, WORD } from './tokenizer';
import { ProblemSink } from '../problems';
import { quoteToken } from '../quote';
import { skipLuaBlock } from './lua';
import { ParsedDirective, WordSpans } from './lazyArgs';

/** Blocks whose children are data (keys and values), not directives. */
const dataBlocks = new Set(['map', 'geo', 'split_clients', 'types', 'charset_map', 'geoip2', 'js_set_map']);

export function blockKind(name: string): NginxBlockKind {
  if (name.endsWith('_by_lua_block')) return 'raw';
  return dataBlocks.has(name) ? 'data' : 'directives';
}

/** Directives nginx declares NGX_CONF_BLOCK: they must open a block (`server` in `upstream` is not one). */
const blockDirectives = [
  'http',
  'events',
  'server',
  'location',
  'upstream',
  'if',
  'map',
  'geo',
  'types',
  'limit_except',
  'split_clients',
  'stream',
  'mail',
  'charset_map',
];
/** Common directives that never take a block: a `{` after them is nginx's "not terminated by ;". */
const simpleDirectives = [
  'worker_processes',
  'worker_connections',
  'user',
  'pid',
  'error_log',
  'access_log',
  'include',
  'listen',
  'server_name',
  'root',
  'alias',
  'index',
  'return',
  'rewrite',
  'try_files',
  'proxy_pass',
  'fastcgi_pass',
  'uwsgi_pass',
  'grpc_pass',
  'proxy_set_header',
  'add_header',
  'set',
  'allow',
  'deny',
  'expires',
  'keepalive',
  'keepalive_timeout',
  'sendfile',
  'default_type',
  'client_max_body_size',
  'gzip',
  'ssl_certificate',
  'ssl_certificate_key',
  'error_page',
  'log_format',
  'resolver',
  'proxy_http_version',
  'autoindex',
  'charset',
];
/** Other frequent names, so that one lookup settles most directives. */
const otherDirectives = [
  'proxy_read_timeout',
  'proxy_connect_timeout',
  'proxy_send_timeout',
  'proxy_buffering',
  'proxy_next_upstream',
  'proxy_redirect',
  'keepalive_requests',
  'zone',
  'ssl_protocols',
  'ssl_ciphers',
  'ssl_prefer_server_ciphers',
  'ssl_session_cache',
  'ssl_session_timeout',
  'tcp_nopush',
  'tcp_nodelay',
  'gzip_types',
  'client_body_buffer_size',
  'fastcgi_param',
  'fastcgi_index',
  'limit_req',
  'limit_req_zone',
  'worker_rlimit_nofile',
  'multi_accept',
  'use',
  'server_tokens',
  'internal',
  'send_timeout',
  'types_hash_max_size',
  'server_names_hash_bucket_size',
];
const BLOCK = 1,
  SIMPLE = 2,
  OTHER = 3;
const knownNames = new Map<string, number>([
  ...blockDirectives.map((n) => [n, BLOCK] as const),
  ...simpleDirectives.map((n) => [n, SIMPLE] as const),
  ...otherDirectives.map((n) => [n, OTHER] as const),
]);
/** Directive names are letters, digits and underscores; anything else is text misread as a name. */
const NAME_START = 1,
  NAME_PART = 2;
const nameChars = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  nameChars[c] = letter ? NAME_START | NAME_PART : c >= 48 && c <= 57 ? NAME_PART : 0;
}

function isDirectiveName(word: string): boolean {
  if (word.length === 0) return false;
  let c = word.charCodeAt(0);
  if (c >= 128 || (nameChars[c] & NAME_START) === 0) return false;
  for (let i = 1; i < word.length; i++) {
    c = word.charCodeAt(i);
    if (c >= 128 || nameChars[c] === 0) return false;
  }
  return true;
}

interface Body {
  children: NginxDirective[];
  closed: boolean;
  end: number;
}

/**
 * Blocks nested deeper than this are skipped, not read: every reader of the tree walks it
 * recursively, and real configurations nest a handful of levels (nginx itself has no limit).
 */
export const maxBlockDepth = 100;

class Parser {
  readonly problems = new ProblemSink();
  private depth = 0;
  readonly tokenizer: Tokenizer;
  private eofReported = false;
  /** Every directive's arguments, kept as ranges until read. */
  private readonly words: WordSpans;
  /** Children of the blocks being read, innermost last (`directiveCount` in use); each block copies out its own. */
  private readonly directives: NginxDirective[] = [];
  private directiveCount = 0;

  constructor(private readonly text: string) {
    this.tokenizer = new Tokenizer(text, this.problems);
    this.words = new WordSpans(text);
  }

  private problem(message: string, start: number, end: number): void {
    this.problems.push({ code: 'nginx-syntax', severity: 'error', message, span: { start, end } });
  }

  /** Reads directives until the `}` closing `openBrace` (or the end of the file at top level). */
  body(openBrace: number | undefined, parent?: string, kind: NginxBlockKind = 'directives'): Body {
    const tokenizer = this.tokenizer;
    const words = this.words;
    const childrenBase = this.directiveCount;
    // The directive being read: its name token; its arguments are `words` from `firstArg` on.
    let name: NginxToken | undefined;
    let firstArg = 0;
    for (;;) {
      const lexeme = tokenizer.next();
      if (lexeme === WORD) {
        if (name === undefined) {
          name = tokenizer.token();
          firstArg = words.count;
        } else words.add(tokenizer.wordStart, tokenizer.wordEnd, tokenizer.wordFlags);
        continue;
      }
      const offset = tokenizer.offset;
      switch (lexeme) {
        case SEMICOLON:
          if (name === undefined) this.problem('unexpected ";"', offset, offset + 1);
          else this.add(new ParsedDirective(name, name.start, offset + 1, true, words, firstArg, words.count - firstArg), kind, parent);
          name = undefined;
          break;
        case OPEN_BRACE: {
          if (name === undefined) {
            this.problem('unexpected "{"', offset, offset + 1);
            this.dropBlock(offset, parent, kind); // so that its "}" does not close the enclosing block
            break;
          }
          const opened = new ParsedDirective(name, name.start, 0, false, words, firstArg, words.count - firstArg);
          name = undefined;
          const block = this.block(opened.name.value, offset);
          opened.block = block;
          opened.end = block.end;
          opened.terminated = block.closed;
          this.add(opened, kind, parent);
          break;
        }
        case CLOSE_BRACE:
          if (name !== undefined) {
            this.problem('unexpected "}"', offset, offset + 1);
            this.add(this.cutShort(name, firstArg), kind, parent);
            name = undefined;
            if (openBrace === undefined) break;
          } else if (openBrace === undefined) {
            this.problem('unexpected "}"', offset, offset + 1);
            break;
          }
          return { children: this.takeChildren(childrenBase), closed: true, end: offset + 1 };
        default:
          if (name !== undefined) {
            this.eofProblem('unexpected end of file, expecting ";" or "}"', offset);
            this.add(this.cutShort(name, firstArg), kind, parent);
          } else if (openBrace !== undefined) this.eofProblem('unexpected end of file, expecting "}"', offset);
          return { children: this.takeChildren(childrenBase), closed: openBrace === undefined, end: offset };
      }
    }
  }

  /** The file is read: its argument words leave the shared buffer. */
  sealWords(): void {
    this.words.seal();
  }

  /** A directive ended by a syntax error or the end of the file: it ends with its last word. */
  private cutShort(name: NginxToken, firstArg: number): ParsedDirective {
    const cut = new ParsedDirective(name, name.start, 0, false, this.words, firstArg, this.words.count - firstArg);
    cut.end = cut.lastWordEnd;
    return cut;
  }

  /** The directives added since `childrenBase`, which are then released. */
  private takeChildren(childrenBase: number): NginxDirective[] {
    const children = this.directives.slice(childrenBase, this.directiveCount);
    this.directiveCount = childrenBase;
    return children;
  }

  private add(directive: NginxDirective, kind: NginxBlockKind, parent: string | undefined): void {
    if (kind === 'directives' && directive.terminated) this.checkDirective(directive, parent);
    this.directives[this.directiveCount++] = directive;
  }

  private block(name: string, openBrace: number): NginxBlock {
    if (this.depth >= maxBlockDepth) return this.skipBlock(name, openBrace);
    const kind = blockKind(name);
    if (kind === 'raw') {
      const close = skipLuaBlock(this.text, openBrace + 1);
      if (close < 0) {
        this.eofProblem(`unexpected end of file in the Lua code of ${name}, expecting "}"`, this.text.length);
        this.tokenizer.pos = this.text.length;
        return {
          kind,
          start: openBrace,
          end: this.text.length,
          children: [],
          closed: false,
          rawSpan: { start: openBrace + 1, end: this.text.length },
        };
      }
      this.tokenizer.pos = close + 1;
      return { kind, start: openBrace, end: close + 1, children: [], closed: true, rawSpan: { start: openBrace + 1, end: close } };
    }
    this.depth++;
    const body = this.body(openBrace, name, kind);
    this.depth--;
    return { kind, start: openBrace, end: body.end, children: body.children, closed: body.closed };
  }

  /** Reads a block that belongs to no directive, as the enclosing block's body, and drops it. */
  private dropBlock(openBrace: number, parent: string | undefined, kind: NginxBlockKind): void {
    if (this.depth >= maxBlockDepth) {
      this.skipBlock('', openBrace);
      return;
    }
    this.depth++;
    this.body(openBrace, parent, kind);
    this.depth--;
  }

  /** A block too deep to read: said once, then passed over to its matching `}` without recursion. */
  private skipBlock(name: string, openBrace: number): NginxBlock {
    this.problem(
      `blocks nested more than ${maxBlockDepth} levels deep: this ${name ? `"${quoteToken(name)}" ` : ''}block is not read`,
      openBrace,
      openBrace + 1,
    );
    let open = 1;
    for (;;) {
      const lexeme = this.tokenizer.next();
      if (lexeme === OPEN_BRACE) open++;
      else if (lexeme === CLOSE_BRACE && --open === 0)
        return { kind: blockKind(name), start: openBrace, end: this.tokenizer.offset + 1, children: [], closed: true };
      else if (lexeme === EOF) {
        this.eofProblem('unexpected end of file, expecting "}"', this.tokenizer.offset);
        return { kind: blockKind(name), start: openBrace, end: this.tokenizer.offset, children: [], closed: false };
      }
    }
  }

  /** What nginx's ngx_conf_handler checks before running a directive: its name and its terminator. */
  private checkDirective(directive: NginxDirective, parent: string | undefined): void {
    const name = directive.name;
    const known = knownNames.get(name.value);
    if (known === undefined && !isDirectiveName(name.value)) {
      this.problem(
        `unknown directive "${quoteToken(name.value)}". No directive is named like this: text before it was probably cut by an unquoted "{" or ";".`,
        name.start,
        name.end,
      );
      return;
    }
    const isBlock = known === BLOCK && !(name.value === 'server' && parent === 'upstream');
    if (isBlock && !directive.block) {
      // nginx notices at the ";", which may be lines below the name when the "{" was forgotten.
      const words = [name, ...directive.args.slice(0, 8)].map((t) => t.raw).join(' ');
      this.problem(
        `directive "${quoteToken(name.value)}" has no opening "{". nginx reads "${quoteToken(words)}" as one directive, ended by this ";".`,
        directive.end - 1,
        directive.end,
      );
    } else if (directive.block && known === SIMPLE) {
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
  parser.sealWords();
  const { kept, dropped } = parser.problems;
  if (kept.length > 1) kept.sort((a, b) => a.span.start - b.span.start); // checks made at a block's end report early places
  const problems = templateInstead(text, directives, kept);
  return {
    path,
    text,
    lines: new LineIndex(text),
    directives,
    comments: parser.tokenizer.comments,
    problems,
    droppedProblems: problems === kept ? dropped : 0,
  };
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
    return [
      {
        code: 'nginx-syntax',
        severity: 'info',
        message: `This file looks like a template (${kind} markup), so its syntax is not checked. It is not nginx syntax until rendered.`,
        span: { start: at, end: at + 2 },
      },
    ];
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
