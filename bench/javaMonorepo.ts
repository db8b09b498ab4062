// A generated Java monorepo as many companies keep one: a Maven aggregator with shared libraries
// and a handful of Spring Boot services (pom.xml, Dockerfile, application.yml, profile files and
// thousands of ordinary sources and tests), their build output in target/, a TypeScript front end,
// Python scripts and a Go tool that start no server (bench/polyglotSources.ts), a docker-compose.yml
// running them, and an nginx/ folder whose upstreams reach each service by its compose name.
// Each service's timeouts come from a different place Spring reads (a property, the fallback
// connection-timeout, the active profile's file, a customizer in code, nothing
// at all), so the figures are taken on a workspace whose answer is known: `racing` says which
// services race nginx's 60 s and which file the race must be reported in.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { javaSource, javaTest, type SourceRole } from './javaSources';
import { polyglotFiles } from './polyglotSources';

/** Every upstream's keepalive_timeout; Tomcat keeps idle connections 60 s by default, so a tie races. */
export const javaUpstreamKeepaliveSeconds = 60;

export interface JavaService {
  name: string;
  dir: string;
  applicationYml: string;
  /** The active profile's file, if any. */
  profileYml?: string;
  /** The file the Spring side of the race is reported in (the winning setting, or pom.xml for a default). */
  decidingFile: string;
  racing: boolean;
  upstreamFile: string;
}

export interface JavaMonorepo {
  root: string;
  files: number;
  javaSources: number;
  /** TypeScript, JavaScript, Python and Go files beside them (none starts a server). */
  otherSources: number;
  services: JavaService[];
  /** A few ordinary sources (no Tomcat names), one per module, for edits that must change nothing. */
  ordinarySources: string[];
}

/** How each service sets Tomcat's idle timeout, and whether that races nginx's 60 s. */
interface ServicePlan {
  name: string;
  /** application.yml's `server.tomcat` lines (two-space indented under `tomcat:`), none when empty. */
  tomcat: string[];
  /** An active `prod` profile file's `server.tomcat` lines. */
  prodTomcat?: string[];
  /** An inactive `dev` profile file (written, never read for the race). */
  devTomcat?: string[];
  code?: 'connector-7000' | 'factory-15000' | 'max-requests';
  racing: boolean;
  decides: 'yml' | 'profile' | 'pom' | 'code';
}

const plans: ServicePlan[] = [
  { name: 'orders', tomcat: ['keep-alive-timeout: 20s', 'max-keep-alive-requests: 500'], racing: true, decides: 'yml' },
  { name: 'catalog', tomcat: ['keep-alive-timeout: 75s'], racing: false, decides: 'yml' },
  // connection-timeout alone: Tomcat uses it for keep-alive too.
  { name: 'payments', tomcat: ['connection-timeout: 5s'], code: 'max-requests', racing: true, decides: 'yml' },
  { name: 'users', tomcat: [], racing: true, decides: 'pom' },
  // The prod profile's file decides; application.yml names the profile, compose sets it too.
  { name: 'inventory', tomcat: ['keep-alive-timeout: 90s'], prodTomcat: ['keep-alive-timeout: 30s'], racing: true, decides: 'profile' },
  // A connector customizer bean sets connectionTimeout 7000, but the keep-alive-timeout property decides.
  { name: 'notifications', tomcat: ['keep-alive-timeout: 120s'], code: 'connector-7000', racing: false, decides: 'yml' },
  // A factory customizer runs after the properties: its 15 s beats the property's 90 s.
  { name: 'billing', tomcat: ['keep-alive-timeout: 90s'], code: 'factory-15000', racing: true, decides: 'code' },
  {
    name: 'search',
    tomcat: ['keep-alive-timeout: 2m', 'connection-timeout: 10s'],
    devTomcat: ['keep-alive-timeout: 10s'],
    racing: false,
    decides: 'yml',
  },
];

const libraries = ['common-model', 'common-web', 'common-persistence'];
const roles: SourceRole[] = ['controller', 'service', 'repository', 'dto', 'entity', 'mapper', 'exception', 'util'];

/** Writes a monorepo of exactly `totalFiles` files (at least 500) under a new folder in os.tmpdir(). */
export function generateJavaMonorepo(totalFiles: number, parent = os.tmpdir()): JavaMonorepo {
  if (totalFiles < 500) throw new Error(`generateJavaMonorepo: need at least 500 files, got ${totalFiles}`);
  const root = fs.mkdtempSync(path.join(parent, `timeout-chain-bench-java-`));
  let files = 0;
  let javaSources = 0;
  let otherSources = 0;
  const write = (relative: string, content: string | Buffer) => {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    files++;
    if (relative.endsWith('.java')) javaSources++;
    if (/\.(?:tsx?|js|py|go)$/.test(relative)) otherSources++;
  };

  write('pom.xml', aggregatorPom());
  write('.gitignore', 'target/\n*.iml\n.idea/\n');
  write('docker-compose.yml', composeText());
  write('nginx/nginx.conf', nginxConf);
  write('nginx/snippets/proxy.conf', proxySnippet);
  write('nginx/conf.d/default.conf', siteText());
  const services: JavaService[] = [];
  for (const plan of plans) {
    const dir = `services/${plan.name}`;
    const resources = `${dir}/src/main/resources`;
    write(`${dir}/pom.xml`, servicePom(plan.name));
    write(`${dir}/Dockerfile`, dockerfile(plan.name));
    write(`${resources}/application.yml`, applicationYml(plan));
    if (plan.prodTomcat) write(`${resources}/application-prod.yml`, profileYml(plan.prodTomcat));
    if (plan.devTomcat) write(`${resources}/application-dev.yml`, profileYml(plan.devTomcat));
    write(`${resources}/logback-spring.xml`, logback);
    // Maven copies resources into target/classes: the copy is build output, not the application's config.
    write(`${dir}/target/classes/application.yml`, applicationYml(plan));
    write(`${dir}/target/${plan.name}-1.0.0-SNAPSHOT.jar`, jarBytes(plan.name));
    write(`${dir}/src/main/java/com/example/${plan.name}/Application.java`, mainClass(plan.name));
    if (plan.code) write(`${dir}/src/main/java/com/example/${plan.name}/config/WebServerConfig.java`, customizer(plan.name, plan.code));
    const upstreamFile = `nginx/conf.d/upstream-${plan.name}.conf`;
    write(upstreamFile, upstreamText(plan.name));
    const decidingFile = {
      yml: `${resources}/application.yml`,
      profile: `${resources}/application-prod.yml`,
      pom: `${dir}/pom.xml`,
      code: `${dir}/src/main/java/com/example/${plan.name}/config/WebServerConfig.java`,
    }[plan.decides];
    services.push({
      name: plan.name,
      dir: path.join(root, dir),
      applicationYml: path.join(root, resources, 'application.yml'),
      profileYml: plan.prodTomcat ? path.join(root, resources, 'application-prod.yml') : undefined,
      decidingFile: path.join(root, decidingFile),
      racing: plan.racing,
      upstreamFile: path.join(root, upstreamFile),
    });
  }
  for (const library of libraries) write(`libs/${library}/pom.xml`, libraryPom(library));

  // Other languages beside the services (15 % of the rest): a front end, scripts, a Go tool.
  const polyglot = polyglotFiles(Math.round((totalFiles - files) * 0.15));
  for (const file of polyglot) write(file.relative, file.text);

  // The rest: sources (70 %), tests (20 %) and compiled classes (10 %), spread over every module.
  const modules = [
    ...plans.map((p) => ({ dir: `services/${p.name}`, pkg: p.name })),
    ...libraries.map((l) => ({ dir: `libs/${l}`, pkg: l.replace(/-/g, '') })),
  ];
  const ordinarySources: string[] = [];
  const rest = totalFiles - files;
  const classes = Math.round(rest * 0.1);
  const tests = Math.round(rest * 0.2);
  const sources = rest - classes - tests;
  for (let i = 0; i < sources; i++) {
    const module = modules[i % modules.length];
    const n = Math.floor(i / modules.length);
    const role = roles[n % roles.length];
    const feature = `feature${String(Math.floor(n / roles.length) % 40).padStart(2, '0')}`;
    const { className, text } = javaSource(module.pkg, feature, role, n);
    const relative = `${module.dir}/src/main/java/com/example/${module.pkg}/${feature}/${className}.java`;
    write(relative, text);
    if (role === 'util' && n < roles.length) ordinarySources.push(path.join(root, relative));
  }
  for (let i = 0; i < tests; i++) {
    const module = modules[i % modules.length];
    const n = Math.floor(i / modules.length);
    const feature = `feature${String(Math.floor(n / roles.length) % 40).padStart(2, '0')}`;
    const { className, text } = javaTest(module.pkg, feature, roles[n % roles.length], n);
    write(`${module.dir}/src/test/java/com/example/${module.pkg}/${feature}/${className}.java`, text);
  }
  for (let i = 0; i < classes; i++) {
    const module = modules[i % modules.length];
    write(`${module.dir}/target/classes/com/example/${module.pkg}/Generated${i}.class`, classBytes(i));
  }
  if (files !== totalFiles) throw new Error(`generateJavaMonorepo: wrote ${files} files, meant ${totalFiles}`);
  return { root, files, javaSources, otherSources, services, ordinarySources };
}

function servicePom(name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>3.3.5</version>
    <relativePath/>
  </parent>
  <groupId>com.example</groupId>
  <artifactId>${name}</artifactId>
  <version>1.0.0-SNAPSHOT</version>
  <properties>
    <java.version>21</java.version>
  </properties>
  <dependencies>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-web</artifactId>
    </dependency>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-actuator</artifactId>
    </dependency>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-data-jpa</artifactId>
    </dependency>
    <dependency>
      <groupId>com.example</groupId>
      <artifactId>common-web</artifactId>
      <version>\${project.version}</version>
    </dependency>
    <dependency>
      <groupId>org.postgresql</groupId>
      <artifactId>postgresql</artifactId>
      <scope>runtime</scope>
    </dependency>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-test</artifactId>
      <scope>test</scope>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-maven-plugin</artifactId>
      </plugin>
    </plugins>
  </build>
</project>
`;
}

/** A shared library: Spring, but no web starter, so no application. */
function libraryPom(name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>3.3.5</version>
    <relativePath/>
  </parent>
  <groupId>com.example</groupId>
  <artifactId>${name}</artifactId>
  <version>1.0.0-SNAPSHOT</version>
  <dependencies>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-validation</artifactId>
    </dependency>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-json</artifactId>
    </dependency>
  </dependencies>
</project>
`;
}

function aggregatorPom(): string {
  const modules = [...libraries.map((l) => `libs/${l}`), ...plans.map((p) => `services/${p.name}`)];
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>platform</artifactId>
  <version>1.0.0-SNAPSHOT</version>
  <packaging>pom</packaging>
  <modules>
${modules.map((m) => `    <module>${m}</module>`).join('\n')}
  </modules>
</project>
`;
}

function applicationYml(plan: ServicePlan): string {
  const tomcat = plan.tomcat.length > 0 ? `  tomcat:\n${plan.tomcat.map((line) => `    ${line}\n`).join('')}` : '';
  const profile = plan.prodTomcat ? '  profiles:\n    active: prod\n' : '';
  return `spring:
  application:
    name: ${plan.name}
${profile}  datasource:
    url: jdbc:postgresql://db:5432/${plan.name}
    username: \${DB_USER:${plan.name}}
    password: \${DB_PASSWORD:}
    hikari:
      connection-timeout: 3000
      maximum-pool-size: 10
  jpa:
    open-in-view: false
server:
  port: 8080
  shutdown: graceful
${tomcat}management:
  endpoints:
    web:
      exposure:
        include: health,info,prometheus
logging:
  level:
    com.example: INFO
`;
}

function profileYml(tomcat: string[]): string {
  return `server:\n  tomcat:\n${tomcat.map((line) => `    ${line}\n`).join('')}logging:\n  level:\n    root: WARN\n`;
}

function dockerfile(name: string): string {
  return `FROM eclipse-temurin:21-jre
WORKDIR /app
COPY target/${name}-1.0.0-SNAPSHOT.jar app.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
`;
}

function composeText(): string {
  const service = (plan: ServicePlan) =>
    `  ${plan.name}:
    build: ./services/${plan.name}
    environment:
      SPRING_PROFILES_ACTIVE: ${plan.prodTomcat ? 'prod' : 'docker'}
      DB_USER: ${plan.name}
    depends_on: [db]
`;
  return `services:
  nginx:
    image: nginx:1.27.3
    ports: ["80:80"]
    volumes:
      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro
      - ./nginx/conf.d:/etc/nginx/conf.d:ro
      - ./nginx/snippets:/etc/nginx/snippets:ro
    depends_on: [${plans.map((p) => p.name).join(', ')}]
${plans.map(service).join('')}  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: example
`;
}

const nginxConf = `worker_processes auto;
events {
    worker_connections 4096;
}
http {
    include /etc/nginx/mime.types;
    sendfile on;
    keepalive_timeout 65s;
    include /etc/nginx/conf.d/*.conf;
}
`;

const proxySnippet = `proxy_http_version 1.1;
proxy_set_header Connection "";
proxy_set_header Host $host;
proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
proxy_set_header X-Forwarded-Proto $scheme;
proxy_read_timeout 30s;
`;

function upstreamText(name: string): string {
  return `upstream ${name} {
    server ${name}:8080 max_fails=3 fail_timeout=10s;
    keepalive 32;
    keepalive_timeout ${javaUpstreamKeepaliveSeconds}s;
}
`;
}

function siteText(): string {
  const locations = plans
    .map(
      (p) =>
        `    location /api/${p.name}/ {\n        include /etc/nginx/snippets/proxy.conf;\n        proxy_pass http://${p.name};\n    }\n`,
    )
    .join('\n');
  return `server {
    listen 80;
    server_name api.example.com;

${locations}
    location = /healthz {
        access_log off;
        return 200 "ok\\n";
    }
}
`;
}

const logback = `<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <include resource="org/springframework/boot/logging/logback/defaults.xml"/>
  <include resource="org/springframework/boot/logging/logback/console-appender.xml"/>
  <root level="INFO">
    <appender-ref ref="CONSOLE"/>
  </root>
</configuration>
`;

function mainClass(name: string): string {
  const cls = name[0].toUpperCase() + name.slice(1) + 'Application';
  return `package com.example.${name};

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication(scanBasePackages = {"com.example.${name}", "com.example.commonweb"})
public class ${cls} {

    public static void main(String[] args) {
        SpringApplication.run(${cls}.class, args);
    }
}
`;
}

/** The customizers Spring Boot documents, one per kind of ordering (code.ts reads them). */
function customizer(name: string, code: NonNullable<ServicePlan['code']>): string {
  const head = `package com.example.${name}.config;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.web.embedded.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class WebServerConfig {
`;
  if (code === 'connector-7000')
    return `${head}
    /** Slow clients must not hold a thread: the incident's setting, written in code. */
    @Bean
    TomcatConnectorCustomizer connectionTimeoutCustomizer() {
        return connector -> connector.setProperty("connectionTimeout", "7000");
    }
}
`;
  if (code === 'max-requests')
    return `${head}
    @Bean
    TomcatConnectorCustomizer keepAliveRequestsCustomizer() {
        return (Connector connector) -> {
            AbstractHttp11Protocol<?> protocol = (AbstractHttp11Protocol<?>) connector.getProtocolHandler();
            protocol.setMaxKeepAliveRequests(200);
        };
    }
}
`;
  return `${head}
    private static final int KEEP_ALIVE_MS = 15_000;

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> keepAliveCustomizer() {
        return factory -> factory.addConnectorCustomizers(connector ->
            ((AbstractHttp11Protocol<?>) connector.getProtocolHandler()).setKeepAliveTimeout(KEEP_ALIVE_MS));
    }
}
`;
}

/** A class file's magic number and constant pool noise: binary, as the walk meets it. */
function classBytes(i: number): Buffer {
  const bytes = Buffer.alloc(1200 + (i % 7) * 300);
  bytes.writeUInt32BE(0xcafebabe, 0);
  bytes.writeUInt16BE(65, 6); // Java 21
  for (let j = 8; j < bytes.length; j++) bytes[j] = (j * 31 + i * 17) & 0xff;
  return bytes;
}

function jarBytes(name: string): Buffer {
  const bytes = Buffer.alloc(64 * 1024);
  bytes.write('PK\x03\x04', 0, 'latin1');
  bytes.write(`META-INF/MANIFEST.MF Start-Class: com.example.${name}`, 30, 'latin1');
  for (let j = 100; j < bytes.length; j++) bytes[j] = (j * 13) & 0xff;
  return bytes;
}
