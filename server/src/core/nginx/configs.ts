// The nginx configurations of a workspace, as nginx would load them, kept between analyses: main
// files with what they include, and the files nothing includes read together as one http{} body.
// Which files are main or lone is worked out again only when the files or their includes change.
import * as path from 'node:path';
import type { NginxConfig } from './nodes';
import type { FileProblem } from '../problems';
import type { NginxDirective, NginxFile } from './ast';
import { IncludeExpander, type Expansion, type IncludeEdge, type IncludeHost } from './includes';
import { inferContext } from './context';
import { buildHttpModel, type ConfigNode, type HttpModel } from './model';
import { keepDirectives, readByModel, sameForModel, type UpstreamNames } from './routes';
import type { NodeMoves } from './nodeMoves';
import { sameList } from '../memo';
import { failureProblem } from '../failure';
import { deployedPrefixes, includedFolders } from './deployed';
import { isInside } from '../paths';

export interface ConfigHost extends IncludeHost {
  /** The parse of a file already read, if any. */
  parsed(file: string): NginxFile | undefined;
}

/** What the deployment files say about where the configurations' main files are. */
export interface ConfigPlacements {
  /** Workspace main files a deployment places at its image's main file, with that file's folder (`/etc/nginx`). */
  deployedPrefixes: ReadonlyMap<string, string>;
  /**
   * Stand-ins for an image's own main file, where a deployment places only included files: each
   * with its deployed folder and the workspace folder its unmapped paths fall back to.
   */
  standIns: readonly { file: NginxFile; deployedPrefix: string; confPrefix: string }[];
}

const noPlacements: ConfigPlacements = { deployedPrefixes: new Map(), standIns: [] };

interface BuiltModel {
  model: HttpModel;
  httpNode: ConfigNode | undefined;
  children: ConfigNode[];
}

/** More upstream names than a large workspace has (10,000 files hold about as many upstreams). */
const maxInternedNames = 1 << 16;

export class NginxConfigBuilder {
  /** Include expansions by conf prefix. */
  private readonly expanders = new Map<string, IncludeExpander>();
  /** Each config's model as of the last analysis, by main file ('' for the lone files). */
  private models = new Map<string, BuiltModel>();
  private lastMains: { files: NginxFile[]; mains: NginxFile[] } | undefined;
  private lastLone: { mains: NginxFile[]; key: string; fileSetVersion: number; paths: string[] } | undefined;
  /** The lone files other lone files include, as of a structure of the expansions and a list of lone files. */
  private lastLoneIncluded: { key: string; paths: string[]; included: Set<string> } | undefined;
  /** The conf prefix of lone files by folder, while the main files are the same. */
  private lonePrefixes: { mains: NginxFile[]; byDir: Map<string, string> } | undefined;

  private readonly keep: (directive: NginxDirective) => boolean;
  /** The upstream names the models read, interned (routes.ts). */
  private readonly upstreamNames: UpstreamNames = new Map();

  /**
   * `boundary`: the analysed folder, outside which no include is read. `reading`: what the
   * expansions keep besides what the model reads (the checks' directives); `moves`: where moved
   * nodes are counted (the workspace's layout version).
   */
  constructor(
    private readonly host: ConfigHost,
    private readonly prefixMap: () => Record<string, string>,
    private readonly boundary: string | undefined,
    reading: ReadonlySet<string>,
    private readonly moves: NodeMoves,
    private readonly placements: () => ConfigPlacements = () => noPlacements,
  ) {
    this.keep = keepDirectives(new Set([...readByModel, ...reading]));
  }

  /** Starts an analysis: see IncludeExpander.nextGeneration. */
  nextGeneration(changed: ReadonlySet<string>, globsKept: boolean): void {
    for (const expander of this.expanders.values()) expander.nextGeneration(changed, globsKept);
  }

  /** Forgets the expansions this analysis did not reach; says whether it forgot any. */
  forgetUnreached(): boolean {
    let forgot = false;
    for (const expander of this.expanders.values()) forgot = expander.forgetUnreached() || forgot;
    return forgot;
  }

  /** Whether this analysis read the file for some configuration. */
  reached(file: string): boolean {
    return [...this.expanders.values()].some((e) => e.reached(file));
  }

  /**
   * Main files (those with http{} or events{}) are expanded first, so that the files they include
   * are read in the context nginx reads them in. Files nothing includes are read together as the
   * body of one http{} context, the way `include conf.d/*.conf;` would.
   */
  build(files: NginxFile[], fileSetVersion: number, problems: FileProblem[]): NginxConfig[] {
    // Names typed letter by letter pile up; interning only saves time, so a full table starts afresh.
    if (this.upstreamNames.size > maxInternedNames) this.upstreamNames.clear();
    const mains = this.mainFiles(files);
    const included = (file: string) => [...this.expanders.values()].some((e) => e.included(file));
    const configs: NginxConfig[] = [];
    const models = new Map<string, BuiltModel>();
    const model = (key: string, httpNode: ConfigNode | undefined, children: ConfigNode[]) => {
      const last = this.models.get(key);
      // Built from the same nodes (the edit was to what the expansion leaves out, or elsewhere): the same model.
      const built =
        last && last.httpNode === httpNode && sameList(last.children, children)
          ? last.model
          : buildHttpModel(httpNode, children, this.upstreamNames, last?.model);
      models.set(key, { model: built, httpNode, children });
      return built;
    };
    const { deployedPrefixes: placed, standIns } = this.placements();
    const roots = [
      ...standIns.map((s) => ({ main: s.file, confPrefix: s.confPrefix, deployed: s.deployedPrefix })),
      ...mains.map((main) => ({ main, confPrefix: path.dirname(main.path), deployed: placed.get(main.path) })),
    ];
    for (const { main, confPrefix, deployed } of roots) {
      if (included(main.path)) continue;
      const built = this.isolated(main, confPrefix, problems, () => {
        const expanded = this.expander(confPrefix, deployed).expand(main);
        const http = expanded.nodes.find((n: ConfigNode) => n.directive.name.value === 'http');
        return { root: main, http: model(main.path, http, http?.children ?? []), includes: expanded.includes };
      });
      if (built) configs.push(built);
    }
    // A main file another main includes is part of that one's configuration.
    const mainConfigs = configs.filter((c) => !included(c.root!.path));
    const lone = this.loneFiles(files, mains, included, fileSetVersion);
    if (lone.length > 0) {
      const expansions: { file: NginxFile; expanded: Expansion }[] = [];
      for (const file of lone) {
        const prefix = this.lonePrefix(file.path, mains);
        const expanded = this.isolated(file, prefix, problems, () => this.expander(prefix).expand(file));
        if (expanded) expansions.push({ file, expanded });
      }
      const nodes: ConfigNode[] = [];
      const includes: (() => IncludeEdge[])[] = [];
      const includedByLone = this.includedByLone(expansions, included);
      for (const { file, expanded } of expansions) {
        if (includedByLone.has(file.path)) continue; // read where it is included
        for (const node of expanded.nodes) nodes.push(node);
        includes.push(expanded.includes);
      }
      const loneConfig = this.isolated(lone[0], this.lonePrefix(lone[0].path, mains), problems, () => ({
        root: undefined,
        http: model('', undefined, nodes),
        includes: () => includes.flatMap((edges) => edges()),
      }));
      if (loneConfig) mainConfigs.push(loneConfig);
    }
    this.models = models;
    const standInFiles = new Set(standIns.map((s) => s.file));
    for (const expander of this.expanders.values()) {
      for (const p of expander.reachedProblems())
        if (!standInFiles.has(p.file)) problems.push({ path: p.file.path, lines: p.file.lines, problem: p.problem });
    }
    return mainConfigs;
  }

  /** Files with http{} or events{}; the same list object while no main file changed. */
  private mainFiles(files: NginxFile[]): NginxFile[] {
    const last = this.lastMains;
    if (
      last &&
      last.files.length === files.length &&
      files.every((f, i) => f === last.files[i] || (inferContext(f) !== 'main' && inferContext(last.files[i]) !== 'main'))
    ) {
      this.lastMains = { files, mains: last.mains };
      return last.mains;
    }
    const mains = files.filter((f) => inferContext(f) === 'main');
    this.lastMains = { files, mains };
    return mains;
  }

  /**
   * Files that neither are main files nor are included by one. Which those are changes only when
   * the main files or some include does, so the list of paths is kept until then.
   */
  private loneFiles(files: NginxFile[], mains: NginxFile[], included: (file: string) => boolean, fileSetVersion: number): NginxFile[] {
    const key = [...this.expanders.values()].map((e) => e.structureVersion).join(',');
    const last = this.lastLone;
    if (!last || last.mains !== mains || last.key !== key || last.fileSetVersion !== fileSetVersion) {
      const paths = files.filter((f) => !included(f.path) && inferContext(f) !== 'main').map((f) => f.path);
      this.lastLone = { mains, key, fileSetVersion, paths };
    }
    return this.lastLone!.paths.map((p) => this.host.parsed(p)).filter((f) => f !== undefined);
  }

  /**
   * The lone files that another lone file includes (Debian's `sites-available/app` and the
   * `snippets/proxy.conf` it includes, when no nginx.conf is there): each is read where it is
   * included, in its includer's context, not a second time at the http level. Files that only
   * include one another (a cycle, reported) stay. Worked out again when an include changed.
   */
  private includedByLone(expansions: { file: NginxFile; expanded: Expansion }[], included: (file: string) => boolean): Set<string> {
    const paths = this.lastLone?.paths ?? [];
    const key = [...this.expanders.values()].map((e) => e.structureVersion).join(',');
    const last = this.lastLoneIncluded;
    if (last && last.key === key && last.paths === paths) return last.included;
    const result = new Set<string>();
    const maybe = expansions.filter(({ file }) => included(file.path));
    if (maybe.length > 0) {
      const reached = new Set<string>();
      for (const { file, expanded } of expansions)
        if (!included(file.path)) for (const edge of expanded.includes()) for (const target of edge.targets) reached.add(target);
      for (const { file } of maybe) if (reached.has(file.path)) result.add(file.path);
    }
    this.lastLoneIncluded = { key, paths, included: result };
    return result;
  }

  /**
   * The conf prefix a lone file's relative includes resolve against, as if a main nginx.conf
   * included it: the folder of a main file in its folder or the one above; the folder above a
   * folder nginx.conf includes from (`sites-available/`, `conf.d/`, `snippets/`); a repository's
   * copy of a deployed prefix (`etc/nginx/`) holding it. The deepest of these, else its own folder.
   */
  private lonePrefix(file: string, mains: NginxFile[]): string {
    if (this.lonePrefixes?.mains !== mains) this.lonePrefixes = { mains, byDir: new Map() };
    const dir = path.dirname(file);
    let prefix = this.lonePrefixes.byDir.get(dir);
    if (prefix === undefined) {
      const candidates: string[] = [];
      const parent = path.dirname(dir);
      for (const main of mains) {
        const mainDir = path.dirname(main.path);
        if (mainDir === dir || mainDir === parent) candidates.push(mainDir);
      }
      if (includedFolders.has(path.basename(dir))) candidates.push(parent);
      const slashed = dir.split(path.sep).join('/') + '/';
      for (const deployed of deployedPrefixes) {
        const at = slashed.lastIndexOf(deployed + '/');
        if (at > 0) candidates.push(dir.slice(0, at + deployed.length));
      }
      // Never above the analysed folder: what a workspace of sites-available/ alone includes is not there.
      const within = candidates.filter((c) => this.boundary === undefined || isInside(c, this.boundary));
      prefix = within.reduce((deepest, c) => (c.length > deepest.length ? c : deepest), '') || dir;
      this.lonePrefixes.byDir.set(dir, prefix);
    }
    return prefix;
  }

  private expander(confPrefix: string, deployedConfPrefix?: string): IncludeExpander {
    const key = deployedConfPrefix === undefined ? confPrefix : `${confPrefix}\0${deployedConfPrefix}`;
    let expander = this.expanders.get(key);
    if (!expander)
      this.expanders.set(
        key,
        (expander = new IncludeExpander(this.host, {
          confPrefix,
          deployedConfPrefix,
          prefixMap: this.prefixMap(),
          boundary: this.boundary,
          keep: this.keep,
          sameMeaning: sameForModel,
          moves: this.moves,
        })),
      );
    return expander;
  }

  /**
   * Runs one configuration's expansion or model. An exception (a bug) becomes a problem on its
   * main file and costs that configuration only; its expander starts afresh, as its kept
   * expansions may be half updated.
   */
  private isolated<T>(file: NginxFile, confPrefix: string, problems: FileProblem[], build: () => T): T | undefined {
    try {
      return build();
    } catch (error) {
      for (const key of [...this.expanders.keys()]) if (key === confPrefix || key.startsWith(`${confPrefix}\0`)) this.expanders.delete(key);
      this.models.delete(file.path);
      problems.push({ path: file.path, lines: file.lines, problem: failureProblem('nginx-include', 'reading this configuration', error) });
      return undefined;
    }
  }
}
