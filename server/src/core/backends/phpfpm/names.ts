// The files the php-fpm kind reads by name (a module of its own: the VS Code client imports it).
// Pool files (`www.conf`, `php-fpm.d/*.conf`, `pool.d/*.conf`) share nginx's `.conf`: they are
// claimed by their text (isPoolText in ini.ts), never by name.
export const phpFpmNames = { fileNames: ['php-fpm.conf'], companionNames: [] as string[] };
