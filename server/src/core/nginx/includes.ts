// `include` as nginx does it (ngx_conf_include): relative paths resolve against the conf prefix (the
// folder of the main config), not the including file; a pattern with * ? [ is a glob, sorted, that
// may match nothing; a plain path must exist. Included files are parsed once and shared.
import * as path from 'node:path';
import type { NginxDirective, NginxFile } from './ast';
import type { ParseProblem } from '../types';
import type { ConfigNode } from './model';

export interface IncludeHost {
  /** The parsed file at an absolute path; undefined when it does not exist or cannot be read. */
  parse(file: string): NginxFile | undefined;
  /** Absolute paths matching an absolute glob pattern, sorted. */
  glob(pattern: string): string[];
}

export interface IncludeOptions {
  /** nginx's conf prefix: the folder of the main configuration file. */
  confPrefix: string;
  /** Deployed folder -> workspace folder, for absolute include paths (`/etc/nginx` -> `deploy/nginx`). */
  prefixMap?: Record<string, string>;
}

export interface IncludeEdge {
  /** The include directive and the file it is written in. */
  node: ConfigNode;
  /** Files it brought in. */
  targets: string[];
}

export interface Expansion {
  /** The root file's directives with includes replaced by what they include, at every depth. */
  nodes: ConfigNode[];
  problems: { file: NginxFile; problem: ParseProblem }[];
  /** Every file read, the root included. */
  files: Set<string>;
  includes: IncludeEdge[];
}

/** Where a deployed nginx keeps its configuration; absolute includes under them map to the conf prefix. */
const deployedPrefixes = ['/etc/nginx', '/usr/local/nginx/conf', '/usr/local/etc/nginx', '/opt/homebrew/etc/nginx', '/etc/openresty', '/usr/local/openresty/nginx/conf'];
/** Files nginx packages ship next to nginx.conf: a workspace often leaves them out, and that is fine. */
const shippedWithNginx = new Set(['mime.types', 'fastcgi_params', 'fastcgi.conf', 'proxy_params', 'scgi_params', 'uwsgi_params', 'koi-utf', 'koi-win', 'win-utf', 'fastcgi-php.conf']);
const maxDepth = 32;

export function resolveIncludePath(pattern: string, options: IncludeOptions): string {
  if (!path.isAbsolute(pattern)) return path.join(options.confPrefix, pattern);
  const mapped = Object.entries(options.prefixMap ?? {}).sort((a, b) => b[0].length - a[0].length).find(([deployed]) => isUnder(pattern, deployed));
  if (mapped) return path.join(mapped[1], path.relative(mapped[0], pattern));
  const deployed = deployedPrefixes.find((prefix) => isUnder(pattern, prefix));
  return deployed ? path.join(options.confPrefix, path.relative(deployed, pattern)) : pattern;
}

function isUnder(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

export function expandIncludes(root: NginxFile, host: IncludeHost, options: IncludeOptions): Expansion {
  const expansion: Expansion = { nodes: [], problems: [], files: new Set([root.path]), includes: [] };
  const stack = [root.path];
  const report = (file: NginxFile, span: { start: number; end: number }, message: string, severity: ParseProblem['severity'] = 'error') =>
    expansion.problems.push({ file, problem: { code: 'nginx-include', severity, message, span: { start: span.start, end: span.end } } });

  const expand = (file: NginxFile, directives: NginxDirective[]): ConfigNode[] => {
    const nodes: ConfigNode[] = [];
    for (const directive of directives) {
      if (directive.name.value !== 'include') {
        const block = directive.block;
        nodes.push({ directive, file, children: block ? expand(file, block.children) : undefined });
        continue;
      }
      const node: ConfigNode = { directive, file };
      if (directive.args.length !== 1) {
        report(file, directive.name, 'invalid number of arguments in "include" directive: it takes one file name or pattern');
        continue;
      }
      const pattern = directive.args[0].value;
      const resolved = resolveIncludePath(pattern, options);
      const isGlob = /[*?[]/.test(pattern);
      const targets = isGlob ? host.glob(resolved) : [resolved];
      const edge: IncludeEdge = { node, targets: [] };
      expansion.includes.push(edge);
      for (const target of targets) {
        if (stack.includes(target) || stack.length > maxDepth) {
          const cycle = [...stack.slice(stack.indexOf(target)), target].map((f) => path.basename(f)).join(' -> ');
          report(file, directive.args[0], stack.includes(target) ? `include cycle: ${cycle}; nginx would include these files again and again` : 'includes nested too deeply');
          continue;
        }
        const included = host.parse(target);
        if (!included) {
          if (!isGlob && !shippedWithNginx.has(path.basename(target))) {
            const where = target === pattern ? target : `${target}${path.isAbsolute(pattern) ? `, for ${pattern}` : ''}`;
            report(file, directive.args[0], `include file not found: ${where} (relative paths are resolved against the folder of the main nginx.conf, ${options.confPrefix})`, 'warning');
          }
          continue;
        }
        edge.targets.push(target);
        expansion.files.add(target);
        stack.push(target);
        nodes.push(...expand(included, included.directives));
        stack.pop();
      }
    }
    return nodes;
  };
  expansion.nodes = expand(root, root.directives);
  return expansion;
}

export type NginxContext = 'main' | 'http' | 'server' | 'location' | 'unknown';

const mainOnly = new Set(['http', 'events', 'stream', 'mail', 'worker_processes', 'load_module', 'user', 'pid', 'worker_rlimit_nofile', 'daemon', 'master_process', 'env', 'thread_pool', 'worker_cpu_affinity']);
const httpLevel = new Set(['server', 'upstream', 'map', 'geo', 'log_format', 'proxy_cache_path', 'limit_req_zone', 'limit_conn_zone', 'split_clients', 'types', 'lua_package_path', 'lua_shared_dict']);
const serverLevel = new Set(['location', 'listen', 'server_name', 'ssl_certificate', 'ssl_certificate_key']);

/** The context a file's top-level directives imply, for a file that nothing includes. */
export function inferContext(file: NginxFile): NginxContext {
  const names = file.directives.map((d) => d.name.value);
  if (names.some((n) => mainOnly.has(n))) return 'main';
  if (names.some((n) => httpLevel.has(n))) return 'http';
  if (names.some((n) => serverLevel.has(n))) return 'server';
  return names.length > 0 ? 'location' : 'unknown';
}
