// The deployment files as the engine uses them: read again only when one of them changed (or
// files appeared or went, which can turn a mount's source into a folder), and what they say for
// the analysis: the facts links map addresses through, the prefix map under the user's setting,
// where each configuration's main file is, and the nginx version of the image running it.
import * as path from 'node:path';
import { quoteToken } from './quote';
import { LineIndex } from './text';
import { failureProblem } from './failure';
import { isInside } from './paths';
import type { FileProblem } from './problems';
import { prefixMapIn, type AnalysisSettings } from './settings';
import { parseNginx } from './nginx/parser';
import { parseNginxVersion, type NginxVersion } from './nginx/version';
import type { NginxConfig } from './nginx/nodes';
import type { ConfigPlacements } from './nginx/configs';
import { deploymentFactsOf, type DeploymentReading } from './deployment';
import { noDeploymentFacts, type DeploymentService, type DockerfileFacts } from './deployment/facts';
import { serviceHoldsFile } from './deployment/resolve';
import { runtimeImage, runtimeStages } from './deployment/dockerfile';
import type { AnyBackendKind, BackendRuntime } from './backends/kind';
import type { BackendEndpoint } from './backends/endpoint';
import type { Location, Span } from './types';
import { stockMainConfig, type NginxPlacement, type PathKind } from './deployment/placement';
import { deploymentProblemCode } from './deployment/tree';

const emptyReading: DeploymentReading = {
  facts: noDeploymentFacts,
  deployments: [],
  dockerfiles: [],
  standalone: [],
  prefixMap: {},
  problems: [],
};

export class WorkspaceDeployments {
  private stale = true;
  private fileSetVersion = -1;
  private reading: DeploymentReading = emptyReading;
  private settingsMemo: { base: AnalysisSettings; reading: DeploymentReading; settings: AnalysisSettings } | undefined;
  private placementsMemo: { reading: DeploymentReading; placements: ConfigPlacements; standIns: Map<unknown, NginxPlacement> } | undefined;

  /** The deployment files' texts as last read, and their line indexes when asked for. */
  private texts = new Map<string, string>();
  /** The analysed folder, as the last update was given it (runtimes name Dockerfiles relative to it). */
  private rootDir = '';
  private readonly lineIndexes = new Map<string, LineIndex>();
  private runtimeMemo: { reading: DeploymentReading; byFile: Map<string, BackendRuntime | undefined> } | undefined;
  private imageMemo: { reading: DeploymentReading; byKey: Map<string, BackendEndpoint[]> } | undefined;

  /** A deployment file changed, appeared or went. */
  changed(): void {
    this.stale = true;
  }

  get current(): DeploymentReading {
    return this.reading;
  }

  /**
   * Reads the deployment files again when one changed or the file set did; says whether what
   * they say changed (a reading that says the same keeps the earlier objects).
   */
  update(files: () => { path: string; text: string }[], rootDir: string, kindOf: PathKind, fileSetVersion: number): boolean {
    if (!this.stale && fileSetVersion === this.fileSetVersion) return false;
    this.stale = false;
    this.fileSetVersion = fileSetVersion;
    this.rootDir = rootDir;
    const list = files();
    this.texts = new Map(list.map((f) => [f.path, f.text]));
    this.lineIndexes.clear();
    let next = emptyReading;
    if (list.length > 0) {
      try {
        next = deploymentFactsOf(list, rootDir, { kindOf });
      } catch (error) {
        // A reader's bug costs the deployment facts, said on the first file, never the analysis.
        const problem = failureProblem(deploymentProblemCode, 'reading the deployment files', error);
        next = { ...emptyReading, problems: [{ path: list[0].path, lines: new LineIndex(list[0].text), problem }] };
      }
    }
    if (sameReading(next, this.reading)) return false;
    this.reading = next;
    return true;
  }

  /**
   * The prefix map includes and links resolve through: the deployment files' entries under the
   * user's `timeoutChain.nginx.prefixMap`, which wins for every path it maps (entries at or below
   * one of its deployed folders are dropped).
   */
  prefixMap(rootDir: string, settings: AnalysisSettings): Record<string, string> {
    const user = prefixMapIn(rootDir, settings.nginxPrefixMap);
    const merged: Record<string, string> = {};
    for (const [deployed, local] of Object.entries(this.reading.prefixMap))
      if (!Object.keys(user).some((u) => deployed === u || isInside(deployed, u))) merged[deployed] = local;
    return { ...merged, ...user };
  }

  /** The settings an analysis carries: a new object when the deployment files say something new, so memos keyed by settings are made again. */
  settingsFor(base: AnalysisSettings): AnalysisSettings {
    const memo = this.settingsMemo;
    if (memo && memo.base === base && memo.reading === this.reading) return memo.settings;
    const settings = this.reading === emptyReading ? base : { ...base };
    this.settingsMemo = { base, reading: this.reading, settings };
    return settings;
  }

  problems(): FileProblem[] {
    return this.reading.problems;
  }

  /** Main files the deployments place, and stand-ins for an image's own main file where they place only conf.d files. */
  placements(): ConfigPlacements {
    if (this.placementsMemo?.reading === this.reading) return this.placementsMemo.placements;
    const deployedPrefixes = new Map<string, string>();
    const standIns: ConfigPlacements['standIns'][number][] = [];
    const standInOf = new Map<unknown, NginxPlacement>();
    const seen = new Set<string>();
    for (const placement of this.allPlacements()) {
      const deployedPrefix = path.posix.dirname(placement.mainConfig);
      if (placement.mainFile) {
        if (!deployedPrefixes.has(placement.mainFile)) deployedPrefixes.set(placement.mainFile, deployedPrefix);
        continue;
      }
      const includes = stockIncludes(placement);
      if (!placement.image || includes.length === 0) continue;
      const key = includes.map(([deployed, local]) => `${deployed}=${local}`).join('\n');
      if (seen.has(key)) continue; // alternatives placing the same files: one configuration
      seen.add(key);
      const [firstDeployed, firstLocal] = includes[0];
      const folder = firstDeployed === stockFolder ? firstLocal : path.dirname(firstLocal);
      const confPrefix = path.basename(folder) === 'conf.d' ? path.dirname(folder) : folder;
      // Each placed file by its own path: two deployments may place different files at one deployed path.
      const body = includes
        .map(([deployed, local]) => `    include ${quoteToken(deployed === stockFolder ? path.join(local, '*.conf') : local)};\n`)
        .join('');
      // Named after the image's main file; never a workspace path, so nothing is reported on it.
      const name = standIns.length === 0 ? placement.mainConfig : `${placement.mainConfig}#${standIns.length + 1}`;
      const file = parseNginx(name, `events {}\n${stockMainConfig.context} {\n${body}}\n`);
      standIns.push({ file, deployedPrefix, confPrefix });
      standInOf.set(file, placement);
    }
    const placements = { deployedPrefixes, standIns };
    this.placementsMemo = { reading: this.reading, placements, standIns: standInOf };
    return placements;
  }

  /**
   * The nginx version of each configuration a deployment runs in an nginx image whose tag says
   * (or, for a branch tag, implies) one; `fallback` for the others. When every image agrees, that
   * version is the default too.
   */
  versions(
    configs: NginxConfig[],
    fallback: NginxVersion,
    rootDir: string,
  ): { default: NginxVersion; byConfig: Map<NginxConfig, NginxVersion> } {
    const byConfig = new Map<NginxConfig, NginxVersion>();
    const versioned = this.allPlacements().filter((p) => p.image?.version !== undefined);
    if (versioned.length === 0) return { default: fallback, byConfig };
    const versionOf = (placement: NginxPlacement): NginxVersion => {
      const parsed = parseNginxVersion(placement.image!.version);
      if ('error' in parsed) return fallback;
      return { ...parsed, source: `${placement.image!.note}; the image of ${whereRuns(placement, rootDir)}` };
    };
    const labels = new Set(versioned.map((p) => p.image!.version));
    const shared = labels.size === 1 ? versionOf(versioned[0]) : fallback;
    this.placements();
    const standIns = this.placementsMemo!.standIns;
    for (const config of configs) {
      const placement = (config.root && standIns.get(config.root)) ?? versioned.find((p) => placesConfig(p, config));
      byConfig.set(config, placement?.image?.version ? versionOf(placement) : shared);
    }
    return { default: shared, byConfig };
  }

  /** The line index of a deployment file as last read (a finding may sit in a compose file's environment). */
  linesOf(file: string): LineIndex | undefined {
    let lines = this.lineIndexes.get(file);
    const text = this.texts.get(file);
    if (!lines && text !== undefined) this.lineIndexes.set(file, (lines = new LineIndex(text)));
    return lines;
  }

  /**
   * How the service running a backend file starts it: the first service (default deployments
   * first) whose build context or mounts hold the file; its Dockerfile's ENV under compose's
   * `environment:`, and its command line. The same object while the reading is the same.
   */
  runtimeOf(file: string): BackendRuntime | undefined {
    if (this.runtimeMemo?.reading !== this.reading) this.runtimeMemo = { reading: this.reading, byFile: new Map() };
    const known = this.runtimeMemo.byFile;
    if (known.has(file)) return known.get(file);
    const service = this.reading.facts.services.find((s) => serviceHoldsFile(s, file));
    const runtime = service ? this.runtimeOfService(service) : this.runtimeOfDockerfile(file);
    known.set(file, runtime);
    return runtime;
  }

  /**
   * No compose service runs the file: the Dockerfile no deployment builds nearest above it (its
   * folder taken as the build context, as `docker build .` there would).
   */
  private runtimeOfDockerfile(file: string): BackendRuntime | undefined {
    const built = new Set(this.reading.facts.services.flatMap((s) => (s.build?.dockerfile ? [s.build.dockerfile.path] : [])));
    const holding = this.reading.dockerfiles
      .filter((d) => !built.has(d.path) && isInside(file, path.dirname(d.path)))
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (!holding) return undefined;
    return this.runtimeOfService(undefined, holding);
  }

  /** A compose service's runtime (its Dockerfile's under it), or a Dockerfile's alone (`service` undefined). */
  private runtimeOfService(service: DeploymentService | undefined, alone?: DockerfileFacts): BackendRuntime {
    const dockerfile = service ? service.build?.dockerfile : alone;
    const environment: BackendRuntime['environment'] = new Map();
    const set = (name: string, value: string, location: Location | undefined) => {
      const at = this.placeOf(location);
      environment.set(name, { value, at, valueAt: at && this.valueIn(at, value) });
    };
    for (const [name, value] of Object.entries(dockerfile?.env ?? {})) set(name, value, dockerfile?.at?.env?.[name]);
    for (const [name, value] of Object.entries(service?.environment ?? {})) set(name, value, service?.at?.environment?.[name]);
    // Compose's `entrypoint:` also clears the image's CMD; `command:` replaces CMD only.
    const entrypoint = service?.entrypoint ?? dockerfile?.entrypoint ?? [];
    const command = service?.command ?? (service?.entrypoint ? [] : (dockerfile?.cmd ?? []));
    const entrypointAt = service?.entrypoint ? service.at?.entrypoint : dockerfile?.entrypoint && dockerfile.at?.entrypoint;
    const commandAt = service?.command ? service.at?.command : service?.entrypoint ? undefined : dockerfile?.cmd && dockerfile.at?.cmd;
    const commandSources = [entrypointAt, commandAt].flatMap((location) => {
      const at = this.placeOf(location);
      const text = at && this.texts.get(at.file)?.slice(at.span.start, at.span.end);
      return at && text !== undefined ? [{ ...at, text }] : [];
    });
    return {
      description: service ? serviceDescription(service) : path.relative(this.rootDir, alone!.path).split(path.sep).join('/'),
      environment,
      image: service ? imageOf(service) : alone?.from.at(-1),
      commandLine: [...entrypoint, ...command],
      commandSources,
      baseImage: service ? this.baseImageOf(service) : alone && this.baseImageOfDockerfile(alone),
    };
  }

  /** The base image a service runs on: its Dockerfile's runtime stage followed to an image, else compose's `image:`. */
  private baseImageOf(service: DeploymentService): BackendRuntime['baseImage'] {
    const dockerfile = service.build?.dockerfile;
    if (dockerfile) return this.baseImageOfDockerfile(dockerfile);
    return service.image === undefined ? undefined : { name: service.image, at: this.placeOf(service.at?.image) };
  }

  /** The image a Dockerfile's last stage runs on, and the FROM naming it. */
  private baseImageOfDockerfile(dockerfile: DockerfileFacts): BackendRuntime['baseImage'] {
    const chain = runtimeStages(dockerfile);
    const stage = chain.length > 0 ? dockerfile.stages?.[chain[chain.length - 1]] : undefined;
    const name = runtimeImage(dockerfile);
    return name === undefined ? undefined : { name, at: this.placeOf(stage?.at) };
  }

  /**
   * Endpoints the services run from their images alone (a kind's imageEndpoints), for services
   * where no endpoint read from a file runs; the same objects while the reading is the same.
   */
  imageEndpoints(kinds: readonly AnyBackendKind[], fromFiles: readonly BackendEndpoint[]): BackendEndpoint[] {
    if (this.imageMemo?.reading !== this.reading) this.imageMemo = { reading: this.reading, byKey: new Map() };
    const made: BackendEndpoint[] = [];
    for (const kind of kinds) {
      if (!kind.imageEndpoints) continue;
      for (const service of this.reading.facts.services) {
        const image = imageOf(service);
        const place = this.placeOf(service.at?.image ?? service.at?.service);
        if (!image || !place) continue;
        if (fromFiles.some((e) => e.kind === kind.id && serviceHoldsFile(service, e.file.path))) continue;
        const key = `${kind.id}\0${service.name}\0${image}\0${place.file}\0${place.span.start}`;
        let endpoints = this.imageMemo.byKey.get(key);
        if (!endpoints) {
          const deployed = { service: service.name, image, description: serviceDescription(service), path: place.file, span: place.span };
          this.imageMemo.byKey.set(key, (endpoints = kind.imageEndpoints(deployed)));
        }
        made.push(...endpoints);
      }
    }
    return made;
  }

  /** Where a value sits at the end of its `NAME: value` / `NAME=value` entry, quotes aside; undefined when written otherwise. */
  private valueIn(at: { file: string; span: Span }, value: string): { file: string; span: Span } | undefined {
    const entry = this.texts.get(at.file)?.slice(at.span.start, at.span.end);
    const m = entry === undefined || value === '' ? null : /["']?\s*$/.exec(entry);
    if (!entry || !m) return undefined;
    const end = m.index;
    const start = end - value.length;
    return start >= 0 && entry.slice(start, end) === value
      ? { file: at.file, span: { start: at.span.start + start, end: at.span.start + end } }
      : undefined;
  }

  private placeOf(location: Location | undefined): { file: string; span: Span } | undefined {
    const lines = location && this.linesOf(location.file);
    if (!location || !lines) return undefined;
    return { file: location.file, span: { start: lines.offsetAt(location.range.start), end: lines.offsetAt(location.range.end) } };
  }

  private allPlacements(): NginxPlacement[] {
    return [...this.reading.deployments.flatMap((d) => d.nginx), ...this.reading.standalone];
  }
}

const stockFolder = path.posix.dirname(stockMainConfig.includes);

/** `compose service shop in docker-compose.yml` */
function serviceDescription(service: DeploymentService): string {
  return `compose service ${service.name}${service.deployment ? ` in ${service.deployment}` : ''}`;
}

/** The image a service runs: its `image:`, else its Dockerfile's last FROM. */
function imageOf(service: DeploymentService): string | undefined {
  return service.image ?? service.build?.dockerfile?.from.at(-1);
}

/** What the image's own main file would include from a placement: its conf.d folder, or its `*.conf` files there. */
function stockIncludes(placement: NginxPlacement): [string, string][] {
  return Object.entries(placement.prefixMap)
    .filter(([deployed]) => deployed === stockFolder || (path.posix.dirname(deployed) === stockFolder && deployed.endsWith('.conf')))
    .sort(([a], [b]) => a.localeCompare(b));
}

/** Whether a configuration's main file, or the file of its first upstream, is one the placement puts in the image. */
function placesConfig(placement: NginxPlacement, config: NginxConfig): boolean {
  const file = config.root?.path ?? config.http.upstreams.values().next().value?.node.file.path;
  if (file === undefined) return false;
  if (placement.mainFile === file) return true;
  return Object.values(placement.prefixMap).some((local) => local === file || isInside(file, local));
}

/** `compose service proxy (docker-compose.yml)`, `nginx/Dockerfile` */
function whereRuns(placement: NginxPlacement, rootDir: string): string {
  const relative = (file: string) => path.relative(rootDir, file).split(path.sep).join('/');
  if (placement.service) return `compose service ${placement.service}${placement.deployment ? ` in ${placement.deployment}` : ''}`;
  return placement.dockerfile ? relative(placement.dockerfile) : 'a deployment file';
}

/** Whether two readings say the same (their line indexes aside). */
function sameReading(a: DeploymentReading, b: DeploymentReading): boolean {
  if (a === b) return true;
  const text = (r: DeploymentReading) => JSON.stringify(r, (key, value: unknown) => (key === 'lines' ? undefined : value));
  return text(a) === text(b);
}
