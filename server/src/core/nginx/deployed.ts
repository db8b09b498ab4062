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
