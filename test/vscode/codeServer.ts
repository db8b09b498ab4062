// A real VS Code with no download of VS Code: the npm package code-server (VS Code's workbench
// and Node extension host), driven by Debian's Chromium through playwright-core. Installed once
// into .vscode-test/, as @vscode/test-electron caches its VS Code there.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const repoRoot = path.resolve(__dirname, '../../..');
/** The newest code-server whose engines.node is 20. */
const codeServerVersion = '4.100.3';
const installDir = path.join(repoRoot, '.vscode-test', `code-server-${codeServerVersion}`);
const binary = path.join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Installs Debian's chromium, ripgrep and gssapi headers, then code-server, unless already there. */
export function ensureCodeServer(): string {
  execFileSync(path.join(repoRoot, 'scripts', 'install-system-packages.sh'), { stdio: 'inherit' });
  if (fs.existsSync(binary)) return binary;
  console.log(`installing code-server ${codeServerVersion} into ${path.relative(repoRoot, installDir)} (about 2 minutes, once)`);
  fs.mkdirSync(installDir, { recursive: true });
  fs.writeFileSync(path.join(installDir, 'package.json'), '{ "private": true }\n');
  // @vscode/ripgrep downloads rg in its postinstall unless its cache holds it: give it Debian's.
  const cache = path.join(process.env.TMPDIR ?? os.tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  fs.mkdirSync(cache, { recursive: true });
  execFileSync('tar', [
    'czf',
    path.join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'),
    '-C',
    path.dirname(which('rg')),
    'rg',
  ]);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', `code-server@${codeServerVersion}`], {
    cwd: installDir,
    stdio: 'inherit',
    // As root, code-server's postinstall needs unsafe-perm; node-pty's runs `npx node-gyp`.
    env: { ...process.env, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' },
  });
  if (!fs.existsSync(binary)) throw new Error(`code-server did not install: ${binary} is missing`);
  return binary;
}

function which(command: string): string {
  return execFileSync('sh', ['-c', `command -v ${command}`])
    .toString()
    .trim();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningCodeServer {
  port: number;
  url: string;
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts code-server on `folder` with fresh user data; resolves once it listens.
 * `restricted`: workspace trust on and the folder left untrusted (Restricted Mode), with no trust
 * prompt to answer; otherwise trust is off, as for a returning user who trusts the folder.
 */
export async function startCodeServer(options: {
  folder: string;
  extensionsDir: string;
  env?: Record<string, string>;
  restricted?: boolean;
}): Promise<RunningCodeServer> {
  const port = await freePort();
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-code-server-user-'));
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  // No welcome page: the test sees the workbench as a returning user would. Auto-save off: the
  // browser build saves a dirty editor after 1 s by default, and the tests' unsaved edits must stay unsaved.
  const trust = options.restricted
    ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' }
    : { 'security.workspace.trust.enabled': false };
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'files.autoSave': 'off',
      ...trust,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
    }),
  );
  const args = [
    binary,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.restricted ? [] : ['--disable-workspace-trust']),
    '--user-data-dir',
    userData,
    '--extensions-dir',
    options.extensionsDir,
    options.folder,
  ];
  // Its own process group: stopping it must also stop the extension host and the language server.
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const listening = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('HTTP server listening on')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`code-server exited with ${code} before listening:\n${output}`)));
    setTimeout(() => reject(new Error(`code-server did not listen within 60 s:\n${output}`)), 60_000);
  });
  await listening;
  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    log: () => output,
    stop: async () => {
      const group = (signal: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          // already gone
        }
      };
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        group('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      }
      group('SIGKILL');
      child.stdout?.destroy();
      child.stderr?.destroy();
      fs.rmSync(userData, { recursive: true, force: true });
    },
  };
}

/** Packages the extension as a .vsix in `scratch` and installs it into `extensionsDir`; returns the .vsix path. */
export function packageAndInstall(binary: string, scratch: string, extensionsDir: string): string {
  const vsix = path.join(scratch, 'timeout-chain.vsix');
  // As `npm run package` packs it: the README's pictures inline (scripts/package.mjs).
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'package.mjs'), vsix], { cwd: repoRoot, stdio: 'ignore' });
  execFileSync(process.execPath, [binary, '--install-extension', vsix, '--extensions-dir', extensionsDir], { stdio: 'ignore' });
  return vsix;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: which('chromium'),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A scratch copy of the seed incident plus the fixtures, so tests may edit it. */
export function makeWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-vscode-'));
  fs.cpSync(path.join(repoRoot, 'examples', 'seed-incident'), dir, { recursive: true });
  fs.cpSync(path.join(repoRoot, 'test', 'vscode', 'fixtures'), dir, { recursive: true });
  return dir;
}
