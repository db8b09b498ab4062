// The deployment readers' one entry point: given the workspace's deployment files (compose files,
// their `.env`, Dockerfiles), the facts the linker maps addresses through, the deployments they
// form, where each places nginx configuration, and the problems met, each with its file.
//
// Which compose files form a deployment (compose-go cli DefaultFileNames and
// DefaultOverrideFileNames): in each folder, the first of compose.yaml, compose.yml,
// docker-compose.yml, docker-compose.yaml, merged with the first of compose.override.yml,
// compose.override.yaml, docker-compose.override.yml, docker-compose.override.yaml; every other
// compose file there (`docker-compose.prod.yml`, a second spelling) is a deployment of its own.
// A `.env` setting COMPOSE_FILE names the files of its folder's default deployment instead.
import * as path from 'node:path';
import type { ParseProblem } from '../types';
import { LineIndex } from '../text';
import type { FileProblem } from '../problems';
import type { DeploymentFacts, DeploymentService, DockerfileFacts } from './facts';
import { readComposeDeployment } from './compose/read';
import { readDockerfile } from './dockerfile';
import { readDotEnv } from './interpolate';
import { placementOfDockerfile, placementOfService, type NginxPlacement, type PathKind } from './placement';
import { problem } from './tree';

export const composeBaseNames = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
export const composeOverrideNames = [
  'compose.override.yml',
  'compose.override.yaml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
];

/** A compose file name: `compose.yaml`, `docker-compose.prod.yml`, `compose.override.yaml`... */
export const isComposeFileName = (name: string) => /^(?:docker-)?compose(?:\.[^/\\]+)?\.ya?ml$/i.test(name);
/**
 * A Dockerfile name: `Dockerfile`, `Dockerfile.prod`, `nginx.Dockerfile`, `Containerfile`; not
 * source code, data or documents named after one (`dockerfile.ts`, its `.js` and `.js.map`, `Dockerfile.md`).
 */
export const isDockerfileName = (name: string) =>
  /^(?:Dockerfile|Containerfile)(?:\.[^/\\]+)?$|\.(?:Dockerfile|Containerfile)$/i.test(name) && !otherFileType.test(name);
const otherFileType =
  /\.(?:[cm]?[jt]sx?|map|d\.ts|json|ya?ml|toml|xml|md|markdown|txt|rst|html?|css|py|pyc|go|rs|java|kt|rb|php|pl|sh|bash|ps1|bat|cs|c|h|cpp|swift|lock|log|bak|orig|swp|tmp|png|svg|jpe?g|gif|zip|gz|tgz|tar)$/i;
/** The kind the workspace registers deployment files under (compose files, `.env`, Dockerfiles). */
export const deploymentKind = 'deployment';

/** The files the readers use: compose files, Dockerfiles, `.env` and env files a service may name (`app.env`, `.env.prod`). */
export const isDeploymentFileName = (name: string) => isComposeFileName(name) || isDockerfileName(name) || isEnvFileName(name);
/** `.env`, `.env.prod`, `app.env`. */
export const isEnvFileName = (name: string) => /^\.env(?:\.[^/\\]+)?$|^[^/\\]+\.env$/i.test(name);

export interface Deployment {
  /** Its compose files joined by ` + `, relative to the root (`docker-compose.yml + docker-compose.override.yml`). */
  name: string;
  /** Its compose files in merge order (absolute). */
  files: string[];
  /** The folder paths are resolved against (the first file's). */
  projectDir: string;
  /** The `.env` it interpolated from, when there is one. */
  envFile?: string;
  services: DeploymentService[];
  /** Each service running or configuring nginx, and where its files go. */
  nginx: NginxPlacement[];
  /** The facts of this deployment alone (with its nginx service as `proxyService` when there is one). */
  facts: DeploymentFacts;
}

export interface DeploymentReading {
  /** The services of every deployment (names may repeat across alternatives); see `deployments` for one at a time. */
  facts: DeploymentFacts;
  deployments: Deployment[];
  /** Every Dockerfile read, those of a compose build (with its args) and those read alone. */
  dockerfiles: DockerfileFacts[];
  /** Dockerfiles no deployment builds, placing nginx configuration or running nginx. */
  standalone: NginxPlacement[];
  /**
   * Deployed path -> workspace path from every placement: the default deployments (a folder's
   * base and override) first, then alternatives, then Dockerfiles alone; the first to map a path keeps it.
   */
  prefixMap: Record<string, string>;
  problems: FileProblem[];
}

export interface DeploymentOptions {
  /** Whether a workspace path is a file or a folder; the paths among `files` are known without it. */
  kindOf?: PathKind;
}

/**
 * The variables of a service's `env_file:` files (later files win), under its `environment:`,
 * which wins over them (compose's documented order); each said where its line is. A file the
 * workspace does not hold is not read.
 */
function addEnvFiles(service: DeploymentService, byPath: Map<string, string>): void {
  const written = new Set(Object.keys(service.environment));
  for (const file of service.envFiles) {
    const text = byPath.get(file);
    if (text === undefined) continue;
    const { variables, lineOf } = readDotEnv(text);
    const lines = text.split(/\r\n|\r|\n/);
    for (const [name, value] of variables) {
      if (written.has(name)) continue;
      service.environment[name] = value;
      const line = lineOf.get(name)!;
      const range = { start: { line, character: 0 }, end: { line, character: lines[line].trimEnd().length } };
      if (service.at) (service.at.environment ??= {})[name] = { file, range };
    }
  }
}

export function deploymentFactsOf(
  files: { path: string; text: string }[],
  rootDir: string,
  options: DeploymentOptions = {},
): DeploymentReading {
  const byPath = new Map(files.map((f) => [path.resolve(rootDir, f.path), f.text]));
  const lines = new Map<string, LineIndex>();
  const problems: FileProblem[] = [];
  const said = new Set<string>();
  const report = (file: string, p: ParseProblem) => {
    // A file read by several deployments (a shared .env, a base named in COMPOSE_FILE) says each problem once.
    const key = `${file}\0${p.span.start}\0${p.span.end}\0${p.message}`;
    if (said.has(key)) return;
    said.add(key);
    let index = lines.get(file);
    if (!index) lines.set(file, (index = new LineIndex(byPath.get(file) ?? '')));
    problems.push({ path: file, lines: index, problem: p });
  };
  const kindOf = knownKinds([...byPath.keys()], options.kindOf);
  const relative = (file: string) => path.relative(rootDir, file).split(path.sep).join('/') || path.basename(file);

  // Deployments: per folder, the files `.env` names in COMPOSE_FILE, else the default base +
  // override; then every other compose file alone.
  const folders = new Map<string, string[]>();
  for (const file of byPath.keys())
    if (isComposeFileName(path.basename(file))) folders.set(path.dirname(file), [...(folders.get(path.dirname(file)) ?? []), file]);
  const composeFileOf = new Map<string, { files: string[]; line: number }>();
  for (const [file, text] of byPath) {
    if (path.basename(file) !== '.env') continue;
    const listed = composeFileSetting(text);
    if (!listed) continue;
    const dir = path.dirname(file);
    composeFileOf.set(dir, { files: listed.files.map((f) => path.resolve(dir, f)), line: listed.line });
    if (!folders.has(dir)) folders.set(dir, []);
  }
  type Group = { files: string[]; envDir: string };
  const defaults: Group[] = [];
  const alternatives: Group[] = [];
  for (const [dir, composeFiles] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
    const names = new Set(composeFiles.map((f) => path.basename(f)));
    const used = new Set<string>();
    const setting = composeFileOf.get(dir);
    if (setting) {
      const present = setting.files.filter((f) => byPath.has(f));
      for (const missing of setting.files.filter((f) => !byPath.has(f))) {
        const envFile = path.join(dir, '.env');
        const lines = new LineIndex(byPath.get(envFile)!);
        const start = lines.offsetAt({ line: setting.line, character: 0 });
        const end = lines.offsetAt({ line: setting.line + 1, character: 0 });
        report(
          envFile,
          problem({ start, end: Math.max(start, end - 1) }, `COMPOSE_FILE names ${relative(missing)}, which is not read`, 'info'),
        );
      }
      if (present.length > 0) defaults.push({ files: present, envDir: dir });
      for (const f of present) if (path.dirname(f) === dir) used.add(path.basename(f));
    } else {
      const base = composeBaseNames.find((n) => names.has(n));
      const override = composeOverrideNames.find((n) => names.has(n));
      if (base) {
        defaults.push({ files: [path.join(dir, base), ...(override ? [path.join(dir, override)] : [])], envDir: dir });
        used.add(base);
        if (override) used.add(override);
      }
    }
    for (const name of [...names].sort()) {
      if (used.has(name) || composeOverrideNames.includes(name)) continue;
      alternatives.push({ files: [path.join(dir, name)], envDir: dir });
    }
  }

  const dockerfiles: DockerfileFacts[] = [];
  const built = new Set<string>();
  const deployments: Deployment[] = [];
  for (const { files: group, envDir } of [...defaults, ...alternatives]) {
    const projectDir = path.dirname(group[0]);
    const envPath = path.join(envDir, '.env');
    const envText = byPath.get(envPath);
    const env = envText === undefined ? undefined : readDotEnv(envText);
    for (const bad of env?.bad ?? []) {
      const index = new LineIndex(envText!);
      const start = index.offsetAt({ line: bad.line, character: 0 });
      report(envPath, problem({ start, end: start + bad.text.length }, 'not a `NAME=value` line: compose rejects this .env', 'warning'));
    }
    const name = group.map(relative).join(' + ');
    const reading = readComposeDeployment(
      group.map((file) => ({ path: file, text: byPath.get(file)! })),
      env?.variables ?? new Map(),
      name,
    );
    for (const p of reading.problems) report(p.path, p.problem);
    for (const service of reading.services) addEnvFiles(service, byPath);
    for (const service of reading.services) {
      const dockerfilePath = service.build?.dockerfilePath;
      if (!dockerfilePath || !service.build) continue;
      const text = byPath.get(dockerfilePath);
      if (text === undefined) continue;
      const read = readDockerfile(dockerfilePath, text, service.build.context, service.build.args ?? {});
      for (const p of read.problems) if (!built.has(dockerfilePath)) report(dockerfilePath, p);
      built.add(dockerfilePath);
      service.build.dockerfile = read.facts;
      dockerfiles.push(read.facts);
    }
    const nginx = reading.services.map((s) => placementOfService(s, kindOf)).filter((p): p is NginxPlacement => p !== undefined);
    for (const placement of nginx) {
      const service = reading.services.find((s) => s.name === placement.service);
      if (service && placement.image?.version && !placement.image.assumed) service.nginxVersion = placement.image.version;
    }
    const proxy = nginx.find((p) => p.image) ?? nginx[0];
    deployments.push({
      name,
      files: group,
      projectDir,
      envFile: envText === undefined ? undefined : envPath,
      services: reading.services,
      nginx,
      facts: { services: reading.services, ...(proxy?.service ? { proxyService: proxy.service } : {}) },
    });
  }

  const standalone: NginxPlacement[] = [];
  for (const [file, text] of [...byPath].sort(([a], [b]) => a.localeCompare(b))) {
    if (!isDockerfileName(path.basename(file)) || built.has(file)) continue;
    const read = readDockerfile(file, text);
    for (const p of read.problems) report(file, p);
    dockerfiles.push(read.facts);
    const placement = placementOfDockerfile(read.facts, kindOf);
    if (placement) standalone.push(placement);
  }

  const prefixMap: Record<string, string> = {};
  for (const placement of [...deployments.flatMap((d) => d.nginx), ...standalone])
    for (const [deployed, local] of Object.entries(placement.prefixMap)) if (!(deployed in prefixMap)) prefixMap[deployed] = local;
  const services = deployments.flatMap((d) => d.services);
  const proxyService = deployments.find((d) => d.facts.proxyService)?.facts.proxyService;
  return {
    facts: { services, ...(proxyService ? { proxyService } : {}) },
    deployments,
    dockerfiles,
    standalone,
    prefixMap,
    problems,
  };
}

/**
 * The files `.env` names in COMPOSE_FILE, split on COMPOSE_PATH_SEPARATOR (else `:`, or `;` when
 * the value holds a Windows path), with the line that sets it (compose docs, "Pre-defined
 * environment variables": COMPOSE_FILE and COMPOSE_PATH_SEPARATOR).
 */
function composeFileSetting(text: string): { files: string[]; line: number } | undefined {
  const { variables } = readDotEnv(text);
  const value = variables.get('COMPOSE_FILE');
  if (!value) return undefined;
  const separator = variables.get('COMPOSE_PATH_SEPARATOR') || (/^[a-zA-Z]:[\\/]/.test(value) ? ';' : ':');
  const line = text.split(/\r\n|\r|\n/).findIndex((l) => /^\s*(?:export\s+)?COMPOSE_FILE\s*[=:]/.test(l));
  return { files: value.split(separator).filter(Boolean), line: Math.max(0, line) };
}

/** Paths among the files are files, their folders are folders; the rest is the caller's to say. */
function knownKinds(paths: string[], given: PathKind | undefined): PathKind {
  const folders = new Set<string>();
  for (const file of paths)
    for (let dir = path.dirname(file); !folders.has(dir) && dir !== path.dirname(dir); dir = path.dirname(dir)) folders.add(dir);
  const files = new Set(paths);
  return (p) => (files.has(p) ? 'file' : folders.has(p) ? 'folder' : given?.(p));
}
