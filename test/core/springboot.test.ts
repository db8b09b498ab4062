// Spring Boot applications behind nginx: the race found on both sides, the raise written in the
// winning file's own syntax (the file still parses, the race is gone), and the readers' edges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { abs, analyzeFiles, root } from '../support/memoryWorkspace';
import { assertRaceGone, raise, reusingNginx } from '../support/raceFixes';
import { parseSpringDuration } from '../../server/src/core/backends/springboot/defaults';
import { profileMatches } from '../../server/src/core/backends/springboot/resolve';
import { parseProperties } from '../../server/src/core/backends/javaProperties';

const nginx = reusingNginx('app:8080');
const pom = `<project>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>3.2.4</version>
  </parent>
  <dependencies>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-web</artifactId>
    </dependency>
  </dependencies>
</project>
`;
const resources = 'app/src/main/resources';

function assertYamlParses(text: string): void {
  for (const document of parseAllDocuments(text)) assert.deepEqual(document.errors, []);
}

test('a 5s connection-timeout in application.yml races nginx on both sides, each pointing at the other', () => {
  const files = {
    'nginx/nginx.conf': nginx,
    'app/pom.xml': pom,
    [`${resources}/application.yml`]: 'server:\n  tomcat:\n    connection-timeout: 5s\n',
  };
  const { findings, analysis } = analyzeFiles(files);
  assert.equal(analysis.links.length, 1);
  const races = findings.filter((f) => f.code === 'keepalive-race');
  assert.deepEqual(races.map((f) => path.relative(root, f.location.file)).sort(), [`${resources}/application.yml`, 'nginx/nginx.conf']);
  const springSide = races.find((f) => f.location.file === abs(`${resources}/application.yml`))!;
  const underlined = springSide.location.range;
  assert.deepEqual(
    [underlined.start, underlined.end],
    [
      { line: 2, character: 24 },
      { line: 2, character: 26 },
    ],
    'the 5s is underlined',
  );
  assert.ok(springSide.related.some((r) => r.location.file === abs('nginx/nginx.conf')));
  const nginxSide = races.find((f) => f.location.file === abs('nginx/nginx.conf'))!;
  assert.ok(nginxSide.related.some((r) => r.location.file === abs(`${resources}/application.yml`)));
});

test('the raise adds keep-alive-timeout beside connection-timeout in YAML; the file parses and the race is gone', () => {
  const files = {
    'nginx/nginx.conf': nginx,
    'app/pom.xml': pom,
    [`${resources}/application.yml`]: 'server:\n  tomcat:\n    connection-timeout: 5s # short\n  port: 8080\n',
  };
  const { edited, text, after } = raise(files);
  assert.equal(edited, `${resources}/application.yml`);
  assert.equal(text, 'server:\n  tomcat:\n    connection-timeout: 5s # short\n    keep-alive-timeout: 90s\n  port: 8080\n');
  assertYamlParses(text);
  assertRaceGone(after);
});

test('the raise changes a written keep-alive-timeout in place, a plain number staying milliseconds', () => {
  const files = {
    'nginx/nginx.conf': nginx,
    'app/pom.xml': pom,
    [`${resources}/application.properties`]: 'server.tomcat.keep-alive-timeout=7000\n',
  };
  const { text, after } = raise(files);
  assert.equal(text, 'server.tomcat.keep-alive-timeout=90000\n');
  assertRaceGone(after);
});

test('with only a default deciding, the raise goes under the server: map of application.yml', () => {
  const files = {
    'nginx/nginx.conf': nginx.replace('keepalive 16;', 'keepalive 16;\n        keepalive_timeout 75s;'),
    'app/pom.xml': pom,
    [`${resources}/application.yml`]: 'spring:\n  application:\n    name: shop\nserver:\n  port: 8080\n',
  };
  const { text, after } = raise(files);
  assert.equal(text, 'spring:\n  application:\n    name: shop\nserver:\n  port: 8080\n  tomcat.keep-alive-timeout: 113s\n');
  assertYamlParses(text);
  assertRaceGone(after);
});

test('a properties file gets the key at the end of its unconditional document, before a #--- document', () => {
  const files = {
    'nginx/nginx.conf': nginx.replace('keepalive 16;', 'keepalive 16;\n        keepalive_timeout 75s;'),
    'app/pom.xml': pom,
    [`${resources}/application.properties`]: 'server.port=8080\n#---\nspring.config.activate.on-profile=dev\nserver.port=8081\n',
  };
  const { text, after } = raise(files);
  assert.equal(
    text,
    'server.port=8080\nserver.tomcat.keep-alive-timeout=113s\n#---\nspring.config.activate.on-profile=dev\nserver.port=8081\n',
  );
  assertRaceGone(after);
});

test('Spring Boot 2.4 has no keep-alive-timeout: the raise sets connection-timeout', () => {
  const files = {
    'nginx/nginx.conf': nginx,
    'app/pom.xml': pom.replace('3.2.4', '2.4.13'),
    [`${resources}/application.properties`]: 'server.tomcat.connection-timeout=5s\n',
  };
  const { text, after } = raise(files);
  assert.equal(text, 'server.tomcat.connection-timeout=90s\n');
  assertRaceGone(after);
});

test('nothing set anywhere: Tomcat 60s against nginx 60s, a tie, races', () => {
  const { findings } = analyzeFiles({ 'nginx/nginx.conf': nginx, 'app/pom.xml': pom });
  const races = findings.filter((f) => f.code === 'keepalive-race');
  assert.equal(races.length, 2, JSON.stringify(findings.map((f) => f.message)));
  const springSide = races.find((f) => f.location.file === abs('app/pom.xml'))!;
  assert.ok(springSide, 'the starter dependency is underlined');
});

test('Spring durations: units, ISO-8601, and what Spring refuses', () => {
  assert.equal(parseSpringDuration('75'), 75);
  assert.equal(parseSpringDuration('90s'), 90_000);
  assert.equal(parseSpringDuration('2M'), 120_000);
  assert.equal(parseSpringDuration('500ms'), 500);
  assert.equal(parseSpringDuration('PT0.5S'), 500);
  assert.equal(parseSpringDuration('pt1m'), 60_000);
  assert.equal(parseSpringDuration('-1'), -1);
  assert.equal(parseSpringDuration('1m30s'), undefined);
  assert.equal(parseSpringDuration('1.5s'), undefined);
  assert.equal(parseSpringDuration('5x'), undefined);
  assert.equal(parseSpringDuration('PT'), undefined);
});

test('profile expressions: names, negation, and, or, parentheses, lists', () => {
  assert.equal(profileMatches('prod', ['prod']), true);
  assert.equal(profileMatches('!dev', ['prod']), true);
  assert.equal(profileMatches('prod & cloud', ['prod']), false);
  assert.equal(profileMatches('prod & (cloud | k8s)', ['prod', 'k8s']), true);
  assert.equal(profileMatches('dev, prod', ['prod']), true);
});

test('Java properties keep a key written twice at its last value', () => {
  assert.equal(parseProperties('a', 'x=1\nx=2\n').entries.get('x')?.value, '2');
});

const java = 'app/src/main/java/com/example/TomcatConfig.java';
const customizer = (argument: string) =>
  `package com.example;\n\nimport org.springframework.boot.web.embedded.tomcat.TomcatConnectorCustomizer;\n\n@Configuration\nclass TomcatConfig {\n    @Bean\n    TomcatConnectorCustomizer timeouts() {\n        return connector -> connector.setProperty("connectionTimeout", ${argument});\n    }\n}\n`;

test('the incident: connectionTimeout 7000 set in code races; the raise rewrites the literal, quotes kept', () => {
  const files = { 'nginx/nginx.conf': nginx, 'app/pom.xml': pom, [java]: customizer('"7000"') };
  const { edited, text, after } = raise(files);
  assert.equal(edited, java);
  assert.equal(text, customizer('"90000"'));
  assertRaceGone(after);
});

/** Brackets of Java or Kotlin code pair up, outside strings, characters and comments (what a compiler checks first). */
function assertBracketsBalanced(code: string): void {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const skip = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\/\/[^\n]*|\/\*[\s\S]*?\*\//y;
  for (let i = 0; i < code.length; i++) {
    skip.lastIndex = i;
    const skipped = skip.exec(code);
    if (skipped) {
      i += skipped[0].length - 1;
      continue;
    }
    const c = code[i];
    if ('([{'.includes(c)) stack.push(c);
    else if (c in pairs) assert.equal(stack.pop(), pairs[c], `unbalanced ${c} at ${i}`);
  }
  assert.deepEqual(stack, [], 'every bracket closed');
}

test('the raise rewrites the constant a Java setter reads, only its digits; the code still pairs its brackets', () => {
  const code = `package com.example;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

@Configuration
class TomcatConfig {
    private static final int IDLE_MS = 7_000; // "idle" (ms)

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> idle() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            ((AbstractHttp11Protocol<?>) connector.getProtocolHandler()).setKeepAliveTimeout(IDLE_MS);
        });
    }
}
`;
  const files = { 'nginx/nginx.conf': nginx, 'app/pom.xml': pom, [java]: code };
  const { edited, text, after } = raise(files);
  assert.equal(edited, java);
  assert.equal(text, code.replace('IDLE_MS = 7_000;', 'IDLE_MS = 90000;'));
  assertBracketsBalanced(text);
  assertRaceGone(after);
});

test('the raise replaces a Kotlin product of literals by its value; the code still pairs its brackets', () => {
  const kotlin = 'app/src/main/kotlin/com/example/TomcatConfig.kt';
  const code = `package com.example

import org.apache.coyote.http11.AbstractHttp11Protocol
import org.springframework.boot.web.embedded.tomcat.TomcatConnectorCustomizer

@Configuration
class TomcatConfig {
    @Bean
    fun idle() = TomcatConnectorCustomizer { connector ->
        (connector.protocolHandler as AbstractHttp11Protocol<*>).keepAliveTimeout = 7 * 1000
    }
}
`;
  const files = { 'nginx/nginx.conf': nginx, 'app/pom.xml': pom, [kotlin]: code };
  const { edited, text, after } = raise(files);
  assert.equal(edited, kotlin);
  assert.equal(text, code.replace('7 * 1000', '90000'));
  assertBracketsBalanced(text);
  assertRaceGone(after);
});

test('the bracket check itself refuses what a compiler would', () => {
  assert.throws(() => assertBracketsBalanced('class A { void f() { g(); }'));
  assert.throws(() => assertBracketsBalanced('class A { int[] a = new int[2); }'));
  assertBracketsBalanced('class A { String s = "}"; char c = \'{\'; /* ( */ // [\n }');
});

test('a timeout the code computes: an information finding on the call, no race claimed', () => {
  const files = { 'nginx/nginx.conf': nginx, 'app/pom.xml': pom, [java]: customizer('System.getenv("KA")') };
  const { findings } = analyzeFiles(files);
  assert.deepEqual(
    findings.filter((f) => f.location.file === abs(java)).map((f) => [f.code, f.severity, f.message.split(':')[0]]),
    [['spring-config', 'info', "Tomcat's connectionTimeout is set in code, value not known here"]],
  );
  assert.deepEqual(
    findings.filter((f) => f.code === 'keepalive-race'),
    [],
  );
});

test('compose: the service building the application sets its profile and timeout; the race sits on the environment line', () => {
  const files = {
    'nginx/nginx.conf': nginx,
    'docker-compose.yml':
      'services:\n  proxy:\n    image: nginx:1.29.7\n    volumes: ["./nginx/nginx.conf:/etc/nginx/nginx.conf:ro"]\n  app:\n    build: ./app\n    environment:\n      SPRING_PROFILES_ACTIVE: prod\n      SERVER_TOMCAT_KEEPALIVETIMEOUT: 5s\n',
    'app/Dockerfile': 'FROM eclipse-temurin:21\nCOPY target/app.jar /app.jar\nENTRYPOINT ["java", "-jar", "/app.jar"]\n',
    'app/pom.xml': pom,
    [`${resources}/application.yml`]: 'server:\n  tomcat:\n    keep-alive-timeout: 90s\n',
    [`${resources}/application-prod.yml`]: 'server:\n  port: 8080\n',
  };
  const { findings, analysis } = analyzeFiles(files);
  assert.equal(analysis.links.length, 1);
  assert.equal(analysis.links[0].via, 'service');
  const endpoint = analysis.endpoints.find((e) => e.kind === 'springboot')!;
  assert.equal(endpoint.idle.ms, 5000);
  assert.equal(endpoint.idle.origin, 'environment');
  assert.match(endpoint.idle.description, /environment of compose service app/);
  const springSide = findings.find((f) => f.code === 'keepalive-race' && f.location.file === abs('docker-compose.yml'));
  assert.ok(springSide, JSON.stringify(findings.map((f) => [f.code, path.relative(root, f.location.file)])));
  assert.equal(springSide.location.range.start.line, 8, 'the SERVER_TOMCAT_KEEPALIVETIMEOUT line');
});

test('compose: JAVA_TOOL_OPTIONS -D beats the environment; a --server.port argument beats both', () => {
  const files = {
    'nginx/nginx.conf': nginx.replace('server app:8080;', 'server app:9000;'),
    'docker-compose.yml':
      'services:\n  app:\n    build: ./app\n    command: ["--server.port=9000"]\n    environment:\n      - SERVER_PORT=8081\n      - JAVA_TOOL_OPTIONS=-Xmx512m -Dserver.tomcat.connection-timeout=3s\n      - SERVER_TOMCAT_CONNECTION_TIMEOUT=20s\n',
    'app/Dockerfile': 'FROM eclipse-temurin:21\nENV SERVER_PORT=7000\nENTRYPOINT ["java", "-jar", "/app.jar"]\n',
    'app/pom.xml': pom,
  };
  const { analysis } = analyzeFiles(files);
  const endpoint = analysis.endpoints.find((e) => e.kind === 'springboot')!;
  assert.equal(endpoint.port, 9000);
  assert.equal(endpoint.idle.ms, 3000);
  assert.match(endpoint.idle.description, /system property of compose service app/);
  assert.equal(analysis.links.length, 1);
});

test('compose: the raise rewrites the environment value in docker-compose.yml, and the race is gone', () => {
  const compose = (value: string) =>
    `services:\n  app:\n    build: ./app\n    environment:\n      SERVER_TOMCAT_KEEPALIVETIMEOUT: ${value}\n      OTHER: "x"\n`;
  const files = { 'nginx/nginx.conf': nginx, 'docker-compose.yml': compose('"5s"'), 'app/pom.xml': pom };
  const { edited, text, after } = raise(files);
  assert.equal(edited, 'docker-compose.yml');
  assert.equal(text, compose('"90s"'));
  assertYamlParses(text);
  assertRaceGone(after);
});

test('nothing set and no config file: the raise creates application.properties, and the race is gone', () => {
  const files = { 'nginx/nginx.conf': nginx, 'app/pom.xml': pom };
  const { findings } = analyzeFiles(files);
  const springSide = findings.find((f) => f.code === 'keepalive-race' && f.location.file === abs('app/pom.xml'))!;
  const fix = springSide.fixes.find((f) => f.isPreferred)!;
  const created = `${resources}/application.properties`;
  assert.deepEqual(fix.createsFiles, [abs(created)]);
  assert.deepEqual(
    fix.edits.map((e) => [path.relative(root, e.file), e.newText]),
    [[created, 'server.tomcat.keep-alive-timeout=90s\n']],
  );
  assertRaceGone({ ...files, [created]: fix.edits[0].newText });
});

test('compose: SPRING_APPLICATION_JSON beats system properties; JAVA_OPTS counts only where the command expands it', () => {
  const app = (environment: string, entrypoint: string) => ({
    'nginx/nginx.conf': nginx,
    'docker-compose.yml': `services:\n  app:\n    build: ./app\n    entrypoint: ${entrypoint}\n    environment:\n${environment}`,
    'app/pom.xml': pom,
  });
  const idleOf = (files: Record<string, string>) => analyzeFiles(files).analysis.endpoints.find((e) => e.kind === 'springboot')!.idle;
  const json = idleOf(
    app(
      `      SPRING_APPLICATION_JSON: '{"server":{"tomcat":{"connection-timeout":"4s"}}}'\n      JAVA_TOOL_OPTIONS: -Dserver.tomcat.connection-timeout=9s\n`,
      '["java", "-jar", "/app.jar"]',
    ),
  );
  assert.deepEqual(
    [json.ms, json.description],
    [4000, 'server.tomcat.connection-timeout (SPRING_APPLICATION_JSON of compose service app in docker-compose.yml)'],
  );
  // Compose interpolates `$VAR` itself: a shell sees `$JAVA_OPTS` where the file writes `$$JAVA_OPTS`.
  const expanded = idleOf(
    app('      JAVA_OPTS: -Dserver.tomcat.connection-timeout=3s\n', '["sh", "-c", "java $$JAVA_OPTS -jar /app.jar"]'),
  );
  assert.equal(expanded.ms, 3000);
  const notExpanded = idleOf(app('      JAVA_OPTS: -Dserver.tomcat.connection-timeout=3s\n', '["java", "-jar", "/app.jar"]'));
  assert.deepEqual([notExpanded.ms, notExpanded.origin], [60_000, 'default']);
});

test('compose: a profile only SPRING_PROFILES_ACTIVE activates still brings its profile file', () => {
  const files = {
    'nginx/nginx.conf': nginx,
    'docker-compose.yml': 'services:\n  app:\n    build: ./app\n    environment:\n      SPRING_PROFILES_ACTIVE: prod\n',
    'app/pom.xml': pom,
    [`${resources}/application.yml`]: 'server.tomcat.keep-alive-timeout: 90s\n',
    [`${resources}/application-prod.yml`]: 'server.tomcat.keep-alive-timeout: 30s\n',
  };
  const idle = analyzeFiles(files).analysis.endpoints.find((e) => e.kind === 'springboot')!.idle;
  assert.deepEqual([idle.ms, idle.origin, path.relative(root, idle.path)], [30_000, 'profile', `${resources}/application-prod.yml`]);
});

test('compose: env_file variables, under environment:, reach the application; the raise edits the env file', () => {
  const envFile = (value: string) =>
    `# the application's settings\nSPRING_PROFILES_ACTIVE=prod\nSERVER_TOMCAT_KEEPALIVETIMEOUT=${value}\nSERVER_PORT=7000\n`;
  const files = {
    'nginx/nginx.conf': nginx,
    'docker-compose.yml': 'services:\n  app:\n    build: ./app\n    env_file: [./app.env]\n    environment:\n      SERVER_PORT: 8080\n',
    'app.env': envFile('5s'),
    'app/pom.xml': pom,
    [`${resources}/application-prod.yml`]: 'server.tomcat.connection-timeout: 20s\n',
  };
  const { analysis } = analyzeFiles(files);
  const endpoint = analysis.endpoints.find((e) => e.kind === 'springboot')!;
  assert.equal(endpoint.port, 8080, 'environment: wins over env_file');
  assert.deepEqual([endpoint.idle.ms, endpoint.idle.origin, path.relative(root, endpoint.idle.path)], [5000, 'environment', 'app.env']);
  const { edited, text, after } = raise(files);
  assert.equal(edited, 'app.env');
  assert.equal(text, envFile('90s'));
  assertRaceGone(after);
});

test('an explicit link naming the application folder reaches it though no port matches', () => {
  const files = {
    'nginx/nginx.conf': nginx.replace('server app:8080;', 'server shop.internal:80;'),
    'shop/pom.xml': pom,
    'shop/src/main/resources/application.properties': 'server.tomcat.connection-timeout=5s\n',
    'timeout-chain.json': JSON.stringify({ links: [{ upstream: 'app', server: 'shop.internal:80', backend: 'shop' }] }),
  };
  const { analysis, findings } = analyzeFiles(files);
  assert.deepEqual(
    analysis.links.map((l) => [l.via, path.relative(root, l.endpoint.file.path)]),
    [['setting', 'shop/pom.xml']],
  );
  const races = findings.filter((f) => f.code === 'keepalive-race');
  assert.deepEqual(races.map((f) => path.relative(root, f.location.file)).sort(), [
    'nginx/nginx.conf',
    'shop/src/main/resources/application.properties',
  ]);
  assert.deepEqual(
    findings.filter((f) => f.code === 'settings'),
    [],
  );
});
