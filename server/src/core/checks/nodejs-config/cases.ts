import type { CheckCases } from '../cases';

const pkg = '{\n  "name": "shop",\n  "dependencies": { "express": "^4.19.2" }\n}\n';
const server = (line: string) => `const express = require('express');\nconst app = express();\nconst server = app.listen(3000);\n${line}\n`;

export const cases: CheckCases = {
  valid: [
    {
      name: 'a literal, a constant and an environment variable with a fallback are all known',
      files: {
        'app/package.json': pkg,
        'app/a.js': server('server.keepAliveTimeout = 65000;'),
        'app/b.js': `const T = 65_000;\n${server('server.keepAliveTimeout = T;')}`,
        'app/c.js': server('server.keepAliveTimeout = Number(process.env.KEEP_ALIVE) || 65000;'),
      },
    },
    { name: 'code outside any application is not read', files: { 'x/notes.js': 'server.keepAliveTimeout = f();\n' } },
  ],
  invalid: [
    {
      name: 'package.json that is not JSON',
      files: { 'app/package.json': '{\n  "name": "shop",\n  "dependencies": { "express": "^4" },\n}\n' },
      findings: [{ file: 'app/package.json', line: 4, text: '}', severity: 'error', message: ['package.json is not JSON npm reads'] }],
    },
    {
      name: 'a keepAliveTimeout the code computes',
      files: { 'app/package.json': pkg, 'app/server.js': server('server.keepAliveTimeout = settings.keepAlive * 1000;') },
      findings: [
        {
          file: 'app/server.js',
          line: 4,
          text: 'settings.keepAlive * 1000',
          severity: 'info',
          message: ['keepAliveTimeout is set in code, value not known'],
        },
      ],
    },
  ],
};
