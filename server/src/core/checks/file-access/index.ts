import { problemCheck } from '../fromProblems';

export const fileAccess = problemCheck(
  'file-access',
  'A configuration file or folder that is not read: outside the workspace, unreadable, too large, or not text.',
  { default: 'warning', otherwise: 'info for a folder, a file outside the workspace, or a binary file (workspace.ts setUnread)' },
  {
    finds:
      'Configuration files (`nginx.conf`, files in nginx folders, `server.xml`, `catalina.properties`) and folders that the analysis cannot read: permission denied, larger than 16 MB, not a text file (a binary under an nginx name: skipped, never called a template), a loop of symbolic links, or a symbolic link whose target lies outside the analysed folder (and is not mapped by `timeoutChain.nginx.prefixMap`).',
    why: 'A file that is not read is not checked: the races it holds go unreported. A repository is untrusted, so nothing outside the analysed folder is read, whatever a link or an include points at.',
    example: '```text\nsites-enabled/app -> /srv/secrets/app.conf   # outside the workspace: not read\n```',
    fix: 'Make the file readable, or keep it inside the folder. For a link into a deployed tree (`/etc/nginx/sites-available/app`), keep a copy of that tree in the repository and map it with `timeoutChain.nginx.prefixMap` (`{"/etc/nginx": "deploy/nginx"}`); a repository that mirrors `/etc/nginx` is found without the setting.',
  },
);
