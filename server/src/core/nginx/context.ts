// The context a file's top-level directives imply, for a file that nothing includes.
import type { NginxFile } from './ast';

export type NginxContext = 'main' | 'http' | 'server' | 'location' | 'unknown';

const mainOnly = new Set([
  'http',
  'events',
  'stream',
  'mail',
  'worker_processes',
  'load_module',
  'user',
  'pid',
  'worker_rlimit_nofile',
  'daemon',
  'master_process',
  'env',
  'thread_pool',
  'worker_cpu_affinity',
]);
const httpLevel = new Set([
  'server',
  'upstream',
  'map',
  'geo',
  'log_format',
  'proxy_cache_path',
  'limit_req_zone',
  'limit_conn_zone',
  'split_clients',
  'types',
  'lua_package_path',
  'lua_shared_dict',
]);
const serverLevel = new Set(['location', 'listen', 'server_name', 'ssl_certificate', 'ssl_certificate_key']);

/** What `file` would be read as: a main config, the inside of http{}, server{} or location{}. */
export function inferContext(file: NginxFile): NginxContext {
  let context = contexts.get(file);
  if (!context) contexts.set(file, (context = contextOf(file)));
  return context;
}

const contexts = new WeakMap<NginxFile, NginxContext>();

function contextOf(file: NginxFile): NginxContext {
  const names = file.directives.map((d) => d.name.value);
  if (names.some((n) => mainOnly.has(n))) return 'main';
  if (names.some((n) => httpLevel.has(n))) return 'http';
  if (names.some((n) => serverLevel.has(n))) return 'server';
  return names.length > 0 ? 'location' : 'unknown';
}
