import { problemCheck } from '../fromProblems';

export const nginxSyntax = problemCheck(
  'nginx-syntax',
  'nginx would refuse to load this file: its syntax is broken.',
  {
    default: 'error',
    otherwise:
      'info for a file that looks like a template (nginx/parser.ts), or for the note saying how many more problems a file has (problems.ts)',
  },
  {
    finds:
      "Syntax errors as nginx's own reader (ngx_conf_read_token) reports them: unbalanced braces, a directive without its `;`, a quote left open, text glued to a closing quote. Files that look like templates (`{{ }}`, `{% %}`) are reported once as templates instead.",
    why: '`nginx -t` fails and nginx keeps running the old configuration, or does not start. The reader recovers after each error so the rest of the file is still checked, but what follows a syntax error may be read differently by nginx.',
    example:
      '```nginx\nlocation / {\n    proxy_pass http://app_backend\n}\n```\nThe `;` after `proxy_pass` is missing, so nginx reads `}` as its argument.',
    fix: 'Add the missing `;`, brace or quote at the place shown.',
  },
);
