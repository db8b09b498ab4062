// Where a deployed nginx keeps its configuration: absolute includes (and absolute link targets)
// under these folders map to the repository's copy of that folder.
export const deployedPrefixes = [
  '/etc/nginx',
  '/usr/local/nginx/conf',
  '/usr/local/etc/nginx',
  '/opt/homebrew/etc/nginx',
  '/etc/openresty',
  '/usr/local/openresty/nginx/conf',
];

/**
 * Folders of a deployed nginx's prefix that hold the files nginx.conf includes: a file in one of
 * them resolves its relative includes against the folder above (Debian's `sites-available/app`
 * with `include snippets/proxy.conf;`, the Docker image's `conf.d/default.conf`).
 */
export const includedFolders = new Set([
  'conf.d',
  'http.d',
  'sites-available',
  'sites-enabled',
  'snippets',
  'vhosts.d',
  'streams-available',
  'streams-enabled',
  'modules-available',
  'modules-enabled',
  'templates',
]);
