import { problemCheck } from '../fromProblems';

export const nodejsConfig = problemCheck(
  'nodejs-config',
  'A Node.js application that cannot be read: a package.json that is not JSON, or a keep-alive timeout set in code whose value is not known.',
  { default: 'error', otherwise: 'info for a keepAliveTimeout set in JavaScript or TypeScript by a value the code computes' },
  {
    finds:
      'package.json files of an application that are not valid JSON (an error: npm and Node.js refuse them), and `server.keepAliveTimeout = ...` assignments (or Fastify `keepAliveTimeout` options) whose value the code computes rather than a literal, a constant of the file or `process.env.NAME || N` (information).',
    why: 'A package.json npm cannot parse starts nothing, so its servers are not checked. A timeout the code computes at run time cannot be compared with nginx here.',
    example: '```js\nconst server = app.listen(3000);\nserver.keepAliveTimeout = config.timeouts.keepAlive;\n```',
    fix: 'Correct the JSON at the position shown. For a computed timeout, write a literal or a constant, or check by hand that it is longer than nginx keeps connections.',
  },
);
