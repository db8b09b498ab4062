import { problemCheck } from '../fromProblems';

export const springConfig = problemCheck(
  'spring-config',
  'Spring Boot would refuse to start: an application.yml is not valid YAML.',
  { default: 'error' },
  {
    finds:
      'application.yml / application.yaml files (and their profile files) of a Spring Boot application that are not valid YAML: bad indentation, a tab, an unclosed quote or bracket, a key given twice.',
    why: 'Spring Boot reads every config file of its locations at start-up and stops on one it cannot parse. None of that file applies, so its timeouts are not checked either.',
    example: '```yaml\nserver:\n  tomcat:\n    connection-timeout: 5s\n   keep-alive-timeout: 90s\n```',
    fix: 'Correct the YAML at the position shown.',
  },
);
