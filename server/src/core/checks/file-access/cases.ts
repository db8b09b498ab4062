import type { CheckCases } from '../cases';
import { unreadableFile } from '../cases';

const conf = 'nginx/nginx.conf';

export const cases: CheckCases = {
  valid: [
    {
      name: 'every configuration file is readable',
      files: {
        [conf]: 'events {}\nhttp {\n    include conf.d/*.conf;\n}\n',
        'nginx/conf.d/app.conf': 'upstream app { server 127.0.0.1:8080; }\n',
      },
    },
    {
      name: 'an unreadable file that is no configuration is not mentioned',
      files: { [conf]: 'events {}\n', 'docs/notes.txt': unreadableFile('unreadable') },
    },
  ],
  invalid: [
    {
      name: 'a server.xml that cannot be read',
      files: { [conf]: 'events {}\n', 'tomcat/conf/server.xml': unreadableFile('unreadable') },
      findings: [{ file: 'tomcat/conf/server.xml', line: 1, text: '', severity: 'warning', message: ['not readable', 'not checked'] }],
    },
    {
      name: 'a site linked to outside the workspace',
      files: { [conf]: 'events {}\n', 'nginx/sites-enabled/app': unreadableFile('outside') },
      findings: [{ file: 'nginx/sites-enabled/app', line: 1, text: '', severity: 'info', message: ['outside the workspace, not read'] }],
    },
    {
      name: 'an nginx file over 16 MB',
      files: { [conf]: 'events {}\n', 'nginx/conf.d/huge.conf': unreadableFile('too-large') },
      findings: [{ file: 'nginx/conf.d/huge.conf', line: 1, text: '', severity: 'warning', message: ['larger than 16 MB'] }],
    },
  ],
};
