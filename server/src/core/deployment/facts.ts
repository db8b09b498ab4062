// What deployment files (docker-compose, Dockerfiles) say about how the servers are wired: which
// names reach which service, on which ports, with which files mounted and which environment.
// Readers fill these; the linker maps upstream addresses through them; backends may later read
// their command lines and environment from here. Paths are absolute, as the readers resolve them.
// Facts the readers make say where they were written (`at`); hand-built facts may leave it out.
import type { Location } from '../types';

/** `ports:` entry: the host's `published` port reaches the container's `target` port. */
export interface PortMapping {
  /** Absent when compose picks a free host port. */
  published?: number;
  target: number;
  protocol: 'tcp' | 'udp';
  /** The host address it binds (`127.0.0.1:8081:8080`); absent: every address. */
  hostIp?: string;
  /** `8000-8010:80`: compose publishes the target on one free host port of this range. */
  publishedRange?: { start: number; end: number };
  at?: Location;
}

/** A bind mount or named volume placing `source` at `target` in the container. */
export interface Mount {
  /** An absolute path in the workspace for a bind mount; the volume's name otherwise. */
  source: string;
  target: string;
  kind: 'bind' | 'volume';
  readOnly: boolean;
  at?: Location;
}

/** A Dockerfile's instructions that matter to wiring: where files go and what runs. */
export interface DockerfileFacts {
  path: string;
  /** Every FROM image, in order (the last one is what runs). */
  from: string[];
  env: Record<string, string>;
  cmd?: string[];
  entrypoint?: string[];
  workdir?: string;
  /**
   * COPY and ADD: workspace sources (absolute) placed at a container path (absolute, WORKDIR
   * applied). Copies `--from` another stage or image and ADD of URLs are not workspace files.
   */
  copies: { instruction: 'COPY' | 'ADD'; sources: string[]; target: string; stage?: number; at?: Location }[];
  expose: number[];
  /** The build stages, in order: each FROM with its image (ARGs substituted), name and platform. */
  stages?: { image: string; name?: string; platform?: string; at?: Location }[];
  /** ARG defaults (and build args given), as the last stage sees them. */
  args?: Record<string, string>;
  /** Where CMD, ENTRYPOINT, WORKDIR, EXPOSE and ENV were written (the last of each). */
  at?: { cmd?: Location; entrypoint?: Location; workdir?: Location; expose?: Location[]; env?: Record<string, Location> };
}

export interface DeploymentService {
  /** The compose service name, which reaches it on its networks. */
  name: string;
  /** Network aliases: further names that reach it. */
  aliases: string[];
  containerName?: string;
  hostname?: string;
  image?: string;
  ports: PortMapping[];
  /** `expose:` ports, reachable from other services only. */
  expose: number[];
  mounts: Mount[];
  environment: Record<string, string>;
  /** `env_file:` paths, absolute. */
  envFiles: string[];
  command?: string[];
  entrypoint?: string[];
  workingDir?: string;
  /** `network_mode: host`: its `localhost` is the host's. */
  hostNetwork: boolean;
  build?: { context: string; dockerfile?: DockerfileFacts; dockerfilePath?: string; args?: Record<string, string> };
  /** The nginx version its image implies (`nginx:1.25.3-alpine`: 1.25.3); see nginxVersionOfImage. */
  nginxVersion?: string;
  /** The file declaring it. */
  declaredIn: string;
  /** The deployment it belongs to: its compose files, joined by ` + ` (`docker-compose.yml + docker-compose.override.yml`). */
  deployment?: string;
  /** Where each fact was written, in whichever merged file set it last. */
  at?: ServiceLocations;
}

export interface ServiceLocations {
  /** The service's key under `services:`. */
  service: Location;
  containerName?: Location;
  hostname?: Location;
  image?: Location;
  aliases?: Location[];
  expose?: Location[];
  environment?: Record<string, Location>;
  envFiles?: Location[];
  command?: Location;
  entrypoint?: Location;
  workingDir?: Location;
  networkMode?: Location;
  build?: Location;
}

export interface DeploymentFacts {
  services: DeploymentService[];
  /** The service nginx runs in, when known: its network decides what `localhost` reaches. */
  proxyService?: string;
}

/** What the linker is given when no deployment file is read. */
export const noDeploymentFacts: DeploymentFacts = { services: [] };
