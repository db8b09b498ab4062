import { problemCheck } from '../fromProblems';

export const invalidValue = problemCheck('invalid-value', 'A timeout or count that nginx or Tomcat would reject.', {
  finds: 'Values of the settings this analysis relies on that the server would not accept: an nginx time with an unknown unit or units out of order (`1m1h`), `M` or `y` in a millisecond directive such as upstream `keepalive_timeout`, a non-number `keepalive`, a Tomcat timeout that is not a whole number of milliseconds.',
  why: 'nginx refuses the configuration (`invalid value`); Tomcat logs a warning and keeps its default, which is rarely what was meant. The keep-alive checks cannot compare a value that cannot be read, so they skip it.',
  example: '```nginx\nupstream app_backend {\n    server 10.0.0.21:8080;\n    keepalive_timeout 1M;   # months are not allowed here\n}\n```',
  fix: 'Write the value as nginx documents it (`60s`, `1m30s`, `500ms`) or, in server.xml, as whole milliseconds (`keepAliveTimeout="90000"`).',
});
