import type { CheckCases } from '../cases';

const xml = (attrs: string) =>
  `<Server port="8005">\n  <Service name="Catalina">\n    <Connector port="8080" ${attrs} />\n  </Service>\n</Server>\n`;
const file = 'tomcat/conf/server.xml';

export const cases: CheckCases = {
  valid: [
    {
      name: 'defined in catalina.properties beside server.xml',
      files: { [file]: xml('keepAliveTimeout="${http.keepalive}"'), 'tomcat/conf/catalina.properties': 'http.keepalive=90000\n' },
    },
    { name: 'undefined but with a default', files: { [file]: xml('keepAliveTimeout="${http.keepalive:-90000}"') } },
    { name: 'an attribute this analysis does not read', files: { [file]: xml('address="${bind.address}"') } },
  ],
  invalid: [
    {
      name: 'keepAliveTimeout from an undefined property',
      files: { [file]: xml('keepAliveTimeout="${http.keepalive}"') },
      findings: [
        {
          file,
          line: 3,
          text: '${http.keepalive}',
          severity: 'warning',
          message: ['keepAliveTimeout', 'http.keepalive', 'catalina.properties'],
        },
      ],
    },
    {
      name: 'a property defined in a catalina.properties of another conf folder does not count',
      files: { [file]: xml('connectionTimeout="${http.timeout}"'), 'other/conf/catalina.properties': 'http.timeout=7000\n' },
      findings: [{ file, line: 3, text: '${http.timeout}' }],
    },
  ],
};
