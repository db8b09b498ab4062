// A compose deployment: its files read, interpolated from the `.env` of the project folder,
// merged as Compose merges them, and its services turned into facts. Paths are resolved against
// the project folder (the folder of the first file: docs.docker.com/compose/how-tos/
// multiple-compose-files/merge/, "Paths are evaluated relative to the base file").
import * as path from 'node:path';
import { shellWords } from '../../quote';
import type { Location, ParseProblem } from '../../types';
import { LineIndex } from '../../text';
import type { DeploymentService, Mount, PortMapping, ServiceLocations } from '../facts';
import { interpolate } from '../interpolate';
import { maxPortRange } from '../dockerfile';
import { problem, readYamlTree, type Origin, type TreeMap, type TreeNode } from '../tree';
import { asKeyValueSequence, buildMapping, dropResets, enforceUnicity, mergeNodes, splitVolume } from './merge';

export interface ComposeFileText {
  path: string;
  text: string;
}

export interface ComposeReading {
  services: DeploymentService[];
  /** The merged model (interpolated), for what the facts do not carry. */
  model?: TreeNode;
  problems: { path: string; problem: ParseProblem }[];
}

/** Reads the files of one deployment, in merge order (base first), with the `.env` variables. */
export function readComposeDeployment(files: ComposeFileText[], variables: ReadonlyMap<string, string>, name: string): ComposeReading {
  const problems: ComposeReading['problems'] = [];
  const lines = new Map(files.map((f) => [f.path, new LineIndex(f.text)]));
  const where = (at: Origin): Location => ({ file: at.file, range: (lines.get(at.file) ?? new LineIndex('')).rangeOf(at.span) });
  const say = (at: Origin, message: string, severity: ParseProblem['severity'] = 'warning') =>
    problems.push({ path: at.file, problem: problem(at.span, message, severity) });
  let model: TreeNode | undefined;
  for (const file of files) {
    const read = readYamlTree(file.path, file.text);
    for (const p of read.problems) problems.push({ path: file.path, problem: p });
    if (!read.tree) continue;
    if (read.tree.kind !== 'map') {
      say(read.tree.at, 'a compose file is a mapping (`services:` and the like)');
      continue;
    }
    const interpolated = interpolateTree(read.tree, variables, say);
    if (!model) model = dropResets(interpolated);
    else model = mergeNodes(model, interpolated) ?? model;
  }
  if (!model || model.kind !== 'map') return { services: [], model, problems };
  model = enforceUnicity(model);
  const projectDir = path.dirname(files[0].path);
  const services: DeploymentService[] = [];
  const servicesNode = (model as TreeMap).entries.get('services');
  for (const key of ['include']) {
    const node = (model as TreeMap).entries.get(key);
    if (node) say(node.keyAt, `\`${key}:\` is not followed: the files it names are read as deployments of their own`, 'info');
  }
  if (servicesNode && servicesNode.value.kind !== 'map') say(servicesNode.value.at, '`services:` must be a mapping of service names');
  else if (servicesNode && servicesNode.value.kind === 'map') {
    for (const [serviceName, { keyAt, value }] of servicesNode.value.entries) {
      if (value.kind !== 'map') {
        if (!(value.kind === 'scalar' && value.value === null)) say(value.at, `service ${serviceName} must be a mapping`);
        continue;
      }
      services.push(serviceOf(serviceName, keyAt, value, { projectDir, variables, where, say, name, declaredIn: keyAt.file }));
    }
  }
  return { services, model, problems };
}

type Say = (at: Origin, message: string, severity?: ParseProblem['severity']) => void;

/** Interpolates every scalar value (keys are not interpolated: compose spec, interpolation). */
function interpolateTree(node: TreeNode, variables: ReadonlyMap<string, string>, say: Say): TreeNode {
  if (node.kind === 'map') {
    const entries: TreeMap['entries'] = new Map();
    for (const [key, entry] of node.entries) entries.set(key, { ...entry, value: interpolateTree(entry.value, variables, say) });
    return { ...node, entries };
  }
  if (node.kind === 'seq') return { ...node, items: node.items.map((item) => interpolateTree(item, variables, say)) };
  if (typeof node.value !== 'string' || !node.value.includes('$')) return node;
  const { value, unset, required } = interpolate(node.value, variables);
  for (const variable of unset)
    say(node.at, `\${${variable}} is not set in .env: compose takes it from the shell, else an empty string (taken as empty here)`, 'info');
  for (const message of required) say(node.at, `compose stops here unless the shell sets ${message}`, 'info');
  return { ...node, value };
}

interface Context {
  projectDir: string;
  variables: ReadonlyMap<string, string>;
  where: (at: Origin) => Location;
  say: Say;
  name: string;
  declaredIn: string;
}

const text = (node: TreeNode | undefined): string | undefined =>
  node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;

function serviceOf(name: string, keyAt: Origin, node: TreeMap, context: Context): DeploymentService {
  const { where, say, projectDir } = context;
  const get = (key: string) => node.entries.get(key)?.value;
  const at: ServiceLocations = { service: where(keyAt) };
  const scalar = (key: string, set: (value: string, loc: Location) => void) => {
    const value = get(key);
    if (value === undefined || (value.kind === 'scalar' && value.value === null)) return;
    const string = text(value);
    if (string === undefined) say(value.at, `${key} must be a single value`);
    else set(string, where(value.at));
  };
  const service: DeploymentService = {
    name,
    aliases: [],
    ports: [],
    expose: [],
    mounts: [],
    environment: {},
    envFiles: [],
    hostNetwork: false,
    declaredIn: context.declaredIn,
    deployment: context.name,
    at,
  };
  const extendsNode = node.entries.get('extends');
  if (extendsNode) say(extendsNode.keyAt, `\`extends:\` is not followed: service ${name} is read from what this file says of it`, 'info');
  scalar('container_name', (v, l) => ((service.containerName = v), (at.containerName = l)));
  scalar('hostname', (v, l) => ((service.hostname = v), (at.hostname = l)));
  scalar('image', (v, l) => ((service.image = v), (at.image = l)));
  scalar('working_dir', (v, l) => ((service.workingDir = v), (at.workingDir = l)));
  scalar('network_mode', (v, l) => {
    service.hostNetwork = v === 'host';
    at.networkMode = l;
  });
  for (const key of ['command', 'entrypoint'] as const) {
    const value = get(key);
    if (!value || (value.kind === 'scalar' && value.value === null)) continue;
    const words =
      value.kind === 'seq' ? value.items.map((i) => text(i) ?? '') : value.kind === 'scalar' ? shellWords(String(value.value)) : undefined;
    if (!words) say(value.at, `${key} must be a string or a list`);
    else {
      service[key] = words;
      at[key] = where(value.at);
    }
  }
  // Networks: aliases under each network a service joins.
  const networks = get('networks');
  if (networks?.kind === 'map') {
    for (const { value } of networks.entries.values()) {
      const aliases = value.kind === 'map' ? value.entries.get('aliases')?.value : undefined;
      if (aliases?.kind === 'seq')
        for (const alias of aliases.items) {
          const aliasText = text(alias);
          if (aliasText !== undefined && !service.aliases.includes(aliasText)) {
            service.aliases.push(aliasText);
            (at.aliases ??= []).push(where(alias.at));
          }
        }
    }
  } else if (networks && networks.kind !== 'seq' && !(networks.kind === 'scalar' && networks.value === null))
    say(networks.at, 'networks must be a list or a mapping');
  readPorts(get('ports'), service, context);
  readExpose(get('expose'), service, context);
  readVolumes(get('volumes'), service, context);
  // Environment: a mapping or `KEY=VALUE` list; the last value of a key wins; a key without a
  // value takes compose's own environment (here: .env), or stays unset.
  const environment = get('environment');
  if (environment && !(environment.kind === 'scalar' && environment.value === null)) {
    if (environment.kind === 'scalar') say(environment.at, 'environment must be a mapping or a list');
    else
      for (const item of asKeyValueSequence(environment).items) {
        const entry = text(item);
        if (entry === undefined) continue;
        const eq = entry.indexOf('=');
        const key = eq < 0 ? entry : entry.slice(0, eq);
        const value = eq < 0 ? context.variables.get(key) : entry.slice(eq + 1);
        if (value === undefined) continue;
        service.environment[key] = value;
        (at.environment ??= {})[key] = where(item.at);
      }
  }
  const envFile = get('env_file');
  if (envFile && !(envFile.kind === 'scalar' && envFile.value === null)) {
    const items = envFile.kind === 'seq' ? envFile.items : [envFile];
    for (const item of items) {
      const file = text(item) ?? (item.kind === 'map' ? text(item.entries.get('path')?.value) : undefined);
      if (file === undefined) {
        say(item.at, 'env_file entries are paths (or `{ path: ... }`)');
        continue;
      }
      service.envFiles.push(path.resolve(projectDir, file));
      (at.envFiles ??= []).push(where(item.at));
    }
  }
  const build = get('build');
  if (build && !(build.kind === 'scalar' && build.value === null)) {
    if (build.kind === 'seq') say(build.at, 'build must be a path or a mapping');
    else {
      const mapping = buildMapping(build);
      const contextDir = text(mapping.entries.get('context')?.value) ?? '.';
      const resolvedContext =
        /^[a-z][a-z0-9+.-]*:\/\//i.test(contextDir) || contextDir.startsWith('git@') ? contextDir : path.resolve(projectDir, contextDir);
      const dockerfile = text(mapping.entries.get('dockerfile')?.value);
      const args: Record<string, string> = {};
      const argsNode = mapping.entries.get('args')?.value;
      if (argsNode && argsNode.kind !== 'scalar')
        for (const item of asKeyValueSequence(argsNode).items) {
          const entry = text(item);
          if (entry === undefined) continue;
          const eq = entry.indexOf('=');
          const value = eq < 0 ? context.variables.get(entry) : entry.slice(eq + 1);
          if (value !== undefined) args[eq < 0 ? entry : entry.slice(0, eq)] = value;
        }
      service.build = {
        context: resolvedContext,
        dockerfilePath:
          path.isAbsolute(resolvedContext) && !mapping.entries.has('dockerfile_inline')
            ? path.resolve(resolvedContext, dockerfile ?? 'Dockerfile')
            : undefined,
        args,
      };
      at.build = where(build.at);
    }
  }
  return service;
}

/** Shell-like words, as compose splits a string `command:` (in quote.ts, which backend kinds may import). */
export { shellWords };

interface PortRange {
  start: number;
  end: number;
}

function portRange(text: string): PortRange | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const start = +match[1];
  const end = match[2] === undefined ? start : +match[2];
  return start <= end && end <= 65535 ? { start, end } : undefined;
}

/** `ports:` short syntax `[[IP:]HOST:]CONTAINER[/PROTOCOL]` and long syntax (compose spec, services `ports`). */
function readPorts(node: TreeNode | undefined, service: DeploymentService, { where, say }: Context): void {
  if (!node || (node.kind === 'scalar' && node.value === null)) return;
  if (node.kind !== 'seq') return void say(node.at, 'ports must be a list');
  for (const item of node.items) {
    const loc = where(item.at);
    let target: PortRange | undefined;
    let published: PortRange | undefined;
    let hostIp: string | undefined;
    let protocol = 'tcp';
    if (item.kind === 'map') {
      const field = (key: string) => text(item.entries.get(key)?.value);
      target = portRange(field('target') ?? '');
      const publishedText = field('published');
      published = publishedText === undefined || publishedText === '' ? undefined : portRange(publishedText);
      if (publishedText && !published) {
        say(item.at, `published ${publishedText} is not a port or a range`);
        continue;
      }
      hostIp = field('host_ip');
      protocol = (field('protocol') ?? 'tcp').toLowerCase();
    } else if (item.kind === 'scalar' && item.value !== null) {
      let spec = String(item.value).trim();
      const slash = spec.lastIndexOf('/');
      if (slash >= 0) {
        protocol = spec.slice(slash + 1).toLowerCase();
        spec = spec.slice(0, slash);
      }
      const parts = spec.split(':');
      target = portRange(parts.pop() ?? '');
      if (parts.length > 0) {
        const hostPort = parts.pop()!;
        published = hostPort === '' ? undefined : portRange(hostPort);
        if (hostPort !== '' && !published) {
          say(item.at, `${String(item.value)}: ${hostPort} is not a port or a range`);
          continue;
        }
        if (parts.length > 0) hostIp = parts.join(':').replace(/^\[(.*)\]$/, '$1');
      }
    }
    if (!target) {
      say(item.at, `${item.kind === 'scalar' ? String(item.value) : 'this port'}: the container port is not a port or a range`);
      continue;
    }
    if (protocol !== 'tcp' && protocol !== 'udp') {
      say(item.at, `protocol ${protocol}: compose knows tcp and udp`, 'info');
      continue;
    }
    const width = target.end - target.start;
    if (width >= maxPortRange) say(item.at, `a range of ${width + 1} ports: only the first ${maxPortRange} are read`, 'info');
    const base = { protocol: protocol as 'tcp' | 'udp', ...(hostIp ? { hostIp } : {}), at: loc };
    if (published && published.end - published.start !== width) {
      if (width === 0) {
        service.ports.push({ ...base, target: target.start, publishedRange: published });
        continue;
      }
      say(item.at, 'the host range and the container range differ in length');
      continue;
    }
    for (let offset = 0; offset <= Math.min(width, maxPortRange - 1); offset++) {
      const mapping: PortMapping = { target: target.start + offset, ...base };
      if (published) mapping.published = published.start + offset;
      service.ports.push(mapping);
    }
  }
}

/** `expose:` ports or ranges, `[/protocol]` allowed. */
function readExpose(node: TreeNode | undefined, service: DeploymentService, { where, say }: Context): void {
  if (!node || (node.kind === 'scalar' && node.value === null)) return;
  if (node.kind !== 'seq') return void say(node.at, 'expose must be a list');
  for (const item of node.items) {
    const match = /^(\d+(?:-\d+)?)(?:\/(tcp|udp))?$/i.exec(text(item) ?? '');
    const range = match ? portRange(match[1]) : undefined;
    if (!range) {
      say(item.at, `expose: ${text(item) ?? 'this entry'} is not a port or a range`);
      continue;
    }
    if ((match?.[2] ?? 'tcp').toLowerCase() !== 'tcp') continue;
    for (let port = range.start; port <= Math.min(range.end, range.start + maxPortRange - 1); port++)
      if (!service.expose.includes(port)) service.expose.push(port);
    (service.at!.expose ??= []).push(where(item.at));
  }
}

/** A bind mount's source: a path (`.`, `/`, `~` or a drive letter), else a named volume. */
const isPathSource = (source: string) => /^(?:\.|\/|~|[a-zA-Z]:[\\/]|\\\\)/.test(source);

/** `volumes:` short syntax `SOURCE:TARGET[:MODE]` and long syntax (compose spec, services `volumes`). */
function readVolumes(node: TreeNode | undefined, service: DeploymentService, { where, say, projectDir }: Context): void {
  if (!node || (node.kind === 'scalar' && node.value === null)) return;
  if (node.kind !== 'seq') return void say(node.at, 'volumes must be a list');
  for (const item of node.items) {
    let source: string | undefined;
    let target: string | undefined;
    let kind: Mount['kind'] | undefined;
    let readOnly = false;
    if (item.kind === 'scalar' && item.value !== null) {
      const parts = splitVolume(String(item.value));
      if (parts.length === 1) continue; // an anonymous volume: nothing of the workspace
      [source, target] = parts;
      readOnly = (parts[2] ?? '').split(',').includes('ro');
      kind = isPathSource(source) ? 'bind' : 'volume';
    } else if (item.kind === 'map') {
      const field = (key: string) => text(item.entries.get(key)?.value);
      const type = field('type') ?? 'volume';
      if (type !== 'bind' && type !== 'volume') continue; // tmpfs, npipe, image, cluster
      kind = type;
      source = field('source');
      target = field('target');
      readOnly = field('read_only') === 'true';
      if (source === undefined && type === 'volume') continue; // an anonymous volume
    }
    if (source === undefined || target === undefined || kind === undefined) {
      say(item.at, 'a volume needs a source and a target');
      continue;
    }
    const resolved = kind === 'bind' && !source.startsWith('~') ? path.resolve(projectDir, source) : source;
    service.mounts.push({ source: resolved, target, kind, readOnly, at: where(item.at) });
  }
}
