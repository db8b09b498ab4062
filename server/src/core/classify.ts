// Which files of a folder are nginx configuration. Names decide first; a `.conf` file in no
// nginx-looking folder must also look like nginx inside, because `.conf` is shared with
// supervisord, redis, httpd and many others. Backend kinds claim their own files by name
// (their registry, read by node/fileKinds.ts).
import * as path from 'node:path';

/** `nginx`, a backend kind's id (`tomcat`), or the tag of the files a backend file reads (node/fileKinds.ts). */
export type FileKind = string;

/** Folders whose files are nginx configuration whatever their names. */
const nginxFolders = new Set(['sites-enabled', 'sites-available', 'conf.d', 'nginx', 'snippets', 'vhosts.d', 'streams-enabled']);
const nginxNames = new Set(['nginx.conf', 'fastcgi_params', 'fastcgi.conf', 'proxy_params', 'scgi_params', 'uwsgi_params', 'mime.types']);
/** Extensions never nginx configuration, even inside an nginx folder. */
const notConfig = /\.(md|txt|rst|html?|json|ya?ml|xml|sh|py|js|ts|lua|pem|crt|key|csr|png|jpe?g|gif|svg|ico|gz|zip|tar|bak|orig|swp|log)$/i;

/** Whether a file's name makes it nginx configuration; `maybe-nginx` needs a look at its text (see looksLikeNginx). */
export function nginxKindByName(file: string): 'nginx' | 'maybe-nginx' | undefined {
  const base = path.basename(file);
  if (nginxNames.has(base) || /^nginx.*\.conf$/.test(base) || base.endsWith('.nginx')) return 'nginx';
  if (notConfig.test(base) || base.startsWith('.')) return undefined;
  if (inNginxFolder(path.dirname(file))) return 'nginx';
  if (base.endsWith('.conf')) return 'maybe-nginx';
  return undefined;
}

/** The last folder asked about: a scan asks about every file of a folder in a row. */
let lastFolder = { dir: '', answer: false };

function inNginxFolder(dir: string): boolean {
  if (dir !== lastFolder.dir) lastFolder = { dir, answer: dir.split(/[\\/]/).some((f) => nginxFolders.has(f)) };
  return lastFolder.answer;
}

/**
 * A `.conf` file outside nginx folders counts as nginx when a line opens one of nginx's
 * characteristic blocks or sets a directive only nginx has.
 */
export function looksLikeNginx(text: string): boolean {
  return (
    /^\s*(?:http|events|stream|server|upstream|location\s+[^{]*)\s*(?:[\w.-]+\s*)?\{/m.test(text) ||
    /^\s*(?:proxy_pass|listen|server_name|worker_processes|include)\s+[^;\n]+;/m.test(text)
  );
}
