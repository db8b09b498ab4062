import { problemCheck } from '../fromProblems';

export const xmlSyntax = problemCheck(
  'xml-syntax',
  'Tomcat would refuse to start: server.xml is not well-formed XML.',
  { default: 'error', otherwise: 'info for a server.xml that looks like a template (backends/tomcat/serverXml.ts)' },
  {
    finds:
      'XML that is not well-formed: unclosed or mismatched tags, attributes without quotes, stray `<` or `&`. Templates (`{{ }}`, `{% %}`) are reported once as templates.',
    why: 'Tomcat parses server.xml at start-up and stops on the first error. Connectors after the error cannot be read, so their timeouts are not checked either.',
    example: '```xml\n<Connector port="8080" connectionTimeout="7000">\n</Service>\n```',
    fix: 'Close or correct the element at the position shown.',
  },
);
