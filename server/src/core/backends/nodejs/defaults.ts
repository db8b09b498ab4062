// Node.js's keep-alive defaults by version, and the frameworks that set their own. Each fact was
// read in the project's own sources (tags, files and lines in docs/backends/nodejs.md).

/** `server.keepAliveTimeout` defaults: 5000 ms since 8.0.0 (when it was added), 65000 ms from the next major. */
export const keepAliveDefaults = {
  before: 5000,
  /** nodejs/node PR #62782 (semver-major): on main, in no release through 26.6.0; the next major ships it. */
  raised: 65_000,
  raisedIn: 27,
  source:
    'https://github.com/nodejs/node/blob/main/lib/_http_server.js (storeHTTPOptions: keepAliveTimeout 5_000, 65_000 since nodejs/node#62782) and doc/api/http.md (server.keepAliveTimeout)',
};

/**
 * The socket timeout is keepAliveTimeout plus a buffer (lib/_http_server.js resOnFinish): a
 * constant 1000 ms from nodejs/node#54863 (merged 2024-09), the option `keepAliveTimeoutBuffer`
 * (default 1000) since 24.6.0 and 22.19.0. The lab saw Node.js 20 close at keepAliveTimeout + 1 s;
 * older lines are taken to close at keepAliveTimeout itself.
 */
export const keepAliveBuffer = { ms: 1000, sinceMajor: 20 };

/** Fastify sets `server.keepAliveTimeout` from its own option (lib/server.js), 72000 ms by default (lib/config-validator.js). */
export const fastifyDefault = {
  ms: 72_000,
  source: 'https://github.com/fastify/fastify/blob/main/lib/config-validator.js (keepAliveTimeout default 72000) and lib/server.js',
};

/** Next.js's standalone server.js: `KEEP_ALIVE_TIMEOUT` (ms) when a number >= 0, set only when not 0 (start-server.ts). */
export const nextStandalone = {
  variable: 'KEEP_ALIVE_TIMEOUT',
  defaultPort: 3000,
  source:
    'https://github.com/vercel/next.js/blob/canary/packages/next/src/server/lib/start-server.ts (if (keepAliveTimeout) server.keepAliveTimeout = ...)',
};

/**
 * The version assumed when nothing says which Node.js runs: the newest LTS line the changelogs
 * name (24.11.0 'Krypton', 2025-10-28, moved 24 to LTS).
 */
export const assumedNodeMajor = 24;

/** Release codenames of the LTS lines (doc/changelogs), as `node:iron` tags and `lts/iron` in .nvmrc say them. */
export const ltsCodenames: Record<string, number> = {
  argon: 4,
  boron: 6,
  carbon: 8,
  dubnium: 10,
  erbium: 12,
  fermium: 14,
  gallium: 16,
  hydrogen: 18,
  iron: 20,
  jod: 22,
  krypton: 24,
};

/** The newest release line (the `node:current`/`node:latest` image, `node` in .nvmrc): 26 (CHANGELOG_V26.md). */
export const currentNodeMajor = 26;

/** The default keepAliveTimeout of a Node.js major. */
export function defaultKeepAliveMs(major: number): number {
  return major >= keepAliveDefaults.raisedIn ? keepAliveDefaults.raised : keepAliveDefaults.before;
}

/** What Node.js adds to keepAliveTimeout before closing an idle socket. */
export function closeBufferMs(major: number): number {
  return major >= keepAliveBuffer.sinceMajor ? keepAliveBuffer.ms : 0;
}
