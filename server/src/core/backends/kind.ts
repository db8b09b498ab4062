// What a backend kind supplies: the files it claims, how it reads them and the companion files
// they depend on, and the endpoints it yields. The workspace drives every kind alike, caching
// each parse per version of its text.
import type { LineIndex } from '../text';
import type { ParseProblem, Span } from '../types';
import type { FileProblem } from '../problems';
import type { BackendEndpoint } from './endpoint';

/** A parsed file of a backend kind. */
export interface BackendFile {
  path: string;
  text: string;
  lines: LineIndex;
  problems: ParseProblem[];
}

/** A file a backend file depends on (catalina.properties); its problems show where it is used. */
export interface CompanionFile {
  path: string;
  lines: LineIndex;
}

/** How a kind's files and endpoints are named in messages and reports. */
export interface BackendWords {
  /** `Tomcat` */
  serverName: string;
  /** `connector` */
  endpointNoun: string;
  /** `server.xml`: the file naming its endpoints, as a message says "is no server.xml with ...". */
  fileName: string;
  /** `Tomcat server.xml`: how the CLI counts its files. */
  filesNoun: string;
  /**
   * The nginx directive that reaches it when it is not proxy_pass (`fastcgi_pass`): such kinds are
   * left out where messages speak of what a proxy_pass upstream could reach.
   */
  passDirective?: string;
}

/** The kinds a proxy_pass upstream may reach (HTTP servers). */
export function httpKinds<K extends BackendWords>(kinds: readonly K[]): K[] {
  return kinds.filter((kind) => kind.passDirective === undefined);
}

export interface BackendKind<F extends BackendFile = BackendFile, C extends CompanionFile = CompanionFile> extends BackendWords {
  /** The kind id, also the file kind its files are registered under (`tomcat`). */
  id: string;
  /**
   * File names it reads (`server.xml`) and names of its companion files (`catalina.properties`).
   * The folder scan finds files by name in classify.ts; a test keeps the two in step.
   */
  fileNames: readonly string[];
  companionNames: readonly string[];
  /** The check a reader's failure (a bug) is reported under. */
  syntaxCheck: string;
  parse(path: string, text: string): F;
  /**
   * Paths of the companion files a file reads, whether or not they exist. `read` gives the parse
   * of one (undefined: absent), for kinds whose companions name further ones (Spring Boot's
   * active profiles name their profile files); every path read must be in the list returned.
   * `registeredUnder` lists the workspace's files under a folder (an application's sources);
   * `runtime` is how the deployment starts it (a profile its environment activates names files).
   */
  companions(
    file: F,
    read: (path: string) => C | undefined,
    registeredUnder: (dir: string) => string[],
    runtime?: BackendRuntime,
  ): string[];
  /**
   * For companion names matching many files (`*.java`), whether a file's text is worth keeping:
   * the folder scan reads such files and registers only those this passes.
   */
  companionTextTest?(file: string, text: string): boolean;
  /**
   * Whether a file its name leaves open (a `.conf`, which nginx uses too) is this kind's by its
   * text (php-fpm's pool files): the folder scan asks before it asks whether the file is nginx.
   */
  claimsText?(file: string, text: string): boolean;
  /**
   * Endpoints a deployment service runs from its image alone, when no file of this kind runs in it
   * (`php:8.3-fpm` with the image's own pool files): the image's defaults, underlined at `image:`.
   */
  imageEndpoints?(image: DeployedImage): BackendEndpoint[];
  /** Likewise for file names of its own with a `*` (uWSGI's `*.ini`, which only a `[uwsgi]` section makes its). */
  fileTextTest?(file: string, text: string): boolean;
  /** Whether a file of this kind serves HTTP at all (a pom.xml of a library does not); default: every file. */
  serves?(file: F): boolean;
  /**
   * For a file nginx's names and folders make a candidate (`*.conf`, conf.d/, sites-enabled/) but
   * whose text nginx's test refused: whether it is this kind's (Apache httpd's vhost files).
   */
  claimsRefusedText?(file: string, text: string): boolean;
  /** Whether a file serves only when it yields endpoints (a Go module whose sources start no server is a library). */
  servesWhenEndpoints?: boolean;
  parseCompanion(path: string, text: string): C;
  /**
   * The file's endpoints, given its companions (undefined: absent), in the order of `companions`.
   * Problems found in values (unresolved properties, non-numbers) go to `problems`.
   */
  endpoints(file: F, companions: (C | undefined)[], rootDir: string, problems: FileProblem[], runtime?: BackendRuntime): BackendEndpoint[];
}

/**
 * How a backend file's server is started, as the deployment files say (the compose service whose
 * build context or mounts hold the file, its Dockerfile; else the nearest Dockerfile no service
 * builds, in the file's folder or above): what a kind may read besides its files.
 */
export interface BackendRuntime {
  /** `compose service shop in docker-compose.yml` */
  description: string;
  /**
   * The environment: the Dockerfile's ENV, then compose's `environment:` over it; where each is
   * written, and where its value is when the file writes it as it is (no `${VAR}` in it).
   */
  environment: Map<string, { value: string; at?: { file: string; span: Span }; valueAt?: { file: string; span: Span } }>;
  /** The image it runs: compose's `image:`, else its Dockerfile's last FROM. */
  image?: string;
  /** The command started: ENTRYPOINT then CMD (compose's `entrypoint:` and `command:` replace them), as words. */
  commandLine: string[];
  /** Where those words are written (the entrypoint's, then the command's) with that text: what an edit of a flag changes. */
  commandSources?: { file: string; span: Span; text: string }[];
  /**
   * The base image the server runs on (the Dockerfile's last stage followed through stage names
   * to its FROM, else compose's `image:`), and where it is named: a Node.js or Python version.
   */
  baseImage?: { name: string; at?: { file: string; span: Span } };
}

/** A deployment service's image, where it is written. */
export interface DeployedImage {
  /** The compose service name. */
  service: string;
  image: string;
  /** `compose service php in docker-compose.yml` */
  description: string;
  path: string;
  span: Span;
}

/** A kind with its own file types hidden, as registries and the workspace hold it. */
export type AnyBackendKind = BackendKind<BackendFile, CompanionFile>;

/** Registers a kind with its own file types; the casts are safe as the workspace feeds each kind only its own parses. */
export function defineBackendKind<F extends BackendFile, C extends CompanionFile>(kind: BackendKind<F, C>): AnyBackendKind {
  return kind as unknown as AnyBackendKind;
}

/** `Tomcat connector` (several kinds: `Tomcat connector or Toy listener`). */
export function endpointWords(kinds: readonly BackendWords[]): string {
  return httpKinds(kinds)
    .map((k) => `${k.serverName} ${k.endpointNoun}`)
    .join(' or ');
}
