// Which files of a folder are nginx configuration, by name, location and content. Names that are
// always something else (Dockerfiles, Makefiles, scripts, source maps, data, documents, images,
// archives) are never nginx, wherever they sit. Any other candidate (a `.conf`, a file of an
// nginx-looking folder such as conf.d/ or sites-enabled/, a name that says nginx) must look like
// nginx inside: a `.conf` anywhere must hold a directive only nginx has; in an nginx folder or
// under a name that says nginx, any nginx directive will do. Neither may look more like Apache
// httpd, XML or an INI file, nor be a script or JSON. Backend kinds claim their own files by name
// (their registry, read by node/fileKinds.ts).
import * as path from 'node:path';

/** `nginx`, a backend kind's id (`tomcat`), or the tag of the files a backend file reads (node/fileKinds.ts). */
export type FileKind = string;

/** Folders whose files are nginx configuration when their text looks like it. */
export const nginxFolderNames: readonly string[] = [
  'nginx',
  'openresty',
  'conf.d',
  'http.d',
  'sites-enabled',
  'sites-available',
  'snippets',
  'vhosts.d',
  'streams-enabled',
  'streams-available',
  'modules-enabled',
  'modules-available',
];
const nginxFolders = new Set(nginxFolderNames);
const nginxNames = new Set(['nginx.conf', 'fastcgi_params', 'fastcgi.conf', 'proxy_params', 'scgi_params', 'uwsgi_params', 'mime.types']);

/**
 * Extensions never nginx configuration, wherever the file sits: documents, data, source code and
 * scripts, keys and certificates, images, fonts, archives and binaries, backups and editor files.
 * Templates (`.template`, `.j2`, `.tmpl`, `.erb`) and samples are left to their text.
 */
const notConfigExtension = new RegExp(
  '\\.(?:' +
    [
      'md|markdown|txt|rst|adoc|org|pdf|html?|xhtml|css|scss|sass|less|csv|tsv|log',
      'json|jsonc|json5|ya?ml|toml|xml|xsl|xsd|ini|properties|env|lock|sum|mod|sql|proto|graphql',
      'sh|bash|zsh|fish|ksh|ps1|psm1|bat|cmd|py|pyc|pyo|pyi|rb|pl|pm|t|php|lua|js|mjs|cjs|jsx|ts|mts|cts|tsx|vue|svelte',
      'go|rs|java|kt|kts|scala|groovy|gradle|clj|c|h|cc|cpp|cxx|hh|hpp|cs|fs|vb|swift|m|mm|dart|ex|exs|erl|hs|ml|r|jl|nim|zig',
      'mk|cmake|dockerfile|containerfile|tf|tfvars|hcl|nix|bzl|patch|diff|ipynb',
      'pem|crt|cer|der|key|csr|p12|pfx|jks|keystore|gpg|asc|sig|pub',
      'png|jpe?g|gif|svg|ico|webp|bmp|tiff?|avif|psd|mp[34]|webm|wav|ogg|woff2?|ttf|otf|eot',
      'gz|tgz|zip|tar|bz2|xz|zst|7z|rar|jar|war|ear|deb|rpm|apk|whl|gem|so|dylib|dll|exe|bin|o|a|class|wasm|dat|db|sqlite3?',
      'bak|orig|rej|swp|swo|tmp|pid|sock',
    ].join('|') +
    ')$',
  'i',
);
/** Source maps (`app.js.map`), which build output puts beside every compiled file; an nginx `map` include file keeps its `.map`. */
const sourceMap = /\.(?:[cm]?js|[cm]?ts|jsx|tsx|css|scss|less)\.map$/i;
/** Names that are always something else: build and container files, repository documents. */
const notConfigName =
  /^(?:(?:docker|container)file(?:[._-].*)?|(?:gnu)?makefile(?:\..*)?|jenkinsfile|vagrantfile|procfile|gemfile|rakefile|brewfile|justfile|tiltfile|earthfile|caddyfile|(?:readme|license|licence|copying|changelog|notice|authors|contributors|contributing|codeowners)(?:[._-].*)?)$/i;

/** Whether a file's name alone rules it out as nginx configuration (what it holds does not matter). */
export function neverNginxByName(file: string): boolean {
  const base = path.basename(file);
  return base.startsWith('.') || notConfigName.test(base) || notConfigExtension.test(base) || sourceMap.test(base);
}

/** Whether a file's name makes it a candidate for nginx configuration, whose text then decides (see nginxByText). */
export function nginxKindByName(file: string): 'maybe-nginx' | undefined {
  if (neverNginxByName(file)) return undefined;
  const base = path.basename(file);
  if (base.endsWith('.conf') || namedForNginx(base) || inNginxFolder(path.dirname(file))) return 'maybe-nginx';
  return undefined;
}

/**
 * A name that says nginx: nginx's own (`nginx.conf`, `proxy_params`) or one made from it
 * (`nginx-site.conf`, `app.nginx`). Most likely nginx's, but not always: supervisord's
 * `conf.d/nginx.conf` runs nginx, fail2ban's `filter.d/nginx-http-auth.conf` reads its logs.
 */
function namedForNginx(base: string): boolean {
  return nginxNames.has(base) || /^nginx.*\.conf$/.test(base) || /\.nginx(?:conf|\.conf)?$/.test(base);
}

/**
 * Whether a `maybe-nginx` file that holds no text (binary) is said to be skipped rather than
 * passed over: when its name says nginx. In an nginx folder a binary file is some other file.
 */
export function binaryIsSaid(file: string): boolean {
  return namedForNginx(path.basename(file));
}

/**
 * Whether a `maybe-nginx` file that cannot be read (outside, too large) is said: when its name says
 * nginx or it sits in an nginx folder (`sites-enabled/app` linked outside). A `.conf` elsewhere may be anything.
 */
export function unreadIsSaid(file: string): boolean {
  return namedForNginx(path.basename(file)) || inNginxFolder(path.dirname(file));
}

/** The last folder asked about: a scan asks about every file of a folder in a row. */
let lastFolder = { dir: '', answer: false };

/** Whether a folder is, or lies in, a folder nginx configuration is kept in (`conf.d`, `nginx`...). */
export function inNginxFolder(dir: string): boolean {
  if (dir !== lastFolder.dir) lastFolder = { dir, answer: dir.split(/[\\/]/).some((f) => nginxFolders.has(f)) };
  return lastFolder.answer;
}

/**
 * Whether the text of a file whose name needs a look (`maybe-nginx`) is nginx configuration. In an
 * nginx folder, or under a name that says nginx, any nginx directive will do (snippets hold only
 * `proxy_set_header` lines, sites only `server {}`), and a file of nothing but comments is nginx
 * too (nginx reads it as nothing); elsewhere a `.conf` needs a directive only nginx has.
 */
export function nginxByText(file: string, text: string): boolean {
  return looksLikeNginx(text, namedForNginx(path.basename(file)) || inNginxFolder(path.dirname(file)));
}

/** What a text has: nginx directives (distinctive or common words), and lines in other formats. */
interface Evidence {
  /** Directives and blocks only nginx has (`proxy_pass`, `server_name`, `location / {`). */
  distinctive: number;
  /** nginx directives whose names other formats use too (`include x;`, `listen 80;`, `root /srv;`). */
  common: number;
  /** Lines outside blocks in another format: Apache directives and sections, XML tags, INI sections. */
  other: number;
  /** A script (`#!`) or JSON: never nginx. */
  foreign: boolean;
  /** Something besides blank lines and comments. */
  content: boolean;
}

/** How much of a text is looked at: a configuration says what it is in its first lines. */
const sampleLength = 64 * 1024;

/**
 * Whether a text reads as nginx configuration. `lenient` (a file in an nginx folder): one nginx
 * directive of any kind, or no content at all. Otherwise a directive only nginx has. Either way
 * nginx's lines must outnumber those in another format, and scripts and JSON are never nginx.
 */
export function looksLikeNginx(text: string, lenient = false): boolean {
  const evidence = evidenceIn(text, lenient);
  if (evidence.foreign) return false;
  if (!evidence.content) return lenient;
  const nginx = evidence.distinctive + evidence.common;
  return (lenient ? nginx > 0 : evidence.distinctive > 0) && nginx > evidence.other;
}

/** nginx lines beyond the lines in other formats after which the rest of a text is not looked at. */
const decisiveLead = 3;

/** nginx's contexts and block directives: a line opening one of them with `{` is nginx's. */
const blockNames = new Set([
  'http',
  'events',
  'stream',
  'mail',
  'server',
  'upstream',
  'location',
  'map',
  'geo',
  'types',
  'split_clients',
  'limit_except',
  'charset_map',
  'match',
]);
/** Directive families only nginx (and its common modules) has, by the prefix before an `_` (`proxy_`, `open_file_`). */
const distinctivePrefixes = new Set([
  'proxy',
  'fastcgi',
  'uwsgi',
  'scgi',
  'grpc',
  'memcached',
  'ssl',
  'gzip',
  'gunzip',
  'brotli',
  'keepalive',
  'client',
  'limit',
  'lua',
  'js',
  'auth',
  'more',
  'worker',
  'open_file',
  'open_log',
  'real_ip',
  'sub_filter',
  'autoindex',
  'http2',
  'http3',
  'quic',
  'userid',
  'secure_link',
  'image_filter',
  'xslt',
  'dav',
  'mp4',
  'hls',
  'vod',
  'rtmp',
  'echo',
  'lingering',
  'types_hash',
  'variables_hash',
  'server_names',
  'map_hash',
  'ssi',
  'perl',
  'zone_sync',
  'health_check',
  'sticky',
  'access_by',
  'content_by',
  'rewrite_by',
  'header_filter_by',
  'body_filter_by',
  'log_by',
  'set_by',
  'init_by',
  'init_worker_by',
  'balancer_by',
]);
/** Single directives only nginx has. */
const distinctiveNames = new Set([
  'server_name',
  'server_tokens',
  'add_header',
  'add_trailer',
  'add_before_body',
  'add_after_body',
  'try_files',
  'error_page',
  'access_log',
  'error_log',
  'log_format',
  'default_type',
  'sendfile',
  'sendfile_max_chunk',
  'tcp_nopush',
  'tcp_nodelay',
  'resolver',
  'resolver_timeout',
  'set_real_ip_from',
  'large_client_header_buffers',
  'underscores_in_headers',
  'ignore_invalid_headers',
  'log_not_found',
  'log_subrequest',
  'port_in_redirect',
  'absolute_redirect',
  'server_name_in_redirect',
  'recursive_error_pages',
  'postpone_output',
  'output_buffers',
  'send_timeout',
  'reset_timedout_connection',
  'chunked_transfer_encoding',
  'valid_referers',
  'uninitialized_variable_warn',
  'if_modified_since',
  'disable_symlinks',
  'ip_hash',
  'least_conn',
  'least_time',
  'stub_status',
  'load_module',
  'master_process',
  'worker_processes',
  'multi_accept',
  'accept_mutex',
  'pcre_jit',
  'thread_pool',
  'timer_resolution',
  'working_directory',
  'debug_connection',
  'subrequest_output_buffer_size',
  'merge_slashes',
  'satisfy',
  'internal',
  'mirror',
  'slice',
  'etag',
  'directio',
  'gunzip',
  'gzip',
  'ssi',
  'ssl',
  'http2',
  'aio',
  'sub_filter',
  'rewrite_log',
  'status_zone',
]);
/** nginx directives whose words other formats use too. `set` and `if` must look like nginx's (`set $x`, `if (`). */
const commonNames = new Set([
  'include',
  'listen',
  'root',
  'index',
  'alias',
  'return',
  'rewrite',
  'allow',
  'deny',
  'break',
  'expires',
  'charset',
  'default',
  'hash',
  'random',
  'zone',
  'server',
  'keepalive',
  'user',
  'pid',
  'env',
  'use',
  'daemon',
  'set',
  'if',
  'js_import',
]);
/** Apache httpd's directives, which share nginx's folder names; Apache writes them capitalized and without `;`. */
const apacheNames = new Set([
  'servername',
  'serveralias',
  'serveradmin',
  'serverroot',
  'documentroot',
  'directoryindex',
  'proxypass',
  'proxypassreverse',
  'proxypreservehost',
  'proxyrequests',
  'rewriteengine',
  'rewriterule',
  'rewritecond',
  'rewritebase',
  'loadmodule',
  'errorlog',
  'customlog',
  'loglevel',
  'logformat',
  'require',
  'options',
  'allowoverride',
  'order',
  'header',
  'requestheader',
  'sslengine',
  'sslcertificatefile',
  'sslcertificatekeyfile',
  'sslprotocol',
  'scriptalias',
  'addtype',
  'addhandler',
  'setenv',
  'setenvif',
  'redirect',
  'redirectmatch',
  'keepalivetimeout',
  'maxkeepaliverequests',
  'timeout',
  'includeoptional',
  'wsgiscriptalias',
  'wsgidaemonprocess',
  'protocols',
  'expiresactive',
  'expiresbytype',
  'listen',
  'include',
  'alias',
  'user',
  'group',
  'keepalive',
]);

function evidenceIn(text: string, lenient: boolean): Evidence {
  const evidence: Evidence = { distinctive: 0, common: 0, other: 0, foreign: false, content: false };
  const end = Math.min(text.length, sampleLength);
  // A name alone on its line whose `{` opens the next (`server` then `{`): said when the `{` comes.
  let awaitingBrace: 'distinctive' | 'common' | undefined;
  // Braces open on the lines before, roughly: lines inside blocks (Lua code, a page in a string) say
  // nothing against nginx, however they look.
  let depth = 0;
  for (let start = 0; start < end;) {
    let lineEnd = text.indexOf('\n', start);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const firstLine = start === 0;
    leadingBlanks.lastIndex = start;
    leadingBlanks.test(text); // always matches: skips the indentation natively
    const from = leadingBlanks.lastIndex;
    start = lineEnd + 1;
    if (from >= lineEnd) continue;
    const first = text.charCodeAt(from);
    if (first === 35 /* # */) {
      if (firstLine && text.charCodeAt(from + 1) === 33 /* ! */) evidence.foreign = true; // a script
      continue;
    }
    const line = text.slice(from, lineEnd);
    // nginx never starts with a brace; JSON does (an INI file starts with a section, `[name]`).
    // Templates start with their markup: `{{ $x := ... }}`, `{% if %}`.
    if (!evidence.content && /^(?:\{\s*(?:["}]|$)|\[\s*(?:["{[\d\]]|$))/.test(line)) {
      evidence.foreign = true;
      return evidence;
    }
    evidence.content = true;
    const outside = depth === 0;
    depth = Math.max(0, depth + braceBalance(line));
    const pending = awaitingBrace;
    awaitingBrace = undefined;
    if (pending && first === 123 /* { */) {
      evidence[pending]++;
      continue;
    }
    if (first === 60 /* < */) {
      if (outside && /^<\/?[A-Za-z?!][^>]*>/.test(line)) evidence.other++; // <VirtualHost *:80>, <?xml ...?>, <source>
      continue;
    }
    if (first === 91 /* [ */) {
      if (outside && /^\[[^\]]+\]\s*$/.test(line)) evidence.other++; // an INI section
      continue;
    }
    // A directive name, maybe quoted as nginx allows ("add_header" X-Frame-Options DENY;).
    // Not followed by anything but a blank, `;` or `{`: key=value, key: value, key.sub = value are
    // settings of other formats (and Lua code in a block); so is `key = value`, but `location = /exact {`.
    const named = directiveHead.exec(line);
    if (!named || (named[3] !== undefined && named[2] !== 'location')) continue;
    const name = named[2];
    const rest = line.slice(named[0].length - (named[3]?.length ?? 0));
    if (name !== name.toLowerCase()) {
      if (outside && apacheNames.has(name.toLowerCase()) && !/;\s*$/.test(rest)) evidence.other++;
      continue;
    }
    const weight = nginxWeight(name, rest);
    if (weight === undefined) continue;
    // A directive ends with `;` or opens its block with `{`, on its line or (a block) the next; a
    // name only nginx has needs no more than its arguments (they may go on for lines: log_format).
    if (/[;{]/.test(rest) || (weight === 'distinctive' && !blockNames.has(name) && /^\s+\S/.test(rest))) {
      evidence[weight]++;
      // Decided: a few of nginx's lines before any other format's (a scan reads thousands of files).
      if ((lenient || evidence.distinctive > 0) && evidence.distinctive + evidence.common >= evidence.other + decisiveLead) return evidence;
    } else if (blockNames.has(name)) awaitingBrace = weight;
  }
  return evidence;
}

/** Whether some `_` of a name ends a distinctive family's prefix (a Set lookup per `_`: cheaper than a regex of 80 alternatives). */
function hasDistinctivePrefix(name: string): boolean {
  for (let cut = name.indexOf('_'); cut > 0; cut = name.indexOf('_', cut + 1)) if (distinctivePrefixes.has(name.slice(0, cut))) return true;
  return false;
}

/** Spaces, tabs, CR and the byte order mark before a line's first word (sticky: matched where a line starts). */
const leadingBlanks = /[ \t\r\v\f\ufeff\xa0]*/y;
/** A directive name, maybe quoted as nginx allows (`"add_header" X-Frame-Options DENY;`), then `=` or `:` when one follows. */
const directiveHead = /^(["']?)([A-Za-z_][A-Za-z0-9_]*)\1(?=$|[\s;{])(\s*[=:])?/;

/** Opening minus closing braces on a line, before a comment. */
function braceBalance(line: string): number {
  if (line.indexOf('{') < 0 && line.indexOf('}') < 0) return 0; // most lines: found natively, no loop
  let balance = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 123 /* { */) balance++;
    else if (c === 125 /* } */) balance--;
    else if (c === 35 /* # */ && (i === 0 || line.charCodeAt(i - 1) === 32 || line.charCodeAt(i - 1) === 9)) break;
  }
  return balance;
}

/** How telling a directive name is, or undefined for a word that is no nginx directive. */
function nginxWeight(name: string, rest: string): 'distinctive' | 'common' | undefined {
  if (name === 'server') return /^[^;]*\{/.test(rest) || !rest.includes(';') ? 'distinctive' : 'common'; // server {} or, in upstream{}, server host:port;
  if (blockNames.has(name) || distinctiveNames.has(name) || hasDistinctivePrefix(name) || /_by_lua(?:_block|_file)?$/.test(name))
    return name === 'match' || (name === 'map' && !/^\s+\$/.test(rest)) ? 'common' : 'distinctive';
  // Words other formats use too, written the way only nginx writes them: variables, status codes,
  // regular expressions, addresses.
  switch (name) {
    case 'set':
      return /^\s+\$/.test(rest) ? 'distinctive' : undefined;
    case 'if':
      return /^\s*\(.*\$/.test(rest) ? 'distinctive' : /^\s*\(/.test(rest) ? 'common' : undefined;
    case 'return':
      return /^\s+[1-5]\d\d\b/.test(rest) ? 'distinctive' : 'common';
    case 'rewrite':
      return /^\s+\S+\s+\S+.*;/.test(rest) ? 'distinctive' : 'common';
    case 'allow':
    case 'deny':
      return /^\s+(?:all|[\d.:a-f]+(?:\/\d+)?|unix:)\s*;/i.test(rest) ? 'distinctive' : 'common';
  }
  return commonNames.has(name) ? 'common' : undefined;
}

/** Bytes looked at to tell a binary file: what `file`, git and grep look at. */
const binarySample = 8 * 1024;

/**
 * Whether a text read as UTF-8 is no text at all: a NUL in its first 8 KB, or so many bytes that
 * are not UTF-8 (decoded as U+FFFD) or control characters that it cannot be a text in another
 * encoding either (a Latin-1 config has a few accented letters, not one byte in ten).
 */
export function isBinaryText(text: string): boolean {
  const sample = text.length > binarySample ? text.slice(0, binarySample) : text;
  // eslint-disable-next-line no-control-regex -- control characters are what a binary file has
  if (!/[\0-\x08\x0e-\x1a\x1c-\x1f\ufffd]/.test(sample)) return false;
  if (sample.includes('\0')) return true;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0xfffd || c < 9 || (c > 13 && c < 32 && c !== 27)) odd++;
  }
  return odd * 10 > sample.length;
}
