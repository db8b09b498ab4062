// Values nginx rejects when it loads a configuration ("invalid value", "invalid number"): the time,
// size and count arguments of the directives below, read with nginx's own parsers. One file at a
// time, with no knowledge of context, so a name is listed only where it means the same thing in every
// module that has it (http, stream, mail). When in doubt a directive is left out: a false error
// costs more trust than a missed one.
import type { NginxDirective, NginxFile, NginxToken } from './ast';
import { quoteToken } from '../quote';
import type { ParseProblem } from '../types';
import { nginxIntProblem, parseNginxOffset, parseNginxSize, parseNginxTime } from './values';

/**
 * How nginx reads one argument: `msec`/`sec` ngx_conf_set_msec_slot/sec_slot (ngx_parse_time),
 * `size` ngx_conf_set_size_slot (ngx_parse_size), `off` ngx_conf_set_off_slot (ngx_parse_offset),
 * `count` ngx_conf_set_num_slot (ngx_atoi); `buffers` and `buffer-size` are the two halves of
 * ngx_conf_set_bufs_slot, which also refuses zero.
 */
type ValueKind = 'msec' | 'sec' | 'size' | 'off' | 'count' | 'buffers' | 'buffer-size';

interface ValueRule {
  /** The kind of each argument, by position; arguments past the list are not checked. */
  kinds: ValueKind[];
  /** Argument counts nginx accepts; any other count is an arity error, not a value error. */
  minArgs: number;
  maxArgs: number;
  /** Words accepted instead of a value (`directio off`). */
  keywords?: string[];
}

const upstreamModules = ['proxy', 'fastcgi', 'uwsgi', 'scgi'];
const each = (prefixes: string[], suffixes: string[]) => prefixes.flatMap((p) => suffixes.map((s) => `${p}_${s}`));

const msec = [
  'client_header_timeout',
  'client_body_timeout',
  'send_timeout',
  'lingering_time',
  'lingering_timeout',
  'resolver_timeout',
  'keepalive_time',
  'auth_delay',
  ...each([...upstreamModules, 'grpc', 'memcached'], ['connect_timeout', 'send_timeout', 'read_timeout', 'next_upstream_timeout']),
  ...each(upstreamModules, ['cache_lock_timeout', 'cache_lock_age']),
  // stream (and mail for proxy_timeout), where these names exist only with this meaning
  'proxy_timeout',
  'preread_timeout',
  'proxy_protocol_timeout',
  'ssl_handshake_timeout',
];
const sec = ['open_file_cache_valid', 'ssl_session_timeout'];
// limit_rate, limit_rate_after, proxy_limit_rate, stream proxy_*_rate take variables in newer nginx:
// such values are skipped below like every value with a `$`.
const size = [
  'client_body_buffer_size',
  'client_header_buffer_size',
  'connection_pool_size',
  'request_pool_size',
  'sendfile_max_chunk',
  'send_lowat',
  'postpone_output',
  'read_ahead',
  'subrequest_output_buffer_size',
  'limit_rate',
  'limit_rate_after',
  'ssl_buffer_size',
  'gzip_min_length',
  ...each(upstreamModules, ['buffer_size', 'busy_buffers_size', 'temp_file_write_size', 'max_temp_file_size', 'limit_rate']),
  'proxy_send_lowat',
  'fastcgi_send_lowat',
  'grpc_buffer_size',
  'memcached_buffer_size',
  'proxy_upload_rate',
  'proxy_download_rate',
  'preread_buffer_size',
];
const off = ['client_max_body_size', 'directio_alignment', ...each(upstreamModules, ['cache_max_range_offset'])];
const count = ['keepalive_requests', ...each([...upstreamModules, 'grpc', 'memcached'], ['next_upstream_tries'])];
const buffers = [...each(upstreamModules, ['buffers']), 'output_buffers', 'gzip_buffers', 'large_client_header_buffers'];

const all = (names: string[], rule: ValueRule): [string, ValueRule][] => names.map((name) => [name, rule]);
const one = (kind: ValueKind): ValueRule => ({ kinds: [kind], minArgs: 1, maxArgs: 1 });

const rules = new Map<string, ValueRule>([
  ...all(msec, one('msec')),
  ...all(sec, one('sec')),
  ...all(size, one('size')),
  ...all(off, one('off')),
  ...all(count, one('count')),
  ...all(buffers, { kinds: ['buffers', 'buffer-size'], minArgs: 2, maxArgs: 2 }),
  // http: `keepalive_timeout timeout [header_timeout]`, the header value in seconds; upstream: one msec
  ['keepalive_timeout', { kinds: ['msec', 'sec'], minArgs: 1, maxArgs: 2 }],
  // upstream `keepalive N [local]`; 0 turns the cache off since 1.29.7 (rejected before)
  ['keepalive', { kinds: ['count'], minArgs: 1, maxArgs: 2 }],
  ['directio', { kinds: ['off'], minArgs: 1, maxArgs: 1, keywords: ['off'] }],
]);

/** Why nginx rejects `text` as a value of this kind, or undefined when it accepts it. */
function valueProblem(kind: ValueKind, text: string): string | undefined {
  switch (kind) {
    case 'msec':
    case 'sec': {
      const time = parseNginxTime(text, kind === 'msec' ? 'ms' : 's');
      return time.ok ? undefined : time.reason;
    }
    case 'size':
    case 'off': {
      const parsed = kind === 'size' ? parseNginxSize(text) : parseNginxOffset(text);
      return parsed.ok ? undefined : parsed.reason;
    }
    case 'buffer-size': {
      const parsed = parseNginxSize(text);
      if (!parsed.ok) return parsed.reason;
      return parsed.bytes === 0 ? `"${quoteToken(text)}": a buffer size must be more than 0` : undefined;
    }
    case 'count':
      return nginxIntProblem(text);
    case 'buffers':
      return nginxIntProblem(text) ?? (/^0+$/.test(text) ? `"${quoteToken(text)}": the number of buffers must be at least 1` : undefined);
  }
}

/**
 * The `invalid-value` problems of one file: every argument of a listed directive that nginx would
 * refuse, on that argument. Skipped: values with variables (`$`), directives with an argument count
 * nginx refuses anyway, directives cut short by a syntax error, map/geo/types bodies and Lua blocks,
 * and files that are templates.
 */
export function nginxValueProblems(file: NginxFile): ParseProblem[] {
  if (file.problems.some((p) => p.code === 'nginx-syntax' && p.severity === 'info')) return []; // a template
  const problems: ParseProblem[] = [];
  const walk = (directives: NginxDirective[]) => {
    for (const directive of directives) {
      if (directive.block) {
        if (directive.block.kind === 'directives') walk(directive.block.children);
      } else if (directive.terminated) {
        checkDirective(directive, problems);
      }
    }
  };
  walk(file.directives);
  return problems;
}

function checkDirective(directive: NginxDirective, problems: ParseProblem[]): void {
  const name = directive.name.value;
  const rule = rules.get(name);
  if (!rule) return; // before reading args: the parser builds them only when read
  const args = directive.args;
  if (args.length < rule.minArgs || args.length > rule.maxArgs) return;
  rule.kinds.forEach((kind, i) => {
    const arg: NginxToken | undefined = args[i];
    if (!arg || arg.value.includes('$') || rule.keywords?.includes(arg.value)) return;
    const why = valueProblem(kind, arg.value);
    if (why)
      problems.push({ code: 'invalid-value', severity: 'error', message: `${name}: ${why}`, span: { start: arg.start, end: arg.end } });
  });
}
