// Each php-fpm pool as an endpoint: where it listens (a port, an address, a unix socket), the
// FastCGI protocol, no idle timeout (a worker holds its connection until nginx closes it), and
// the request limit that kills a slow request: request_terminate_timeout, off unless set.
import * as path from 'node:path';
import type { FileProblem } from '../../problems';
import { quoteToken } from '../../quote';
import type { Span } from '../../types';
import type { BackendEndpoint, RequestLimit } from '../endpoint';
import type { BackendRuntime, DeployedImage } from '../kind';
import type { PhpFpmFile } from './ini';
import type { Pool, Setting } from './pools';
import { isOfficialFpmImage, parseFpmTime, phpFpmDefaults } from './defaults';
import { setTimeEdits } from './edits';

export const phpFpmWords = { serverName: 'php-fpm', noun: 'pool' };

/** Where a pool listens, as fpm_sockets_domain_from_address tells: a `:` is an address, digits alone a port, else a socket path. */
export function readListen(value: string): { port?: number; hosts: string[]; socket?: string } {
  const text = value.trim();
  if (/^\d+$/.test(text)) return { port: Number(text), hosts: [] };
  const colon = text.lastIndexOf(':');
  if (colon >= 0 && /^\d+$/.test(text.slice(colon + 1))) {
    const host = text.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
    return { port: Number(text.slice(colon + 1)), hosts: host === '' || host === '*' || host === '0.0.0.0' || host === '::' ? [] : [host] };
  }
  return { hosts: [], socket: text };
}

export function poolEndpoint(pool: Pool, rootDir: string, problems: FileProblem[], runtime?: BackendRuntime): BackendEndpoint {
  const { file, section } = pool;
  const listenText = pool.listen?.entry.value.replace(/\$pool/g, pool.name);
  const imageListen = !pool.listen && pool.name.toLowerCase() === phpFpmDefaults.imageListen.pool && isOfficialFpmImage(runtime?.image);
  const where =
    listenText !== undefined ? readListen(listenText) : imageListen ? { port: phpFpmDefaults.imageListen.value, hosts: [] } : { hosts: [] };
  const listening = listenText ?? (imageListen ? `${phpFpmDefaults.imageListen.value} (the image's docker.conf)` : 'no listen address');
  return {
    ...phpFpmWords,
    kind: 'php-fpm',
    label: `${relative(rootDir, file.path)}, pool ${pool.name} listening on ${listening}`,
    key: `${file.path}:${section.span.start}`,
    file: { path: file.path },
    span: section.span,
    nameSpan: section.nameSpan,
    ...where,
    protocol: 'fastcgi',
    keepsAlive: true,
    idle: noIdleTimeout(file.path, section.span),
    raise: noIdleRaise,
    requestLimit: requestLimit(pool, problems, runtime),
  };
}

/** The pool of an official `php:*-fpm` image that no pool file of the repository replaces. */
export function imageEndpoint(deployed: DeployedImage): BackendEndpoint {
  const { imageListen, requestTerminateTimeout } = phpFpmDefaults;
  const { path: file, span } = deployed;
  return {
    ...phpFpmWords,
    kind: 'php-fpm',
    label: `${deployed.description}, image ${deployed.image}: pool ${imageListen.pool} listening on ${imageListen.value} (the image's default)`,
    key: `${file}:${span.start}:image`,
    file: { path: file },
    span,
    nameSpan: span,
    port: imageListen.value,
    hosts: [],
    protocol: 'fastcgi',
    keepsAlive: true,
    idle: noIdleTimeout(file, span),
    raise: noIdleRaise,
    requestLimit: {
      never: true,
      origin: 'default',
      description: "request_terminate_timeout unset in the image's pool files (php-fpm default 0: no limit)",
      assumed: { versions: imageListen.versions, source: `${imageListen.source}; ${requestTerminateTimeout.source}` },
      path: file,
      span,
      notes: [],
    },
    composeService: deployed.service,
  };
}

/** A FastCGI connection a worker holds is not idle: php-fpm sets no timer on it (keepalive-rules.md; reproduced). */
function noIdleTimeout(file: string, span: Span): BackendEndpoint['idle'] {
  return {
    never: true,
    origin: 'default',
    description: 'php-fpm sets no idle timeout: a worker holds its FastCGI connection until nginx closes it',
    path: file,
    span,
  };
}

const noIdleRaise: BackendEndpoint['raise'] = { setting: 'php-fpm idle timeout', maxMs: 0, edits: () => undefined };

function requestLimit(pool: Pool, problems: FileProblem[], runtime?: BackendRuntime): RequestLimit {
  const notes = maxExecutionNotes(pool);
  const setting = pool.requestTerminateTimeout;
  const { versions, source } = phpFpmDefaults.requestTerminateTimeout;
  if (!setting) {
    return {
      never: true,
      origin: 'default',
      description: `request_terminate_timeout unset in pool ${pool.name} (php-fpm default 0: no limit)`,
      assumed: { versions, source },
      path: pool.file.path,
      span: pool.section.span,
      notes,
    };
  }
  const { entry, file } = setting;
  const value = expanded(entry.value, runtime);
  const base = { origin: 'written' as const, setting: 'request_terminate_timeout', path: file.path, span: entry.valueSpan, notes };
  const description = `request_terminate_timeout in pool ${pool.name}`;
  if (value === undefined)
    return { ...base, never: false, description, unknown: `${quoteToken(entry.value)} is not set in the environment` };
  const time = parseFpmTime(value);
  if ('error' in time) {
    problem(
      problems,
      file,
      entry.valueSpan,
      'error',
      `request_terminate_timeout = ${quoteToken(entry.value)}: php-fpm refuses to start on it. ${time.error}.`,
    );
    return { ...base, never: false, description };
  }
  if (time.readAs)
    problem(
      problems,
      file,
      entry.valueSpan,
      'warning',
      `php-fpm reads request_terminate_timeout = ${quoteToken(entry.value)} as ${time.readAs}. It takes the leading number (atoi) and the last character as the unit.`,
    );
  if (time.seconds <= 0) return { ...base, never: true, description: `${description} (0: no limit)` };
  const ms = time.seconds * 1000;
  const heartbeat = Math.floor(ms * phpFpmDefaults.heartbeatFraction);
  return {
    ...base,
    ms,
    never: false,
    description,
    actually: `php-fpm looks for requests to kill every ${fmt(heartbeat)} (a third of it) at most, so it kills between ${fmt(ms)} and ${fmt(ms + heartbeat)}`,
    raise: {
      setting: 'php-fpm request_terminate_timeout',
      display: (to) => `${Math.ceil(to / 1000)}s`,
      edits: (to, locate) => setTimeEdits(setting, to, locate),
    },
  };
}

function maxExecutionNotes(pool: Pool): RequestLimit['notes'] {
  const setting: Setting | undefined = pool.maxExecutionTime;
  if (!setting) return [];
  const { entry, file } = setting;
  const seconds = Number.parseInt(entry.value, 10);
  const limit = seconds > 0 ? `stops a script after ${seconds}s of its own CPU time` : 'sets no limit (0)';
  return [
    {
      message: `PHP ${limit} here (max_execution_time, ${entry.key}[] in pool ${pool.name}); on Linux sleep, I/O and database waits do not count (https://www.php.net/set-time-limit), so a slow request still meets php-fpm's or nginx's limit`,
      path: file.path,
      span: entry.lineSpan,
    },
  ];
}

/** A value with `${NAME}` from the environment php-fpm starts in (the INI scanner expands them); undefined when one is not known. */
function expanded(value: string, runtime: BackendRuntime | undefined): string | undefined {
  let unknown = false;
  const text = value.replace(/\$\{([^}]*)\}/g, (_, name: string) => {
    const set = runtime?.environment.get(name);
    if (!set) unknown = true;
    return set?.value ?? '';
  });
  return unknown ? undefined : text;
}

function problem(problems: FileProblem[], file: PhpFpmFile, span: Span, severity: 'error' | 'warning', message: string): void {
  problems.push({ path: file.path, lines: file.lines, problem: { code: 'invalid-value', severity, message, span } });
}

const fmt = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`);

function relative(rootDir: string, file: string): string {
  return path.relative(rootDir, file).split(path.sep).join('/');
}
