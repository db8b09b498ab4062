// The real nginx as referee: `nginx -t` on a copy of a workspace, before and after a fix. What
// would make nginx fail for reasons no fix touches is neutralised in the copy, the same way before
// and after: host names (upstream servers, literal *_pass addresses) become 127.0.0.1 so that name
// resolution does not decide, `user` lines go (the user may not exist here), certificate paths point
// to a self-signed pair made once, and included files that do not exist are created empty.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseNginx } from '../../server/src/core/nginx/parser';
import type { NginxDirective } from '../../server/src/core/nginx/ast';
import { isTomcatFile, type Files } from './fixtures';

export interface NginxVerdict {
  ok: boolean;
  /** nginx's first complaint, paths and line numbers removed (they move when a fix adds lines). */
  error: string;
  raw: string;
}

const passes = new Set(['proxy_pass', 'grpc_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'memcached_pass']);
const certificates = new Set([
  'ssl_certificate',
  'proxy_ssl_certificate',
  'grpc_ssl_certificate',
  'ssl_trusted_certificate',
  'ssl_client_certificate',
  'proxy_ssl_trusted_certificate',
  'grpc_ssl_trusted_certificate',
]);
const keys = new Set(['ssl_certificate_key', 'proxy_ssl_certificate_key', 'grpc_ssl_certificate_key']);
const dropped = new Set([
  'user',
  'ssl_dhparam',
  'ssl_password_file',
  'ssl_session_ticket_key',
  'ssl_crl',
  'ssl_stapling_file',
  'load_module',
]);

export class NginxReferee {
  private readonly cert: string;
  private readonly key: string;
  private runs = 0;
  private main = '';

  constructor(
    readonly binary: string,
    private readonly workDir: string,
  ) {
    this.cert = path.join(workDir, 'referee.crt');
    this.key = path.join(workDir, 'referee.key');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=referee', '-days', '2', '-keyout', this.key, '-out', this.cert],
      { stdio: 'ignore' },
    );
  }

  get count(): number {
    return this.runs;
  }

  /** `nginx -t` on the workspace's main nginx file (nginx/nginx.conf), in a fresh copy. */
  test(files: Files, main = 'nginx/nginx.conf'): NginxVerdict {
    this.main = main;
    const dir = path.join(this.workDir, `run-${this.runs++}`);
    const names = collectUpstreamNames(files);
    for (const [rel, text] of Object.entries(files)) {
      if (isTomcatFile(rel) || rel.endsWith('.json')) continue;
      write(path.join(dir, rel), this.neutralised(rel, text, names, path.join(dir, path.dirname(main))));
    }
    const conf = path.join(dir, main);
    fs.mkdirSync(path.join(path.dirname(conf), 'logs'), { recursive: true }); // nginx's default prefix-relative log folder
    const prefix = path.dirname(conf) + '/';
    const mainText = fs.readFileSync(conf, 'latin1');
    const hasPid = parseNginx(conf, mainText).directives.some((d) => d.name.value === 'pid');
    const args = ['-t', '-q', '-p', prefix, '-c', conf, '-e', path.join(dir, 'error.log')];
    if (!hasPid) args.push('-g', `pid ${path.join(dir, 'nginx.pid')};`);
    const run = spawnSync(this.binary, args, { encoding: 'latin1', timeout: 30_000 });
    const raw = `${run.stderr}${run.stdout}`;
    fs.rmSync(dir, { recursive: true, force: true });
    const first = /\[(emerg|alert|crit)\] (.*)/.exec(raw)?.[2] ?? raw.trim();
    return {
      ok: run.status === 0,
      error: first
        .split(dir)
        .join('<copy>')
        .replace(/:\d+\b/g, ':N'),
      raw,
    };
  }

  private neutralised(rel: string, text: string, names: Set<string>, prefix: string): string {
    const file = parseNginx(rel, text);
    const edits: { start: number; end: number; text: string }[] = [];
    const visit = (directives: NginxDirective[], inUpstream: boolean, depth: number) => {
      for (const d of directives) {
        const name = d.name.value;
        const arg = d.args[0];
        if (dropped.has(name)) edits.push({ start: d.start, end: d.end, text: '' });
        else if (arg && inUpstream && name === 'server' && !arg.value.startsWith('unix:'))
          edits.push({ start: arg.start, end: arg.end, text: loopback(arg.value) });
        else if (arg && passes.has(name)) {
          const url = /^([a-z]+:\/\/)?(\[[^\]]*\]|[^/:$\s]+)(.*)$/i.exec(arg.value);
          if (url && !arg.value.includes('$') && !names.has(url[2]) && url[2] !== 'unix' && !arg.value.startsWith('unix:'))
            edits.push({ start: arg.start, end: arg.end, text: `${url[1] ?? ''}127.0.0.1${url[3]}` });
        } else if (arg && certificates.has(name) && !arg.value.includes('$') && !arg.value.startsWith('data:'))
          edits.push({ start: arg.start, end: arg.end, text: this.cert });
        else if (arg && keys.has(name) && !arg.value.includes('$') && !arg.value.startsWith('data:') && !arg.value.startsWith('engine:'))
          edits.push({ start: arg.start, end: arg.end, text: this.key });
        else if (arg && name === 'include' && !/[*?[]/.test(arg.value)) {
          const stub = stubInclude(arg.value, prefix);
          if (stub) edits.push({ start: arg.start, end: arg.end, text: stub });
        } else if (arg && name === 'pid' && depth === 0)
          edits.push({ start: arg.start, end: arg.end, text: path.join(prefix, 'referee.pid') });
        if (d.block?.kind === 'directives') visit(d.block.children, name === 'upstream', depth + 1);
      }
    };
    visit(file.directives, false, 0);
    let edited = text;
    for (const e of edits.sort((a, b) => b.start - a.start)) edited = edited.slice(0, e.start) + e.text + edited.slice(e.end);
    // nginx-tests configs in the corpus keep their files under the test library's /tmp/ngxtest.
    let out = edited.replaceAll('/tmp/ngxtest', prefix.replace(/\/$/, ''));
    // A main file of http{} alone (test fixtures often are) gets the events{} nginx requires.
    const top = new Set(file.directives.map((d) => d.name.value));
    if (rel === this.main && top.has('http') && !top.has('events')) out += '\nevents {}\n';
    return out;
  }
}

/** `host:port` with the host made 127.0.0.1 (the port and any parameters kept). */
function loopback(address: string): string {
  const port = /^(?:\[[^\]]*\]|[^:]*)(:\d+)?$/.exec(address)?.[1] ?? '';
  return `127.0.0.1${port}`;
}

function collectUpstreamNames(files: Files): Set<string> {
  const names = new Set<string>();
  for (const [rel, text] of Object.entries(files)) {
    if (isTomcatFile(rel)) continue;
    const visit = (directives: NginxDirective[]) => {
      for (const d of directives) {
        if (d.name.value === 'upstream' && d.args[0]) names.add(d.args[0].value);
        if (d.block?.kind === 'directives') visit(d.block.children);
      }
    };
    visit(parseNginx(rel, text).directives);
  }
  return names;
}

/**
 * An include of a file that exists nowhere is created empty in the copy: a relative one where
 * nginx looks (the conf prefix), an absolute one beside it, returned to take the include's place.
 */
function stubInclude(target: string, prefix: string): string | undefined {
  if (!path.isAbsolute(target)) {
    const inCopy = path.join(prefix, target);
    if (!fs.existsSync(inCopy)) write(inCopy, '');
    return undefined;
  }
  if (fs.existsSync(target)) return undefined;
  const stub = path.join(prefix, 'referee-stubs', target.replace(/[^A-Za-z0-9._-]/g, '_'));
  write(stub, '');
  return stub;
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file) || text !== '') fs.writeFileSync(file, text, 'latin1');
}
