import type { CheckCases } from '../cases';

const serverXml = 'tomcat/conf/server.xml';

export const cases: CheckCases = {
  valid: [
    {
      name: 'comments, a prolog and entities',
      files: {
        [serverXml]:
          '<?xml version="1.0" encoding="UTF-8"?>\n<!-- a &amp; b -->\n<Server port="8005" shutdown="SHUTDOWN">\n  <Service name="Catalina">\n    <Connector port="8080" protocol="HTTP/1.1" connectionTimeout="20000" server="a &amp; b"/>\n  </Service>\n</Server>\n',
      },
    },
    {
      name: 'template markup inside well-formed XML is not a syntax error',
      files: {
        [serverXml]:
          '<Server>\n  <Service name="Catalina">\n    <Connector port="{{ http_port }}" connectionTimeout="20000"/>\n  </Service>\n</Server>\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a mismatched closing tag',
      files: {
        [serverXml]:
          '<Server port="8005">\n  <Service name="Catalina">\n    <Connector port="8080" connectionTimeout="7000">\n  </Service>\n</Server>\n',
      },
      findings: [{ file: serverXml, line: 4, text: '</Service>', severity: 'error', message: ['not well-formed'] }],
    },
    {
      name: 'a prolog cut short: the reader gives no column, the problem stays in the file',
      files: { [serverXml]: '<?' },
      findings: [{ file: serverXml, line: 1, text: '<?', severity: 'error', message: ['not well-formed', 'Start tag expected'] }],
    },
    {
      name: 'an attribute without quotes',
      files: { [serverXml]: '<Server port="8005">\n  <Service name="Catalina">\n    <Connector port=8080 />\n  </Service>\n</Server>\n' },
      findings: [{ file: serverXml, line: 3, text: 'port=8080', severity: 'error', message: ['not well-formed'] }],
    },
  ],
};
