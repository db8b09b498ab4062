// Where a deployment puts the workspace's nginx files: bind mounts and COPY/ADD that place
// repository files or folders under nginx's deployed folders give the prefix map
// (`{ '/etc/nginx/conf.d/default.conf': '<workspace>/nginx/default.conf' }`), and say which
// workspace file is the main nginx.conf. The official image reads /etc/nginx/nginx.conf, whose
// http block includes /etc/nginx/conf.d/*.conf (keepalive-rules.md, "Docker Compose wiring"):
// a deployment that places only conf.d files has no main file of its own, and the image's stock
// main file (`stockMainConfig`) includes them.
import * as path from 'node:path';
import type { DeploymentService, DockerfileFacts } from './facts';
import { runtimeImage, runtimeStages } from './dockerfile';
import { mainConfigOf, nginxImageOf, type NginxImage } from './images';

/** Folders a deployed nginx reads its configuration from (nginx/deployed.ts lists the same). */
export const nginxConfigFolders = [
  '/etc/nginx',
  '/usr/local/openresty/nginx/conf',
  '/etc/openresty',
  '/usr/local/nginx/conf',
  '/usr/local/etc/nginx',
];

/** Folders the nginx images have, so that a file copied to one without a trailing slash goes into it. */
const imageFolders = ['/etc/nginx', '/etc/nginx/conf.d', '/usr/local/openresty/nginx/conf'];

/** Whether a workspace path is a file or a folder; undefined when unknown. */
export type PathKind = (workspacePath: string) => 'file' | 'folder' | undefined;

/** The part of the image's own nginx.conf that decides what is read: its conf.d include, in http. */
export const stockMainConfig = {
  /** What the official nginx image (and nginx-unprivileged, OpenResty's images) include from their main file. */
  includes: '/etc/nginx/conf.d/*.conf',
  /** The context the included files are read in. */
  context: 'http' as const,
  /** A stand-in main file for the analysis: the stock file's `events` and `http` with its include. */
  text: 'events {}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n',
};

export interface NginxPlacement {
  /** The compose service, or undefined for a Dockerfile read alone. */
  service?: string;
  deployment?: string;
  /** The Dockerfile building the image, when one does. */
  dockerfile?: string;
  /** The nginx image, when the service's image or its Dockerfile's runtime image is one. */
  image?: NginxImage;
  /** Deployed path -> workspace path (absolute), files and folders. */
  prefixMap: Record<string, string>;
  /** Where the image reads its main file (`/etc/nginx/nginx.conf`). */
  mainConfig: string;
  /**
   * The workspace file placed at the main file's path; undefined when none is: the image's own
   * nginx.conf is then the main file (`stockMainConfig`), including the placed conf.d files.
   */
  mainFile?: string;
  /** How each prefix map entry was made (`volume ./nginx/default.conf:/etc/nginx/conf.d/default.conf`). */
  how: Record<string, string>;
}

const isUnder = (target: string, folder: string) => target === folder || target.startsWith(folder.endsWith('/') ? folder : folder + '/');
const trimSlash = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);

/** Where a service places nginx configuration, or undefined when it runs no nginx and places none. */
export function placementOfService(service: DeploymentService, kindOf: PathKind = () => undefined): NginxPlacement | undefined {
  const dockerfile = service.build?.dockerfile;
  // With `build:`, `image:` names the image built, not the one it starts from: the Dockerfile says.
  const image = service.build
    ? dockerfile
      ? dockerfileImage(dockerfile)
      : undefined
    : service.image
      ? nginxImageOf(service.image)
      : undefined;
  const prefixMap: Record<string, string> = {};
  const how: Record<string, string> = {};
  if (dockerfile) addCopies(dockerfile, prefixMap, how, kindOf);
  for (const mount of service.mounts) {
    if (mount.kind !== 'bind' || !nginxConfigFolders.some((f) => isUnder(mount.target, f))) continue;
    const target = trimSlash(mount.target);
    prefixMap[target] = mount.source; // a mount hides what the image or a COPY put there
    how[target] = `volume ${mount.source} -> ${target} (service ${service.name})`;
  }
  if (!image && Object.keys(prefixMap).length === 0) return undefined;
  const mainConfig = image?.mainConfig ?? mainConfigOf.nginx;
  return {
    service: service.name,
    deployment: service.deployment,
    dockerfile: dockerfile?.path,
    image,
    prefixMap,
    mainConfig,
    mainFile: mapDeployed(mainConfig, prefixMap, kindOf),
    how,
  };
}

/** Where a Dockerfile read on its own places nginx configuration. */
export function placementOfDockerfile(dockerfile: DockerfileFacts, kindOf: PathKind = () => undefined): NginxPlacement | undefined {
  const image = dockerfileImage(dockerfile);
  const prefixMap: Record<string, string> = {};
  const how: Record<string, string> = {};
  addCopies(dockerfile, prefixMap, how, kindOf);
  if (!image && Object.keys(prefixMap).length === 0) return undefined;
  const mainConfig = image?.mainConfig ?? mainConfigOf.nginx;
  return { dockerfile: dockerfile.path, image, prefixMap, mainConfig, mainFile: mapDeployed(mainConfig, prefixMap, kindOf), how };
}

function dockerfileImage(dockerfile: DockerfileFacts): NginxImage | undefined {
  const image = runtimeImage(dockerfile);
  return image ? nginxImageOf(image) : undefined;
}

/**
 * A source is a folder when the caller says so, or it is written with a trailing slash, or it has
 * no extension (`conf.d`, `nginx`); a glob's matches land in the target folder by name.
 */
function sourceKind(source: string, kindOf: PathKind): 'file' | 'folder' | 'glob' {
  if (/[*?[]/.test(path.basename(source))) return 'glob';
  const known = kindOf(source.replace(/[\\/]+$/, ''));
  if (known) return known;
  if (/[\\/]$/.test(source)) return 'folder';
  const base = path.basename(source);
  return base === 'nginx.conf' || /\.[A-Za-z0-9]+$/.test(base) ? 'file' : 'folder';
}

function addCopies(dockerfile: DockerfileFacts, prefixMap: Record<string, string>, how: Record<string, string>, kindOf: PathKind): void {
  const chain = new Set(runtimeStages(dockerfile));
  for (const copy of dockerfile.copies) {
    if (copy.stage !== undefined && !chain.has(copy.stage)) continue; // a build stage's files, not the runtime image's
    if (!nginxConfigFolders.some((f) => isUnder(copy.target, f))) continue;
    const intoFolder = copy.target.endsWith('/') || copy.sources.length > 1;
    const target = trimSlash(copy.target);
    for (const source of copy.sources) {
      const kind = sourceKind(source, kindOf);
      const clean = source.replace(/[\\/]+$/, '');
      // A file copied to a folder the image already has (`COPY default.conf /etc/nginx/conf.d`) goes into it.
      const into = intoFolder || imageFolders.includes(target);
      // A folder's contents go into the target; a file goes into it (by name) or becomes it.
      const [deployed, local] =
        kind === 'folder'
          ? [target, clean]
          : kind === 'glob'
            ? [target, path.dirname(clean)]
            : [into ? `${target}/${path.basename(clean)}` : target, clean];
      prefixMap[deployed] = local;
      how[deployed] = `${copy.instruction} ${local} -> ${deployed} (${dockerfile.path})`;
    }
  }
}

/** The workspace path a deployed path maps to through the prefix map, the longest prefix first. */
export function mapDeployed(deployed: string, prefixMap: Record<string, string>, kindOf: PathKind = () => undefined): string | undefined {
  const prefix = Object.keys(prefixMap)
    .sort((a, b) => b.length - a.length)
    .find((p) => isUnder(deployed, p));
  if (prefix === undefined) return undefined;
  const local = prefix === deployed ? prefixMap[prefix] : path.join(prefixMap[prefix], path.posix.relative(prefix, deployed));
  return kindOf(local) === 'folder' ? undefined : local;
}
