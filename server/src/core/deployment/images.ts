// The nginx an image runs, from its name and tag (keepalive-rules.md "nginx versions in the wild"):
// the official `nginx` image and `nginxinc/nginx-unprivileged` tag nginx's own version
// (`1.27.3-alpine`), OpenResty's four-part tags name the nginx core in their first three parts
// (1.27.1.2 is nginx 1.27.1). Tags without a number follow a branch, and the version taken for
// them is said as assumed: `latest`, `mainline`, `alpine`, `perl`... follow mainline (1.31.x,
// 1.31.4 on 2026-08-19), `stable*` the stable branch (1.30.x since 2026-04-14); both keep
// upstream connections alive by default (since 1.29.7). OpenResty's named tags (`alpine`,
// `jammy`) say no version, and none is assumed.
import { keepaliveByDefaultSince } from '../nginx/version';
import { nginxVersionOfImage } from './resolve';

export type NginxImageFamily = 'nginx' | 'nginx-unprivileged' | 'openresty';

export interface NginxImage {
  family: NginxImageFamily;
  /** The image reference as written (after interpolation). */
  image: string;
  /** The tag (`latest` when none). */
  tag: string;
  /** The nginx version whose defaults apply (`1.25.3`, `1.31`), when the tag says or a branch implies one. */
  version?: string;
  /** True when `version` is taken for a tag naming a branch rather than a version. */
  assumed: boolean;
  /** How the version was found, for messages (`nginx:stable: the stable branch, 1.30.x since 2026-04-14 (assumed)`). */
  note: string;
  /** Where the image keeps its main configuration file. */
  mainConfig: string;
}

/** The branches the official images' word tags follow today (keepalive-rules.md). */
export const nginxBranches = {
  mainline: { version: '1.31', since: 'mainline 1.31.x (1.31.4 on 2026-08-19)' },
  stable: { version: '1.30', since: 'the stable branch 1.30.x (1.30.0 on 2026-04-14)' },
};

const families: [RegExp, NginxImageFamily][] = [
  [/^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)?(?:library\/)?nginx$/, 'nginx'],
  [/^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)?nginxinc\/nginx-unprivileged$/, 'nginx-unprivileged'],
  [/^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)?openresty\/openresty$/, 'openresty'],
];

export const mainConfigOf: Record<NginxImageFamily, string> = {
  nginx: '/etc/nginx/nginx.conf',
  'nginx-unprivileged': '/etc/nginx/nginx.conf',
  openresty: '/usr/local/openresty/nginx/conf/nginx.conf',
};

/** The nginx an image runs, or undefined when it is not an nginx image this knows. */
export function nginxImageOf(image: string): NginxImage | undefined {
  const reference = image.trim().split('@')[0];
  const colon = reference.lastIndexOf(':');
  const hasTag = colon >= 0 && !reference.slice(colon).includes('/');
  const name = (hasTag ? reference.slice(0, colon) : reference).toLowerCase();
  const tag = hasTag ? reference.slice(colon + 1) : 'latest';
  const family = families.find(([pattern]) => pattern.test(name))?.[1];
  if (!family) return undefined;
  const mainConfig = mainConfigOf[family];
  const written = `${name.replace(/^.*?(?=nginx|openresty)/, '')}:${tag}`;
  const numbered = nginxVersionOfImage(`${name}:${tag}`);
  if (numbered) {
    const [major, minor, patch] = numbered.split('.').map(Number);
    if (patch === undefined && major === keepaliveByDefaultSince.major && minor === keepaliveByDefaultSince.minor) {
      // `nginx:1.29` follows the newest 1.29.x, and 1.29.7 (2026-03-24) is one.
      const version = `${major}.${minor}.${keepaliveByDefaultSince.patch}`;
      return {
        family,
        image,
        tag,
        version,
        assumed: true,
        note: `${written}: the newest 1.29.x, taken as ${version} (assumed)`,
        mainConfig,
      };
    }
    const core = family === 'openresty' ? `OpenResty ${tag.split('-')[0]}: nginx core ${numbered}` : `nginx ${numbered}`;
    const branch = patch === undefined ? ` (the newest ${numbered}.x)` : '';
    return { family, image, tag, version: numbered, assumed: false, note: `${written}: ${core}${branch}`, mainConfig };
  }
  if (family === 'openresty')
    return {
      family,
      image,
      tag,
      assumed: false,
      note: `${written}: the tag names no OpenResty version, so no nginx version is assumed`,
      mainConfig,
    };
  const branch = /^stable(?:-|$)/i.test(tag) ? nginxBranches.stable : nginxBranches.mainline;
  return { family, image, tag, version: branch.version, assumed: true, note: `${written}: follows ${branch.since} (assumed)`, mainConfig };
}
