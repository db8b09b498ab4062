import { problemCheck } from '../fromProblems';

export const tomcatProperty = problemCheck(
  'tomcat-property',
  'A ${property} in server.xml that catalina.properties does not define, so its value is unknown.',
  { default: 'warning' },
  {
    finds:
      'Connector attributes this analysis needs (`port`, `connectionTimeout`, `keepAliveTimeout`, `maxKeepAliveRequests`) written as `${name}` with no default, where `conf/catalina.properties` beside server.xml does not define `name`.',
    why: 'Tomcat replaces `${name}` from system properties, including catalina.properties. If it is set only with `-Dname=...` on the command line, this analysis cannot see it; if it is not set at all, Tomcat keeps the literal text, cannot read it as a number and falls back to its default. Either way the timeout cannot be checked, so it is not guessed.',
    example: '```xml\n<Connector port="8080" keepAliveTimeout="${http.keepalive}" />\n```',
    fix: 'Define the property in `conf/catalina.properties`, or give a default: `${http.keepalive:-90000}`.',
  },
);
