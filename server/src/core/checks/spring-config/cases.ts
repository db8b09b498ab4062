import type { CheckCases } from '../cases';

const pom =
  '<project>\n  <parent>\n    <artifactId>spring-boot-starter-parent</artifactId>\n    <version>3.2.4</version>\n  </parent>\n  <dependencies>\n    <dependency>\n      <artifactId>spring-boot-starter-web</artifactId>\n    </dependency>\n  </dependencies>\n</project>\n';
const yml = 'app/src/main/resources/application.yml';

export const cases: CheckCases = {
  valid: [
    {
      name: 'nested keys, dotted keys, several documents',
      files: {
        'app/pom.xml': pom,
        [yml]: 'server:\n  port: 8080\nserver.tomcat.keep-alive-timeout: 90s\n---\nspring.config.activate.on-profile: dev\n',
      },
    },
    {
      name: 'a broken YAML file no application reads is not looked at',
      files: { 'other/src/main/resources/application.yml': 'a: [\n' },
    },
  ],
  invalid: [
    {
      name: 'a key indented out of its map',
      files: { 'app/pom.xml': pom, [yml]: 'server:\n  tomcat:\n    connection-timeout: 5s\n   keep-alive-timeout: 90s\n' },
      findings: [
        {
          file: yml,
          line: 4,
          text: '   keep-alive-timeout: 90s',
          severity: 'error',
          message: ['YAML: All mapping items must start at the same column'],
        },
      ],
    },
    {
      name: 'Undertow with Spring Boot 4, which dropped it',
      files: {
        'app/pom.xml': pom.replace('3.2.4', '4.0.0').replace('spring-boot-starter-web', 'spring-boot-starter-undertow'),
      },
      findings: [
        {
          file: 'app/pom.xml',
          line: 8,
          text: 'spring-boot-starter-undertow',
          severity: 'warning',
          message: ['Spring Boot 4.0.0 has no Undertow'],
        },
      ],
    },
  ],
};
