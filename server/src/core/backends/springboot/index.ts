// The Spring Boot backend kind: a Maven or Gradle build that brings an embedded web server, with
// the application.properties / application.yml files beside it (and the profile files its active
// profiles name) and the Java or Kotlin sources that set Tomcat's timeouts; one endpoint per
// application.
import * as path from 'node:path';
import { LineIndex } from '../../text';
import { defineBackendKind } from '../kind';
import { springBootNames } from './names';
import { readSpringBuild } from './build';
import { parseSpringConfig, type SpringConfigFile } from './config';
import { mayHoldTomcatTimeouts, readCode, type CodeFile } from './code';
import { applicationEndpoints, type SpringBuildFile } from './application';
import { resolveProperties } from './resolve';
import { assumedBootVersion } from './defaults';
import { runtimeSources } from './runtime';

/** A file an application reads besides its build: a config file or a source file. */
export type SpringCompanion = (SpringConfigFile & { role: 'config' }) | (CodeFile & { role: 'code'; lines: LineIndex });

const isSource = (file: string) => /\.(?:java|kt)$/.test(file);
/** Where Maven and Gradle keep an application's own sources. */
const sourceFolders = [path.join('src', 'main', 'java'), path.join('src', 'main', 'kotlin')];

export const springBootKind = defineBackendKind<SpringBuildFile, SpringCompanion>({
  id: 'springboot',
  serverName: 'Spring Boot',
  endpointNoun: 'application',
  fileName: 'Spring Boot build file',
  filesNoun: 'Spring Boot application',
  ...springBootNames,
  companionTextTest: (file, text) => !isSource(file) || mayHoldTomcatTimeouts(text),
  syntaxCheck: 'spring-config',
  parse: (file, text) => ({ path: file, text, lines: new LineIndex(text), problems: [], build: readSpringBuild(file, text) }),
  serves: (file) => file.build.server !== undefined,
  companions: (file, read, registeredUnder, runtime) => {
    if (!file.build.server) return [];
    const appDir = path.dirname(file.path);
    const config = (p: string) => {
      const parsed = read(p);
      return parsed?.role === 'config' ? parsed : undefined;
    };
    const { consulted } = resolveProperties(appDir, config, runtimeSources(runtime), file.build.bootVersion ?? assumedBootVersion);
    const sources = sourceFolders.flatMap((folder) => registeredUnder(path.join(appDir, folder)).filter(isSource));
    return [...new Set(consulted), ...sources];
  },
  parseCompanion: (file, text) =>
    isSource(file)
      ? { ...readCode(file, text), role: 'code', lines: new LineIndex(text) }
      : { ...parseSpringConfig(file, text), role: 'config' },
  endpoints: (file, companions, rootDir, problems, runtime) => {
    const configs = new Map<string, SpringConfigFile>();
    const code: (CodeFile & { lines: LineIndex })[] = [];
    for (const companion of companions) {
      if (companion?.role === 'config') configs.set(companion.path, companion);
      else if (companion?.role === 'code') code.push(companion);
    }
    return applicationEndpoints(file, (config) => configs.get(config), rootDir, problems, runtimeSources(runtime), code);
  },
});
