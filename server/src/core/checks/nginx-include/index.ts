import { problemCheck } from '../fromProblems';

export const nginxInclude = problemCheck(
  'nginx-include',
  'An include nginx cannot follow: a missing file or an include cycle.',
  {
    default: 'error',
    otherwise: 'warning for an include file not found or not readable, info for one outside the workspace (nginx/includes.ts)',
  },
  {
    finds:
      '`include` directives naming a plain path that does not exist (a glob that matches nothing is fine, as for nginx), and includes that lead back to a file already being included.',
    why: 'nginx refuses to start with `open() "..." failed`; an include cycle makes it recurse until it fails. Anything the missing file would have defined (upstreams, headers) is also missing from this analysis.',
    example: '```nginx\nhttp {\n    include conf.d/upstreams.conf;   # no such file\n}\n```',
    fix: "Correct the path. Relative paths are resolved against the folder of the main nginx.conf (nginx's conf prefix), not against the including file. For absolute paths of a deployed tree (`/etc/nginx/...`), set `timeoutChain.nginx.prefixMap`.",
  },
);
