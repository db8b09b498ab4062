// What each Spring Boot application makes as an endpoint: the embedded server its build brings,
// the port and idle timeout its properties give by Spring's precedence, or the server's default.
import type { EndpointCase } from '../cases';
import { serverRules } from './defaults';

const dependency = (artifact: string, exclusions = '') =>
  `    <dependency>\n      <groupId>org.springframework.boot</groupId>\n      <artifactId>${artifact}</artifactId>${exclusions}\n    </dependency>\n`;
const pom = (version: string, ...dependencies: string[]) =>
  `<project>\n  <parent>\n    <groupId>org.springframework.boot</groupId>\n    <artifactId>spring-boot-starter-parent</artifactId>\n    <version>${version}</version>\n  </parent>\n  <dependencies>\n${dependencies.join('')}  </dependencies>\n</project>\n`;
const web = dependency('spring-boot-starter-web');
const withoutTomcat = dependency(
  'spring-boot-starter-web',
  '\n      <exclusions>\n        <exclusion>\n          <groupId>org.springframework.boot</groupId>\n          <artifactId>spring-boot-starter-tomcat</artifactId>\n        </exclusion>\n      </exclusions>',
);
const resources = 'app/src/main/resources';
const java = 'app/src/main/java/com/example/TomcatConfig.java';
const javaClass = (body: string) =>
  `package com.example;\n\nimport org.apache.coyote.http11.AbstractHttp11Protocol;\nimport org.springframework.boot.web.embedded.tomcat.TomcatConnectorCustomizer;\nimport org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;\nimport org.springframework.boot.web.server.WebServerFactoryCustomizer;\n\n@Configuration\npublic class TomcatConfig {\n${body}}\n`;
const tomcatDefault = `Spring Boot 3.2.4, ${serverRules.tomcat.defaultSource}`;

export const cases: EndpointCase[] = [
  {
    name: 'nothing set: Tomcat closes idle connections after its own 60 s, on port 8080, the starter underlined',
    files: { 'app/pom.xml': pom('3.2.4', web) },
    endpoints: [
      {
        label: 'app/pom.xml, Spring Boot Tomcat on port 8080',
        port: 8080,
        protocol: 'http',
        keepsAlive: true,
        idle: 60_000,
        origin: 'default',
        assumed: tomcatDefault,
        underlined: 'spring-boot-starter-web',
      },
    ],
  },
  {
    name: 'a plain number is milliseconds (no @DurationUnit on these properties)',
    files: { 'app/pom.xml': pom('3.2.4', web), [`${resources}/application.properties`]: 'server.tomcat.keep-alive-timeout=75\n' },
    endpoints: [{ idle: 75, origin: 'written', setting: 'server.tomcat.keep-alive-timeout', underlined: '75' }],
  },
  {
    name: 'nested YAML, keep-alive-timeout beating connection-timeout',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      [`${resources}/application.yml`]: 'server:\n  port: 9090\n  tomcat:\n    connection-timeout: 5s\n    keep-alive-timeout: 90s\n',
    },
    endpoints: [{ port: 9090, idle: 90_000, setting: 'server.tomcat.keep-alive-timeout', underlined: '90s' }],
  },
  {
    name: 'connection-timeout decides while keep-alive-timeout is unset',
    files: { 'app/pom.xml': pom('3.2.4', web), [`${resources}/application.yml`]: 'server:\n  tomcat:\n    connection-timeout: 7000\n' },
    endpoints: [{ idle: 7000, setting: 'server.tomcat.connection-timeout', underlined: '7000' }],
  },
  {
    name: 'relaxed binding and ISO-8601: keepAliveTimeout=PT30S',
    files: { 'app/pom.xml': pom('3.2.4', web), [`${resources}/application.properties`]: 'server.tomcat.keepAliveTimeout=PT30S\n' },
    endpoints: [{ idle: 30_000, setting: 'server.tomcat.keep-alive-timeout', underlined: 'PT30S' }],
  },
  {
    name: "the active profile's file beats application.yml",
    files: {
      'app/pom.xml': pom('3.2.4', web),
      [`${resources}/application.yml`]: 'spring:\n  profiles:\n    active: prod\nserver:\n  tomcat:\n    connection-timeout: 20s\n',
      [`${resources}/application-prod.yml`]: 'server:\n  tomcat:\n    connection-timeout: 5s\n',
      [`${resources}/application-dev.yml`]: 'server:\n  tomcat:\n    connection-timeout: 1s\n',
    },
    endpoints: [{ idle: 5000, origin: 'profile', description: 'server.tomcat.connection-timeout (profile prod)', underlined: '5s' }],
  },
  {
    name: 'a YAML document activated by an active profile applies; one of another profile does not',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      [`${resources}/application.yml`]:
        'spring.profiles.active: prod\nserver.tomcat.connection-timeout: 20s\n---\nspring:\n  config:\n    activate:\n      on-profile: prod\nserver.tomcat.connection-timeout: 4s\n---\nspring.config.activate.on-profile: dev\nserver.tomcat.connection-timeout: 1s\n',
    },
    endpoints: [{ idle: 4000, underlined: '4s' }],
  },
  {
    name: 'spring.profiles.include adds a profile below the active ones; a group brings its members after its profile',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      [`${resources}/application.yml`]:
        'spring:\n  profiles:\n    include: common\n    active: prod\n    group:\n      prod: [proddb, tuned]\n',
      [`${resources}/application-common.properties`]: 'server.tomcat.connection-timeout=1s\nserver.port=8181\n',
      [`${resources}/application-prod.properties`]: 'server.tomcat.connection-timeout=2s\n',
      [`${resources}/application-tuned.properties`]: 'server.tomcat.connection-timeout=3s\n',
    },
    endpoints: [{ port: 8181, idle: 3000, origin: 'profile', description: 'server.tomcat.connection-timeout (profile tuned)' }],
  },
  {
    name: 'indexed list properties: spring.profiles.active[0] and a group written spring.profiles.group.prod[1]',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      [`${resources}/application.properties`]:
        'spring.profiles.active[0]=prod\nspring.profiles.group.prod[1]=tuned\nspring.profiles.group.prod[0]=proddb\n',
      [`${resources}/application-proddb.properties`]: 'server.tomcat.connection-timeout=1s\n',
      [`${resources}/application-tuned.properties`]: 'server.tomcat.connection-timeout=3s\n',
    },
    endpoints: [{ idle: 3000, origin: 'profile', description: 'server.tomcat.connection-timeout (profile tuned)' }],
  },
  {
    name: 'spring.profiles.default names the profile taken when none is active',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      [`${resources}/application.properties`]: 'spring.profiles.default=local\n',
      [`${resources}/application-local.properties`]: 'server.tomcat.connection-timeout=4s\n',
      [`${resources}/application-default.properties`]: 'server.tomcat.connection-timeout=9s\n',
    },
    endpoints: [{ idle: 4000 }],
  },
  {
    name: 'no active profile: `default` is, and application-default.properties applies',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      [`${resources}/application-default.properties`]: 'server.tomcat.connection-timeout=3s\n',
    },
    endpoints: [{ idle: 3000, origin: 'profile' }],
  },
  {
    name: '.properties beats .yml in one folder; a file outside the jar beats both',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      [`${resources}/application.yml`]: 'server.tomcat.connection-timeout: 1s\n',
      [`${resources}/application.properties`]: 'server.tomcat.connection-timeout=2s\nserver.port=8181\n',
      'app/config/application.properties': 'server.tomcat.connection-timeout=3s\n',
    },
    endpoints: [{ port: 8181, idle: 3000, underlined: '3s' }],
  },
  {
    name: 'from 2.4 a plain file outside the jar beats a packaged profile file',
    files: {
      'app/pom.xml': pom('2.7.18', web),
      [`${resources}/application-default.properties`]: 'server.tomcat.connection-timeout=1s\n',
      'app/application.properties': 'server.tomcat.connection-timeout=2s\n',
    },
    endpoints: [{ idle: 2000 }],
  },
  {
    name: 'before 2.4 any profile file beat any plain one',
    files: {
      'app/pom.xml': pom('2.3.12.RELEASE', web),
      [`${resources}/application-default.properties`]: 'server.tomcat.connection-timeout=1s\n',
      'app/application.properties': 'server.tomcat.connection-timeout=2s\n',
    },
    endpoints: [{ idle: 1000 }],
  },
  {
    name: 'spring.config.import: an imported file beats the document importing it; a path without prefix is relative to it',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      [`${resources}/application.yml`]:
        'spring:\n  config:\n    import: optional:tomcat.yml\nserver:\n  tomcat:\n    connection-timeout: 20s\n',
      [`${resources}/tomcat.yml`]: 'server:\n  tomcat:\n    connection-timeout: 6s\n',
    },
    endpoints: [{ idle: 6000, setting: 'server.tomcat.connection-timeout', underlined: '6s' }],
  },
  {
    name: 'spring.config.import: a later import beats an earlier one; file: is the working folder; configserver: is not a file',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      [`${resources}/application.yml`]:
        'spring.config.import:\n  - "optional:configserver:"\n  - classpath:first.properties\n  - optional:file:./ops/second.properties\n',
      [`${resources}/first.properties`]: 'server.tomcat.connection-timeout=1s\nserver.port=8181\n',
      'app/ops/second.properties': 'server.tomcat.connection-timeout=2s\n',
    },
    endpoints: [{ port: 8181, idle: 2000, underlined: '2s' }],
  },
  {
    name: 'spring.config.import as an indexed properties list; a profile file still beats the import of application.properties',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      [`${resources}/application.properties`]: 'spring.config.import[0]=classpath:tuning.properties\nspring.profiles.active=prod\n',
      [`${resources}/tuning.properties`]: 'server.tomcat.connection-timeout=3s\nserver.port=8282\n',
      [`${resources}/application-prod.properties`]: 'server.tomcat.connection-timeout=4s\n',
    },
    endpoints: [{ port: 8282, idle: 4000, origin: 'profile' }],
  },
  {
    name: 'spring.config.import: a file is imported once, where it is first declared',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      [`${resources}/application.yml`]: 'spring.config.import: common.yml\nspring.profiles.active: prod\n',
      [`${resources}/application-prod.yml`]: 'spring.config.import: common.yml\nserver.tomcat.connection-timeout: 4s\n',
      [`${resources}/common.yml`]: 'server.tomcat.connection-timeout: 1s\n',
    },
    endpoints: [{ idle: 4000, origin: 'profile' }],
  },
  {
    name: 'before 2.4 spring.config.import means nothing',
    files: {
      'app/pom.xml': pom('2.3.12.RELEASE', web),
      [`${resources}/application.properties`]: 'spring.config.import=classpath:tuning.properties\nserver.tomcat.connection-timeout=9s\n',
      [`${resources}/tuning.properties`]: 'server.tomcat.connection-timeout=3s\n',
    },
    endpoints: [{ idle: 9000 }],
  },
  {
    name: 'SPRING_CONFIG_ADDITIONAL_LOCATION in compose adds a folder above the default locations, its profile files too',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      'docker-compose.yml':
        'services:\n  app:\n    build: ./app\n    environment:\n      SPRING_CONFIG_ADDITIONAL_LOCATION: optional:file:./ops/\n      SPRING_PROFILES_ACTIVE: prod\n',
      [`${resources}/application-prod.properties`]: 'server.tomcat.connection-timeout=1s\n',
      'app/ops/application.properties': 'server.tomcat.connection-timeout=2s\n',
      'app/ops/application-prod.properties': 'server.tomcat.keep-alive-timeout=3s\n',
    },
    endpoints: [{ idle: 3000, origin: 'profile', setting: 'server.tomcat.keep-alive-timeout' }],
  },
  {
    name: 'SPRING_CONFIG_LOCATION replaces the default locations; a container path is not read',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      'docker-compose.yml':
        'services:\n  app:\n    build: ./app\n    environment:\n      SPRING_CONFIG_LOCATION: classpath:/custom/,optional:file:/etc/shop/\n',
      [`${resources}/application.properties`]: 'server.tomcat.connection-timeout=1s\n',
      [`${resources}/custom/application.properties`]: 'server.tomcat.connection-timeout=8s\n',
    },
    endpoints: [{ idle: 8000, underlined: '8s' }],
  },
  {
    name: 'keep-alive-timeout means nothing before 2.5: connection-timeout decides',
    files: {
      'app/pom.xml': pom('2.4.13', web),
      [`${resources}/application.properties`]: 'server.tomcat.keep-alive-timeout=90s\nserver.tomcat.connection-timeout=5s\n',
    },
    endpoints: [{ idle: 5000, setting: 'server.tomcat.connection-timeout' }],
  },
  {
    name: 'server.connection-timeout applies up to 2.2 and is ignored from 2.3',
    files: {
      'old/pom.xml': pom('2.2.13.RELEASE', web),
      'old/src/main/resources/application.properties': 'server.connection-timeout=4s\n',
      'new/pom.xml': pom('2.3.0.RELEASE', web),
      'new/src/main/resources/application.properties': 'server.connection-timeout=4s\n',
    },
    endpoints: [
      { label: 'new/pom.xml, Spring Boot Tomcat on port 8080', idle: 60_000, origin: 'default' },
      { label: 'old/pom.xml, Spring Boot Tomcat on port 8080', idle: 4000, setting: 'server.connection-timeout' },
    ],
  },
  {
    name: 'Jetty instead of Tomcat: its own 30 s default, then connection-idle-timeout',
    files: {
      'a/pom.xml': pom('3.2.4', withoutTomcat, dependency('spring-boot-starter-jetty')),
      'b/pom.xml': pom('3.2.4', withoutTomcat, dependency('spring-boot-starter-jetty')),
      'b/src/main/resources/application.yml': 'server:\n  jetty:\n    connection-idle-timeout: 45s\n',
    },
    endpoints: [
      { label: 'a/pom.xml, Spring Boot Jetty on port 8080', idle: 30_000, origin: 'default', underlined: 'spring-boot-starter-jetty' },
      { idle: 45_000, setting: 'server.jetty.connection-idle-timeout' },
    ],
  },
  {
    name: 'Undertow: no-request-timeout, else the 60 s Undertow.builder() sets',
    files: {
      'app/pom.xml': pom('3.2.4', withoutTomcat, dependency('spring-boot-starter-undertow')),
      [`${resources}/application.properties`]: 'server.undertow.no-request-timeout=10s\n',
    },
    endpoints: [{ label: 'app/pom.xml, Spring Boot Undertow on port 8080', idle: 10_000 }],
  },
  {
    name: 'Undertow with Spring Boot 4, which dropped it: no application (a spring-config warning says so)',
    files: { 'app/pom.xml': pom('4.0.0', withoutTomcat, dependency('spring-boot-starter-undertow')) },
    endpoints: [],
  },
  {
    name: 'WebFlux runs Reactor Netty, which closes no idle connection unless idle-timeout is set',
    files: { 'app/pom.xml': pom('3.2.4', dependency('spring-boot-starter-webflux')) },
    endpoints: [{ label: 'app/pom.xml, Spring Boot Reactor Netty on port 8080', idle: 'never', origin: 'default' }],
  },
  {
    name: 'placeholders: a default taken, an undefined one unknown',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      [`${resources}/application.properties`]: 'server.port=${PORT:8181}\nserver.tomcat.keep-alive-timeout=${KEEP_ALIVE}\n',
    },
    endpoints: [{ port: 8181, idle: 'unknown', unknown: '${KEEP_ALIVE} is not defined' }],
  },
  {
    name: 'a Gradle Kotlin build with the plugin version',
    files: {
      'svc/build.gradle.kts':
        'plugins {\n    id("org.springframework.boot") version "3.3.1"\n}\ndependencies {\n    implementation("org.springframework.boot:spring-boot-starter-web")\n    // implementation("org.springframework.boot:spring-boot-starter-jetty")\n}\n',
      'svc/src/main/resources/application.properties': 'server.tomcat.connection-timeout=8s\n',
    },
    endpoints: [{ label: 'svc/build.gradle.kts, Spring Boot Tomcat on port 8080', idle: 8000 }],
  },
  {
    name: 'look-alike properties are no server timeouts',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      [`${resources}/application.properties`]: 'spring.datasource.hikari.connection-timeout=5000\nserver.tomcat.threads.max=50\n',
    },
    endpoints: [{ idle: 60_000, origin: 'default' }],
  },
  {
    name: 'max-keep-alive-requests=1 keeps no connection alive',
    files: { 'app/pom.xml': pom('3.2.4', web), [`${resources}/application.properties`]: 'server.tomcat.max-keep-alive-requests=1\n' },
    endpoints: [{ keepsAlive: false, idle: 60_000 }],
  },
  {
    name: 'a duration Spring refuses is unknown (and an invalid-value error)',
    files: { 'app/pom.xml': pom('3.2.4', web), [`${resources}/application.properties`]: 'server.tomcat.keep-alive-timeout=1m30s\n' },
    endpoints: [{ idle: 'unknown', unknown: '"1m30s" is no duration Spring Boot reads' }],
  },
  {
    name: 'server.port=0 takes a random port: nothing to link by port',
    files: { 'app/pom.xml': pom('3.2.4', web), [`${resources}/application.properties`]: 'server.port=0\n' },
    endpoints: [{ port: undefined, label: 'app/pom.xml, Spring Boot Tomcat on port unknown', idle: 60_000 }],
  },
  {
    name: 'a library, a commented-out starter and Tomcat excluded with no other server: no application',
    files: {
      'lib/pom.xml': pom('3.2.4', dependency('spring-boot-starter-json')),
      'old/pom.xml': pom('3.2.4').replace('<dependencies>', `<dependencies>\n<!--${web}-->`),
      'odd/pom.xml': pom('3.2.4', withoutTomcat),
      'plain/pom.xml': '<project><artifactId>x</artifactId></project>\n',
    },
    endpoints: [],
  },
  {
    name: 'code: a TomcatConnectorCustomizer bean sets connectionTimeout, nothing else does',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      [java]: javaClass(
        '    @Bean\n    public TomcatConnectorCustomizer timeouts() {\n        return connector -> connector.setProperty("connectionTimeout", "7000");\n    }\n',
      ),
    },
    endpoints: [{ idle: 7000, origin: 'code', setting: 'connectionTimeout', underlined: '"7000"' }],
  },
  {
    name: 'code: a property set beats a connector customizer bean (it runs after it)',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      [java]: javaClass(
        '    @Bean\n    public TomcatConnectorCustomizer timeouts() {\n        return connector -> connector.setProperty("connectionTimeout", "7000");\n    }\n',
      ),
      [`${resources}/application.properties`]: 'server.tomcat.connection-timeout=20s\n',
    },
    endpoints: [{ idle: 20_000, origin: 'written', setting: 'server.tomcat.connection-timeout' }],
  },
  {
    name: 'code: a WebServerFactoryCustomizer runs after the properties and wins; a constant of the file',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      [java]: javaClass(
        '    private static final int KEEP_ALIVE = 15_000;\n\n    @Bean\n    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> keepAlive() {\n        return factory -> factory.addConnectorCustomizers(connector ->\n            ((AbstractHttp11Protocol<?>) connector.getProtocolHandler()).setKeepAliveTimeout(KEEP_ALIVE));\n    }\n',
      ),
      [`${resources}/application.properties`]: 'server.tomcat.keep-alive-timeout=90s\n',
    },
    endpoints: [{ idle: 15_000, origin: 'code', setting: 'keepAliveTimeout', underlined: '15_000' }],
  },
  {
    name: 'code: Kotlin property syntax with a product of literals',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      'app/src/main/kotlin/com/example/Tomcat.kt':
        'import org.springframework.boot.web.embedded.tomcat.TomcatConnectorCustomizer\nimport org.apache.coyote.http11.AbstractHttp11Protocol\n\n@Bean\nfun customizer() = TomcatConnectorCustomizer { connector ->\n    (connector.protocolHandler as AbstractHttp11Protocol<*>).keepAliveTimeout = 3 * 1000\n}\n',
    },
    endpoints: [{ idle: 3000, origin: 'code', underlined: '3 * 1000' }],
  },
  {
    name: 'code: a value the code computes is unknown (an information finding at the call)',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      [java]: javaClass(
        '    @Bean\n    public TomcatConnectorCustomizer timeouts(Environment env) {\n        return connector -> ((AbstractHttp11Protocol<?>) connector.getProtocolHandler()).setKeepAliveTimeout(Integer.parseInt(env.getProperty("ka")));\n    }\n',
      ),
    },
    endpoints: [{ idle: 'unknown', origin: 'code', unknown: 'set in code, value not known' }],
  },
  {
    name: 'code: a client timeout in a file naming no Tomcat type is not read',
    files: {
      'app/pom.xml': pom('3.2.4', web),
      'app/src/main/java/com/example/Client.java':
        'class Client {\n    RestTemplate rest() {\n        SimpleClientHttpRequestFactory f = new SimpleClientHttpRequestFactory();\n        f.setConnectTimeout(1000);\n        f.setConnectionTimeout(1000);\n        return new RestTemplate(f);\n    }\n}\n',
    },
    endpoints: [{ idle: 60_000, origin: 'default' }],
  },
];
