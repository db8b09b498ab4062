import type { CheckCases } from '../cases';

export const cases: CheckCases = {
  valid: [
    {
      name: 'a virtual host inside <IfModule>, a <Directory> inside it',
      files: {
        'apache/conf.d/app.conf':
          '<IfModule mod_proxy.c>\n<VirtualHost *:8080>\n    ServerName app.example.com\n    KeepAliveTimeout 90\n    <Directory /srv/app>\n        Require all granted\n    </Directory>\n</VirtualHost>\n</IfModule>\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a virtual host never closed',
      files: { 'apache/conf.d/app.conf': '<VirtualHost *:8080>\n    ServerName app.example.com\n    KeepAliveTimeout 5\n' },
      findings: [
        {
          file: 'apache/conf.d/app.conf',
          line: 1,
          text: '<VirtualHost *:8080>',
          severity: 'error',
          message: ['<virtualhost> is never closed'],
        },
      ],
    },
  ],
};
