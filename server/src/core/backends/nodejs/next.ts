// Next.js without an HTTP server of its own in the sources: `next start` (its `-p`/`--port` and
// `--keepAliveTimeout` options, then PORT, then 3000: next-start's options in packages/next/src/bin/next.ts)
// or the standalone server.js of `output: 'standalone'` (PORT, default 3000, and KEEP_ALIVE_TIMEOUT
// from the environment). Either sets server.keepAliveTimeout only when the value is not 0.
import type { Span } from '../../types';
import type { BackendRuntime } from '../kind';
import { editAt, type BackendEndpoint, type IdleTimeout } from '../endpoint';
import { closeBufferMs, nextStandalone } from './defaults';
import { defaultIdle, fromEnvironment, idleOf, serverEndpoint } from './idle';
import type { NodeVersion } from './version';
import type { PackageFile } from './package';

interface NextStart {
  port?: number;
  keepAlive?: { ms: number; span: Span };
  /** Where ` --keepAliveTimeout N` goes in scripts.start (after `next start`). */
  insertAt?: number;
}

/** `next start` in scripts.start (offsets in package.json), or on the deployment's command line. */
function nextStart(file: PackageFile, runtime: BackendRuntime | undefined): NextStart | undefined {
  const command = runtime?.commandLine.join(' ') ?? '';
  const fromRuntime = /\bnext\s+start\b/.exec(command);
  const script = file.pkg.start;
  const fromScript = script && /\bnext\s+start\b/.exec(script.value);
  const m = fromRuntime ?? fromScript;
  if (!m) return undefined;
  const text = fromRuntime ? command : script!.value;
  const args = text.slice(m.index + m[0].length).split(/&&|\|\||;/)[0];
  const argsAt = m.index + m[0].length;
  const port = /(?:^|\s)(?:-p|--port)(?:\s+|=)(\d+)/.exec(args);
  const keepAlive = /(?:^|\s)--keepAliveTimeout(?:\s+|=)(\d+)/.exec(args);
  const base = fromRuntime ? undefined : script!.span.start;
  const digits = keepAlive && base !== undefined ? base + argsAt + keepAlive.index + keepAlive[0].length - keepAlive[1].length : undefined;
  return {
    port: port ? Number(port[1]) : undefined,
    keepAlive:
      keepAlive && digits !== undefined
        ? { ms: Number(keepAlive[1]), span: { start: digits, end: digits + keepAlive[1].length } }
        : undefined,
    insertAt: base === undefined ? undefined : base + argsAt,
  };
}

export function nextEndpoint(
  file: PackageFile,
  version: NodeVersion,
  relative: (p: string) => string,
  runtime: BackendRuntime | undefined,
): BackendEndpoint {
  const start = nextStart(file, runtime);
  const portEnv = fromEnvironment('PORT', runtime);
  const port = start?.port ?? (portEnv ? portEnv.number : nextStandalone.defaultPort);
  const env = start ? undefined : fromEnvironment(nextStandalone.variable, runtime);
  const buffer = closeBufferMs(version.major);
  const where = relative(file.path);
  let idle: IdleTimeout;
  if (start?.keepAlive && start.keepAlive.ms > 0) {
    idle = idleOf(start.keepAlive.ms, buffer, version, `next start --keepAliveTimeout in ${where}`, 'written');
    idle = { ...idle, path: file.path, span: start.keepAlive.span };
  } else if (env?.number) {
    idle = idleOf(
      env.number,
      buffer,
      version,
      `${env.name}=${env.value} (${runtime!.description}), Next.js standalone server`,
      'environment',
    );
    idle = { ...idle, path: env.at?.file ?? file.path, span: env.at?.span ?? file.pkg.span };
  } else idle = defaultIdle(version, buffer, file.path, file.pkg.span);
  const label = `${where}, Node.js Next.js server on port ${port ?? 'unknown'}`;
  return serverEndpoint({ file: file.path, span: file.pkg.span, key: `${file.path}:next`, label }, port, idle, buffer, {
    setting: start ? 'next start --keepAliveTimeout' : nextStandalone.variable,
    edits: (ms, locate) => {
      if (start?.keepAlive) return editAt(locate(file.path, start.keepAlive.span), String(ms));
      if (start?.insertAt !== undefined)
        return editAt(locate(file.path, { start: start.insertAt, end: start.insertAt }), ` --keepAliveTimeout ${ms}`);
      return env?.valueAt ? editAt(locate(env.valueAt.file, env.valueAt.span), String(ms)) : undefined;
    },
  });
}
