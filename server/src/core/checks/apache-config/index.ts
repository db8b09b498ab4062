import { problemCheck } from '../fromProblems';

export const apacheConfig = problemCheck(
  'apache-config',
  'Apache httpd configuration httpd would refuse: a section never closed, or a closing tag with nothing open.',
  { default: 'error' },
  {
    finds:
      'Apache httpd files (`httpd.conf`, `apache2.conf`, and the vhost files in `conf.d/`, `sites-enabled/` and the like, told from nginx files by their text) whose sections do not pair up: `<VirtualHost *:8080>` with no `</VirtualHost>`, or a `</Directory>` that closes nothing.',
    why: 'httpd checks its configuration at start-up and refuses to start on a section that is not closed. What such a file says about keep-alive cannot be taken as what the server does.',
    example: '```apache\n<VirtualHost *:8080>\n    KeepAliveTimeout 5\n```',
    fix: 'Close the section (`</VirtualHost>`) or remove the stray closing tag. `apachectl configtest` says the same.',
  },
);
