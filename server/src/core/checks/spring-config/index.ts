import { problemCheck } from '../fromProblems';

export const springConfig = problemCheck(
  'spring-config',
  'Spring Boot configuration that cannot be read: YAML Spring Boot refuses, or a timeout set in code whose value is not known.',
  { default: 'error', otherwise: 'info for a Tomcat timeout set in Java or Kotlin code by a value the code computes' },
  {
    finds:
      'application.yml / application.yaml files (and their profile files) of a Spring Boot application that are not valid YAML: bad indentation, a tab, an unclosed quote or bracket, a key given twice (an error). And Tomcat timeouts set in Java or Kotlin code (`setKeepAliveTimeout(...)`, `setProperty("connectionTimeout", ...)`) by a value the code computes rather than a literal or a constant of the file (information).',
    why: 'Spring Boot reads every config file of its locations at start-up and stops on one it cannot parse. None of that file applies, so its timeouts are not checked either. A timeout the code computes at run time cannot be compared with nginx here.',
    example: '```yaml\nserver:\n  tomcat:\n    connection-timeout: 5s\n   keep-alive-timeout: 90s\n```',
    fix: 'Correct the YAML at the position shown. For a computed timeout, set it with a property (`server.tomcat.keep-alive-timeout`) or a literal, or check by hand that it is longer than nginx keeps connections.',
  },
);
