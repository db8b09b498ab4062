import { unreadableFile, type CheckCases } from '../cases';

const conf = 'nginx/nginx.conf';

export const cases: CheckCases = {
  valid: [
    {
      name: 'a relative include resolved against the main config folder',
      files: {
        [conf]: 'events {}\nhttp {\n    include conf.d/*.conf;\n}\n',
        'nginx/conf.d/app.conf': 'upstream app { server 127.0.0.1:8080; }\n',
      },
    },
    { name: 'a glob that matches nothing, as nginx allows', files: { [conf]: 'events {}\nhttp {\n    include sites-enabled/*;\n}\n' } },
    {
      name: 'mime.types shipped with nginx need not be in the workspace',
      files: { [conf]: 'events {}\nhttp {\n    include mime.types;\n}\n' },
    },
  ],
  invalid: [
    {
      name: 'a missing plain include',
      files: { [conf]: 'events {}\nhttp {\n    include conf.d/upstreams.conf;\n}\n' },
      findings: [{ file: conf, line: 3, text: 'conf.d/upstreams.conf', severity: 'warning', message: ['not found', 'upstreams.conf'] }],
    },
    {
      name: 'an include of a file that cannot be read is not called missing',
      files: {
        [conf]: 'events {}\nhttp {\n    include conf.d/secret.conf;\n}\n',
        'nginx/conf.d/secret.conf': unreadableFile('unreadable'),
      },
      findings: [{ file: conf, line: 3, text: 'conf.d/secret.conf', severity: 'warning', message: ['secret.conf is not readable'] }],
    },
    {
      name: 'includes outside the workspace are not read, said once per include',
      files: { [conf]: 'events {}\nhttp {\n    include /etc/passwd;\n    include /usr/*/*/*/*.conf;\n}\n' },
      findings: [
        { file: conf, line: 3, text: '/etc/passwd', severity: 'info', message: ['outside the workspace, not read', 'prefixMap'] },
        { file: conf, line: 4, text: '/usr/*/*/*/*.conf', severity: 'info', message: ['outside the workspace, not read'] },
      ],
    },
    {
      name: 'an include cycle',
      files: {
        [conf]: 'events {}\nhttp {\n    include a.conf;\n}\n',
        'nginx/a.conf': 'include b.conf;\n',
        'nginx/b.conf': 'include a.conf;\n',
      },
      findings: [{ file: 'nginx/b.conf', line: 1, text: 'a.conf', severity: 'error', message: ['cycle', 'a.conf -> b.conf -> a.conf'] }],
    },
  ],
};
