// Workspaces a hostile pull request could hold (issue 11). Each keeps a real race beside the
// hostile part, so a case also shows that one bad file costs nothing of the others. Used by the
// CLI-level test (test/cli/hostile.test.ts) and the language-server test that compares both.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ExpectedHostileFinding {
  code: string;
  /** Path relative to the workspace. */
  file: string;
  severity?: 'error' | 'warning' | 'info';
  /** How many findings of this code on this file (default 1). */
  count?: number;
  message?: RegExp;
  /** What one of its related messages says (where a value comes from: the first sentence leaves it out). */
  related?: RegExp;
}

export interface HostileCase {
  name: string;
  files: Record<string, string>;
  /** Symbolic links to make: path -> target as written (absolute targets stay absolute). */
  symlinks?: Record<string, string>;
  /** Findings the analysis must give (others may come too, unless `exact`). */
  expect: ExpectedHostileFinding[];
  /** No finding beyond `expect`. */
  exact?: boolean;
  /** Text no message may contain (secrets the files around the workspace hold). */
  neverQuoted?: string[];
}

/** A race nobody should miss: nginx keeps idle upstream connections 60 s, Tomcat 7 s. */
export const racingNginx =
  'events {}\nhttp {\n    upstream app { server tomcat:8080; keepalive 16; }\n    server {\n        listen 80;\n        location / { proxy_pass http://app; }\n    }\n}\n';
export const racingTomcat =
  '<Server port="-1"><Service name="Catalina">\n  <Connector port="8080" connectionTimeout="7000"/>\n</Service></Server>\n';

const race: ExpectedHostileFinding[] = [
  { code: 'keepalive-race', file: 'nginx/nginx.conf', severity: 'warning' },
  { code: 'keepalive-race', file: 'tomcat/conf/server.xml', severity: 'warning' },
];

function withRace(files: Record<string, string>, nginx = racingNginx): Record<string, string> {
  return { 'nginx/nginx.conf': nginx, 'tomcat/conf/server.xml': racingTomcat, ...files };
}

function includeIn(directive: string): string {
  return racingNginx.replace('http {\n', `http {\n    ${directive}\n`);
}

export const hostileCases: HostileCase[] = [
  {
    name: 'a glob include that backtracks, beside a file of 60 a',
    files: withRace({ ['nginx/conf.d/' + 'a'.repeat(60)]: 'gzip on;\n' }, includeIn('include conf.d/*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b;')),
    expect: race,
    exact: true,
  },
  {
    name: 'a glob with a reversed range',
    files: withRace({ 'nginx/conf.d/z.conf': 'gzip on;\n' }, includeIn('include conf.d/[z-a].conf;')),
    expect: race,
    exact: true,
  },
  {
    name: 'a file nested 2,300 levels deep beside the race',
    files: withRace({ 'nginx/conf.d/deep.conf': 'location / {\n'.repeat(2300) + '}\n'.repeat(2300) }, includeIn('include conf.d/*.conf;')),
    expect: [...race, { code: 'nginx-syntax', file: 'nginx/conf.d/deep.conf', severity: 'error', message: /nested more than 100 levels/ }],
  },
  {
    name: 'a file nested 100,000 levels deep',
    files: withRace({ 'nginx/conf.d/deeper.conf': 'location / {\n'.repeat(100000) }),
    expect: [
      ...race,
      { code: 'nginx-syntax', file: 'nginx/conf.d/deeper.conf', severity: 'error', message: /nested more than 100 levels deep/ },
      { code: 'nginx-syntax', file: 'nginx/conf.d/deeper.conf', severity: 'error', message: /unexpected end of file/ },
    ],
  },
  {
    name: 'includes nesting blocks across files',
    files: withRace(
      Object.fromEntries(
        Array.from({ length: 4 }, (_, i) => [
          `nginx/deep${i}.conf`,
          `${'location / {\n'.repeat(90)}include deep${i + 1}.conf;\n${'}\n'.repeat(90)}`,
        ]).concat([['nginx/deep4.conf', 'gzip on;\n']]),
      ),
      includeIn('server { include deep0.conf; }'),
    ),
    expect: [...race, { code: 'nginx-include', file: 'nginx/deep1.conf', severity: 'error', message: /more than 200 levels deep/ }],
  },
  {
    name: 'an exclusion pattern of 64 KB and one that backtracks',
    files: withRace({
      'timeout-chain.json': JSON.stringify({ exclude: ['a'.repeat(65536), '**/*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b/**'] }),
    }),
    symlinks: {},
    expect: [
      ...race,
      { code: 'settings', file: 'timeout-chain.json', severity: 'error', message: /exclude\[0\]: is longer than 4096 characters/ },
    ],
  },
  {
    name: 'includes of files outside the folder',
    files: withRace(
      {},
      includeIn(
        'include /etc/passwd;\n    include /proc/self/environ;\n    include /usr/*/*/*/*.conf;\n    include ../../../../../../etc/hostname;',
      ),
    ),
    expect: [
      ...race,
      { code: 'nginx-include', file: 'nginx/nginx.conf', severity: 'info', count: 4, message: /outside the workspace, not read/ },
    ],
    neverQuoted: ['root:x:0:0'],
  },
  {
    name: 'a link to / and links to secrets outside',
    files: withRace({}, includeIn('include conf.d/*.conf;')),
    symlinks: { rootfs: '/', 'nginx/conf.d/env.conf': '/proc/self/environ', 'nginx/sites-enabled/passwd': '/etc/passwd' },
    expect: [
      ...race,
      { code: 'nginx-include', file: 'nginx/nginx.conf', severity: 'info', message: /outside the workspace, not read/ },
      { code: 'file-access', file: 'nginx/sites-enabled/passwd', severity: 'info', message: /outside the workspace, not read/ },
    ],
    neverQuoted: ['root:x:0:0'],
  },
  {
    name: 'a Debian tree with sites-enabled linked to /etc/nginx/sites-available',
    files: {
      'etc/nginx/nginx.conf': 'events {}\nhttp {\n    include /etc/nginx/sites-enabled/*;\n}\n',
      'etc/nginx/sites-available/app':
        'upstream app { server tomcat:8080; keepalive 16; }\nserver { listen 80; location / { proxy_pass http://app; } }\n',
      'tomcat/conf/server.xml': racingTomcat,
    },
    symlinks: { 'etc/nginx/sites-enabled/app': '/etc/nginx/sites-available/app' },
    expect: [
      { code: 'keepalive-race', file: 'etc/nginx/sites-available/app', severity: 'warning' },
      { code: 'keepalive-race', file: 'tomcat/conf/server.xml', severity: 'warning' },
    ],
    exact: true,
  },
  {
    name: 'a flood of semicolons',
    // Included: a file of nothing but `;` is no nginx configuration by its text, but nginx reads what it includes.
    files: withRace({ 'nginx/conf.d/flood.conf': ';'.repeat(90 * 1024) }, includeIn('include conf.d/*.conf;')),
    expect: [
      ...race,
      { code: 'nginx-syntax', file: 'nginx/conf.d/flood.conf', severity: 'error', count: 100 },
      { code: 'nginx-syntax', file: 'nginx/conf.d/flood.conf', severity: 'info', message: /and 92060 more problems in this file/ },
    ],
  },
  {
    name: 'a secret-looking token is quoted short',
    files: withRace(
      { 'nginx/conf.d/leak.conf': 'API_KEY=sk-live-0123456789abcdefghijklmnopqrstuvwxyz0123456789;\n' },
      includeIn('include conf.d/*.conf;'),
    ),
    expect: [
      ...race,
      {
        code: 'nginx-syntax',
        file: 'nginx/conf.d/leak.conf',
        severity: 'error',
        message: /unknown directive "API_KEY=sk-live-0123456789abcdefghijk\.\.\."/,
      },
    ],
    neverQuoted: ['abcdefghijklmnopqrstuvwxyz0123456789'],
  },
  {
    name: 'character references in server.xml',
    files: withRace({ 'tomcat/conf/server.xml': racingTomcat.replace('"7000"', '"&#55;&#x30;00"') }),
    expect: race,
    exact: true,
  },
  {
    name: 'an XML entity bomb and an external entity',
    files: withRace({
      'other/conf/server.xml':
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n<Server><Service name="s"><Connector port="9090" connectionTimeout="&lol3;"/></Service></Server>\n',
      'third/conf/server.xml':
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Server><Service name="s"><Connector port="9091" connectionTimeout="&xxe;"/></Service></Server>\n',
    }),
    expect: race,
    neverQuoted: ['root:x:0:0'],
  },
  {
    name: 'a property loop in catalina.properties',
    files: withRace({
      'tomcat/conf/catalina.properties': 'a=${b}\nb=${a}\n',
      'tomcat/conf/server.xml': racingTomcat.replace('"7000"', '"7000" keepAliveTimeout="${a}"'),
    }),
    // Tomcat cannot set "${b}" as an int: it keeps keepAliveTimeout at its default, connectionTimeout's 7 s.
    expect: [
      ...race.map((r) => ({ ...r, related: /keepAliveTimeout not a number Tomcat can set/ })),
      {
        code: 'invalid-value',
        file: 'tomcat/conf/server.xml',
        severity: 'error',
        message: /is not a whole number, so Tomcat keeps its default/,
      },
    ],
    exact: true,
  },
  {
    name: 'an include of a folder',
    files: withRace({ 'nginx/conf.d/dir/x.conf': 'gzip on;\n' }, includeIn('include conf.d/dir;')),
    expect: [...race, { code: 'nginx-include', file: 'nginx/nginx.conf', severity: 'warning', message: /not a regular file/ }],
  },
];

/** Writes a case into an empty folder. */
export function writeHostileCase(dir: string, hostile: HostileCase): void {
  for (const [relative, text] of Object.entries(hostile.files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  for (const [relative, target] of Object.entries(hostile.symlinks ?? {})) {
    const link = path.join(dir, relative);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(target, link);
  }
}
