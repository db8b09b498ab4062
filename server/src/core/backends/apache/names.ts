// The files the Apache httpd kind claims by name (a module of its own: the VS Code client imports
// it). Its other files (conf.d/*.conf, sites-enabled/*) share nginx's names and folders: they are
// told apart by their text (looksLikeApache, through the kind's claimsRefusedText).
export const apacheNames = {
  fileNames: ['httpd.conf', 'apache2.conf'],
  companionNames: [] as string[],
};
