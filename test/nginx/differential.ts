// The real nginx as referee (`npm run test:nginx`), Debian's nginx installed by
// scripts/install-system-packages.sh. Two differentials:
// 1. Includes: for generated trees (globs, nested includes, relative paths, odd names) and for
//    corpus configs this nginx loads, the files `nginx -T` dumps, in order, must be the files this
//    reader's include expansion visits, and a config nginx loads must have no syntax error here.
// 2. Token values: a running nginx answers `return 200 <token>` for tricky tokens; its bodies must
//    equal the values this reader decodes (quotes, escapes, `#` inside words, `${var}`).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseNginx } from '../../server/src/core/nginx/parser';
import { expandIncludes } from '../../server/src/core/nginx/includes';
import type { NginxFile } from '../../server/src/core/nginx/ast';
import { expandGlob } from '../../server/src/node/glob';
import { freePort } from '../vscode/codeServer';
import { corpus } from '../corpus/location';

const repoRoot = path.resolve(__dirname, '../../..');
const failures: string[] = [];

function nginxBinary(): string {
  execFileSync(path.join(repoRoot, 'scripts', 'install-system-packages.sh'), { stdio: 'inherit' });
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx']) if (fs.existsSync(candidate)) return candidate;
  throw new Error('nginx is not installed');
}

/** `nginx -T` on a config: ok and the files it dumped, in order. */
function nginxDump(nginx: string, conf: string): { ok: boolean; files: string[]; stderr: string } {
  const dir = path.dirname(conf);
  const run = spawnSync(nginx, ['-T', '-q', '-p', `${dir}/`, '-c', conf, '-e', path.join(dir, 'error.log')], { encoding: 'latin1' });
  const files = [...run.stdout.matchAll(/^# configuration file (.*):$/gm)].map((m) => m[1]);
  return {
    ok: run.status === 0,
    files,
    stderr: run.stderr + (fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'latin1') : ''),
  };
}

/** This reader on the same tree: syntax errors and the files its include expansion visits, in order. */
function readTree(conf: string): { errors: string[]; files: string[] } {
  const visited: string[] = [];
  const parsed = new Map<string, NginxFile>();
  const errors: string[] = [];
  const parse = (file: string): NginxFile | undefined => {
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return undefined;
    if (!visited.includes(file)) visited.push(file);
    let result = parsed.get(file);
    if (!result) {
      result = parseNginx(file, fs.readFileSync(file, 'latin1'));
      parsed.set(file, result);
      for (const p of result.problems)
        if (p.severity === 'error') errors.push(`${path.basename(file)}:${result.lines.positionAt(p.span.start).line + 1}: ${p.message}`);
    }
    return result;
  };
  const root = parse(conf)!;
  // nginx here reads /etc/nginx of this machine; map it to itself (a workspace would map it to its own copy).
  const expansion = expandIncludes(
    root,
    { parse, glob: expandGlob },
    { confPrefix: path.dirname(conf), prefixMap: { '/etc/nginx': '/etc/nginx' } },
  );
  for (const { problem } of expansion.problems()) if (problem.severity === 'error') errors.push(problem.message);
  return { errors, files: visited };
}

function writeTree(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

const base = (http: string) =>
  `pid nginx.pid;\nerror_log error.log;\nevents {}\nhttp {\n    access_log off;\n    client_body_temp_path tmp;\n    proxy_temp_path tmp;\n    fastcgi_temp_path tmp;\n    uwsgi_temp_path tmp;\n    scgi_temp_path tmp;\n${http}\n}\n`;

/** Generated trees that exercise include resolution. */
const trees: Record<string, Record<string, string>> = {
  'globs sorted in byte order, hidden files skipped': {
    'nginx.conf': base('    include conf.d/*.conf;'),
    'conf.d/b.conf': 'map $uri $b { default 1; }\n',
    'conf.d/A.conf': 'map $uri $a_upper { default 1; }\n',
    'conf.d/a.conf': 'map $uri $a { default 1; }\n',
    'conf.d/10-x.conf': 'map $uri $x10 { default 1; }\n',
    'conf.d/9-x.conf': 'map $uri $x9 { default 1; }\n',
    'conf.d/.hidden.conf': 'this is not nginx syntax {\n',
    'conf.d/skip.txt': 'nor is this {\n',
  },
  'nested includes resolve against the conf prefix, not the including file': {
    'nginx.conf': base('    include sites/*;'),
    'sites/one':
      'server {\n    listen 127.0.0.1:1;\n    include snippets/common.conf;\n    location / { include snippets/loc[0-9].conf; }\n}\n',
    'sites/two': 'server {\n    listen 127.0.0.1:2;\n    include snippets/common.conf;\n}\n',
    'snippets/common.conf': 'add_header X-Common 1;\n',
    'snippets/loc1.conf': 'add_header X-Loc 1;\n',
    'snippets/loc2.conf': 'add_header X-Loc 2;\n',
  },
  'character classes, ? and a glob over folders': {
    'nginx.conf': base('    include vhosts/*/site?.conf;\n    include extra/[!x]*.conf;'),
    'vhosts/b/site1.conf': 'map $uri $b1 { default 1; }\n',
    'vhosts/a/site2.conf': 'map $uri $a2 { default 1; }\n',
    'vhosts/a/site10.conf': 'map $uri $a10 { default 1; }\n',
    'extra/x1.conf': 'map $uri $x1 { default 1; }\n',
    'extra/y1.conf': 'map $uri $y1 { default 1; }\n',
  },
  'an absolute include of a file inside the tree': {
    'nginx.conf': base('    include __DIR__/abs/upstreams.conf;'),
    'abs/upstreams.conf': 'upstream u {\n    server 127.0.0.1:9;\n    keepalive 2;\n}\n',
  },
};

function includeDifferential(nginx: string): { trees: number; corpusLoaded: number; corpusTried: number } {
  let treeCount = 0;
  for (const [name, files] of Object.entries(trees)) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-nginx-'));
    fs.mkdirSync(path.join(dir, 'tmp'));
    writeTree(dir, Object.fromEntries(Object.entries(files).map(([f, t]) => [f, t.replaceAll('__DIR__', dir)])));
    const conf = path.join(dir, 'nginx.conf');
    const real = nginxDump(nginx, conf);
    const ours = readTree(conf);
    treeCount++;
    if (!real.ok) failures.push(`tree "${name}": nginx rejected the generated tree: ${real.stderr}`);
    else if (real.files.length < 2) failures.push(`tree "${name}": nginx -T dumped no included file, so nothing was compared`);
    else if (JSON.stringify(real.files) !== JSON.stringify(ours.files))
      failures.push(
        `tree "${name}": nginx read ${JSON.stringify(real.files.map((f) => path.relative(dir, f)))}, this reader ${JSON.stringify(ours.files.map((f) => path.relative(dir, f)))}`,
      );
    else if (ours.errors.length > 0) failures.push(`tree "${name}": nginx loads it, here: ${ours.errors.join('; ')}`);
    if (process.env.VERBOSE) console.log(`  ${name}: ${real.files.map((f) => path.relative(dir, f)).join(' ')}`);
    fs.rmSync(dir, { recursive: true, force: true });
  }

  // Corpus configs with nothing left to stub: whole main configs nginx accepted as they are.
  let tried = 0;
  let loaded = 0;
  const csv = path.join(corpus, 'nginx-verdicts.csv');
  if (!fs.existsSync(csv)) console.log(`SKIPPED corpus part: no corpus at ${corpus}`);
  else {
    const rows = fs
      .readFileSync(csv, 'utf8')
      .split('\n')
      .filter((line) => /,accepted,/.test(line) && /,main\r?$/.test(line));
    for (const row of rows) {
      const file = row.slice(0, row.indexOf(','));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-nginx-'));
      const conf = path.join(dir, 'nginx.conf');
      fs.copyFileSync(path.join(corpus, file), conf);
      tried++;
      const real = nginxDump(nginx, conf);
      if (real.ok) {
        loaded++;
        const ours = readTree(conf);
        if (ours.errors.length > 0) failures.push(`${file}: nginx -T loads it, here: ${ours.errors.join('; ')}`);
        else if (JSON.stringify(real.files) !== JSON.stringify(ours.files))
          failures.push(`${file}: nginx read ${real.files.join(', ')}, this reader ${ours.files.join(', ')}`);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return { trees: treeCount, corpusLoaded: loaded, corpusTried: tried };
}

/** Tokens whose decoded value nginx sends back as the body of `return 200 TOKEN`. */
const tokens = [
  'plain',
  '"double quoted"',
  "'single quoted'",
  '"esc \\" quote"',
  "'esc \\' quote'",
  '"back\\\\slash"',
  '"tab\\tand\\nnewline"',
  '"other \\x escape kept"',
  'a#not-a-comment',
  '"semi;colon{brace}"',
  '"mixed \'q\'"',
  'bare\\;escaped',
  'x\\"y',
  '"multi\nline"',
  'utf8-ünï',
];

async function get(port: number, pathName: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: pathName }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      })
      .on('error', reject);
  });
}

async function tokenDifferential(nginx: string): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-nginx-run-'));
  fs.mkdirSync(path.join(dir, 'tmp'));
  const port = await freePort();
  const locations = tokens.map((token, i) => `        location = /t${i} { default_type text/plain; return 200 ${token}; }`).join('\n');
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `daemon off;\nmaster_process off;\n${base(`    server {\n        listen 127.0.0.1:${port};\n${locations}\n    }`)}`,
  );
  const parsed = parseNginx(conf, fs.readFileSync(conf, 'utf8'));
  const server = parsed.directives.find((d) => d.name.value === 'http')!.block!.children.find((d) => d.name.value === 'server')!;
  const returns = server
    .block!.children.filter((d) => d.name.value === 'location')
    .map((l) => l.block!.children.find((d) => d.name.value === 'return')!.args[1].value);
  const child = spawn(nginx, ['-p', `${dir}/`, '-c', conf, '-e', path.join(dir, 'error.log')], { stdio: 'ignore' });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        await get(port, '/t0');
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    for (let i = 0; i < tokens.length; i++) {
      const body = await get(port, `/t${i}`);
      if (body !== returns[i])
        failures.push(
          `token ${JSON.stringify(tokens[i])}: nginx sends ${JSON.stringify(body)}, this reader decodes ${JSON.stringify(returns[i])}`,
        );
    }
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return tokens.length;
}

async function main(): Promise<number> {
  const nginx = nginxBinary();
  const version = spawnSync(nginx, ['-v'], { encoding: 'utf8' }).stderr.trim();
  const includes = includeDifferential(nginx);
  const tokenCount = await tokenDifferential(nginx);
  console.log(`differential against ${version}:`);
  console.log(
    `  include trees: ${includes.trees} generated; corpus main configs loaded by this nginx: ${includes.corpusLoaded} of ${includes.corpusTried} tried (others need modules or files this machine lacks)`,
  );
  console.log(`  token values answered by a running nginx: ${tokenCount}`);
  if (failures.length > 0) console.log(`DISAGREEMENTS (${failures.length}):\n  ${failures.join('\n  ')}`);
  else console.log('  no disagreement');
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
