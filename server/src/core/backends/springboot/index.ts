// The Spring Boot backend kind: a Maven or Gradle build that brings an embedded web server, with
// the application.properties / application.yml files beside it (and the profile files its active
// profiles name); one endpoint per application.
import * as path from 'node:path';
import { LineIndex } from '../../text';
import { defineBackendKind } from '../kind';
import { readSpringBuild } from './build';
import { parseSpringConfig, type SpringConfigFile } from './config';
import { applicationEndpoints, type SpringBuildFile } from './application';
import { baseConfigPaths, profileConfigPaths, resolveProperties } from './resolve';
import { assumedBootVersion } from './defaults';

export const springBootKind = defineBackendKind<SpringBuildFile, SpringConfigFile>({
  id: 'springboot',
  serverName: 'Spring Boot',
  endpointNoun: 'application',
  fileName: 'Spring Boot build (pom.xml, build.gradle)',
  filesNoun: 'Spring Boot application',
  fileNames: ['pom.xml', 'build.gradle', 'build.gradle.kts'],
  companionNames: [
    'application.properties',
    'application.yml',
    'application.yaml',
    'application-*.properties',
    'application-*.yml',
    'application-*.yaml',
  ],
  syntaxCheck: 'spring-config',
  parse: (file, text) => ({ path: file, text, lines: new LineIndex(text), problems: [], build: readSpringBuild(file, text) }),
  serves: (file) => file.build.server !== undefined,
  companions: (file, read) => {
    if (!file.build.server) return [];
    const appDir = path.dirname(file.path);
    const bases = baseConfigPaths(appDir);
    const { activeProfiles } = resolveProperties(appDir, read, {}, file.build.bootVersion ?? assumedBootVersion);
    return [...bases, ...profileConfigPaths(appDir, activeProfiles).map((p) => p.path)];
  },
  parseCompanion: parseSpringConfig,
  endpoints: (file, companions, rootDir, problems) => {
    const byPath = new Map(companions.filter((c) => c !== undefined).map((c) => [c.path, c]));
    return applicationEndpoints(file, (config) => byPath.get(config), rootDir, problems);
  },
});
