// What a Maven or Gradle build file says about a Spring Boot application: whether it serves HTTP,
// on which embedded server (the starters it depends on and the Tomcat it excludes), and which
// Spring Boot version (the parent, the plugin or the BOM). Read from the text with offsets: the
// build never runs, and a value the build computes is simply not known.
import type { Span } from '../../types';

export type EmbeddedServer = 'tomcat' | 'jetty' | 'undertow' | 'netty';

export interface SpringBuild {
  /** The embedded server the starters bring, or undefined when the file builds no Spring web application. */
  server?: EmbeddedServer;
  /** The dependency that brings the server in: what a default underlines. */
  serverSpan?: Span;
  /** `3.2.1` as written; undefined when the file does not say (or says it through a value the build computes). */
  bootVersion?: string;
  /** Where the version is written. */
  versionSpan?: Span;
}

/** The starters that choose the server, strongest first: an explicit server starter beats what web brings. */
const serverStarters: [RegExp, EmbeddedServer][] = [
  [/^spring-boot-starter-jetty$/, 'jetty'],
  [/^spring-boot-starter-undertow$/, 'undertow'],
  [/^spring-boot-starter-tomcat$/, 'tomcat'],
  [/^spring-boot-starter-reactor-netty$/, 'netty'],
];
/** `web` (Spring Boot 4 also `webmvc`) brings Tomcat; `webflux` Reactor Netty. */
const webStarters: [RegExp, EmbeddedServer][] = [
  [/^spring-boot-starter-web(?:mvc)?$/, 'tomcat'],
  [/^spring-boot-starter-webflux$/, 'netty'],
];

interface Dependency {
  artifact: string;
  span: Span;
  /** Artifacts excluded from it. */
  excludes: string[];
}

/** Reads a pom.xml, build.gradle or build.gradle.kts. */
export function readSpringBuild(file: string, text: string): SpringBuild {
  if (!text.includes('spring-boot')) return {};
  const gradle = /\.gradle(?:\.kts)?$/.test(file);
  text = gradle ? blankCodeComments(text) : blankXmlComments(text); // offsets kept: comments become spaces
  const dependencies = gradle ? gradleDependencies(text) : mavenDependencies(text);
  const excluded = new Set(dependencies.flatMap((d) => d.excludes));
  if (gradle)
    for (const m of text.matchAll(
      /exclude\s*\(?\s*(?:group\s*[:=]\s*["']org\.springframework\.boot["']\s*,\s*)?module\s*[:=]\s*["']([\w.-]+)["']/g,
    ))
      excluded.add(m[1]);
  const build: SpringBuild = { ...(gradle ? gradleVersion(text) : mavenVersion(text)) };
  const choose = (table: [RegExp, EmbeddedServer][]) => {
    for (const [pattern, server] of table) {
      const dependency = dependencies.find((d) => pattern.test(d.artifact));
      if (!dependency) continue;
      // web without its Tomcat (excluded) and no other server starter serves nothing we can read.
      if (server === 'tomcat' && pattern.source.includes('web') && excluded.has('spring-boot-starter-tomcat')) continue;
      return { server, serverSpan: dependency.span };
    }
    return undefined;
  };
  const chosen = choose(serverStarters) ?? choose(webStarters);
  return chosen ? { ...build, ...chosen } : build;
}

function mavenDependencies(text: string): Dependency[] {
  const result: Dependency[] = [];
  for (const block of text.matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)) {
    const body = block[1];
    const bodyStart = block.index! + '<dependency>'.length;
    const exclusions = /<exclusions>[\s\S]*?<\/exclusions>/.exec(body);
    const outside = exclusions
      ? body.slice(0, exclusions.index) + ' '.repeat(exclusions[0].length) + body.slice(exclusions.index + exclusions[0].length)
      : body;
    const artifact = /<artifactId>\s*([\w.-]+)\s*<\/artifactId>/.exec(outside);
    if (!artifact) continue;
    const start = bodyStart + artifact.index + artifact[0].indexOf(artifact[1]);
    const excludes = exclusions ? [...exclusions[0].matchAll(/<artifactId>\s*([\w.-]+)\s*<\/artifactId>/g)].map((m) => m[1]) : [];
    result.push({ artifact: artifact[1], span: { start, end: start + artifact[1].length }, excludes });
  }
  return result;
}

function gradleDependencies(text: string): Dependency[] {
  const result: Dependency[] = [];
  // implementation 'org.springframework.boot:spring-boot-starter-web' or ("...:...:version")
  for (const m of text.matchAll(/["']org\.springframework\.boot:([\w.-]+)(?::[^"']*)?["']/g)) {
    const start = m.index! + m[0].indexOf(m[1]);
    // A block after the dependency may exclude modules from it: `{ exclude module: '...' }`.
    const after = /^\s*\)?\s*\{([^}]*)\}/.exec(text.slice(m.index! + m[0].length));
    const excludes = after ? [...after[1].matchAll(/module\s*[:=]\s*["']([\w.-]+)["']/g)].map((e) => e[1]) : [];
    result.push({ artifact: m[1], span: { start, end: start + m[1].length }, excludes });
  }
  return result;
}

function mavenVersion(text: string): Pick<SpringBuild, 'bootVersion' | 'versionSpan'> {
  const properties = mavenProperties(text);
  // <parent> spring-boot-starter-parent, a spring-boot-dependencies BOM, or the plugin's version.
  for (const artifact of ['spring-boot-starter-parent', 'spring-boot-dependencies', 'spring-boot-maven-plugin']) {
    const m = new RegExp(
      `<artifactId>\\s*${artifact}\\s*</artifactId>\\s*(?:<[^>]+>[^<]*</[^>]+>\\s*)*?<version>\\s*([^<\\s]+)\\s*</version>`,
    ).exec(text);
    if (!m) continue;
    const start = m.index + m[0].lastIndexOf(m[1]);
    const reference = /^\$\{([\w.-]+)\}$/.exec(m[1]);
    if (!reference) return { bootVersion: m[1], versionSpan: { start, end: start + m[1].length } };
    const property = properties.get(reference[1]);
    if (property) return { bootVersion: property.value, versionSpan: property.span };
  }
  const property = properties.get('spring-boot.version') ?? properties.get('springboot.version');
  return property ? { bootVersion: property.value, versionSpan: property.span } : {};
}

function mavenProperties(text: string): Map<string, { value: string; span: Span }> {
  const result = new Map<string, { value: string; span: Span }>();
  const block = /<properties>([\s\S]*?)<\/properties>/.exec(text);
  if (!block) return result;
  const offset = block.index + '<properties>'.length;
  for (const m of block[1].matchAll(/<([\w.-]+)>\s*([^<\s]+)\s*<\/\1>/g)) {
    const start = offset + m.index! + m[0].indexOf('>') + 1 + m[0].slice(m[0].indexOf('>') + 1).indexOf(m[2]);
    result.set(m[1], { value: m[2], span: { start, end: start + m[2].length } });
  }
  return result;
}

function gradleVersion(text: string): Pick<SpringBuild, 'bootVersion' | 'versionSpan'> {
  const patterns = [
    /id\s*\(?\s*["']org\.springframework\.boot["']\s*\)?\s*version\s*["']([\w.-]+)["']/, // plugins { id 'org.springframework.boot' version '3.2.1' }
    /["']org\.springframework\.boot:spring-boot-(?:dependencies|gradle-plugin):([\w.-]+)["']/, // a BOM or the buildscript classpath
    /springBootVersion\s*=\s*["']([\w.-]+)["']/, // ext { springBootVersion = '2.7.18' }
  ];
  for (const pattern of patterns) {
    const m = pattern.exec(text);
    if (!m || /^\$/.test(m[1])) continue;
    const start = m.index + m[0].lastIndexOf(m[1]);
    return { bootVersion: m[1], versionSpan: { start, end: start + m[1].length } };
  }
  return {};
}

/** XML comments as spaces, so that a commented-out dependency counts for nothing. */
function blankXmlComments(text: string): string {
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, (c) => c.replace(/[^\n]/g, ' '));
}

/** Groovy and Kotlin comments as spaces (a `//` inside a string is left: URLs in repositories { }). */
function blankCodeComments(text: string): string {
  return text.replace(
    /\/\*[\s\S]*?(?:\*\/|$)|(^|[^:"'])\/\/[^\n]*/gm,
    (c, before: string | undefined) => (before ?? '') + c.slice((before ?? '').length).replace(/[^\n]/g, ' '),
  );
}
