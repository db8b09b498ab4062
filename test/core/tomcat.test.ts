// Reading server.xml and catalina.properties as Tomcat does, with exact attribute ranges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServerXml } from '../../server/src/core/backends/tomcat/serverXml';
import { parseProperties } from '../../server/src/core/backends/javaProperties';
import { resolveConnector } from '../../server/src/core/backends/tomcat/connector';

const xml =
  '<?xml version="1.0"?>\n<Server port="8005">\n  <!-- <Connector port="1"/> -->\n  <Service name="Catalina">\n    <Connector\n        port="8080"\n        connectionTimeout = \'7000\'\n        server="a &amp; b" />\n    <Connector port="8009" protocol="AJP/1.3"/>\n  </Service>\n  <Service name="Other"><Connector port="9090"></Connector></Service>\n</Server>\n';

test('connectors with their service, skipping comments; attribute ranges exact, entities decoded', () => {
  const file = parseServerXml('/t/server.xml', xml);
  assert.deepEqual(file.problems, []);
  assert.deepEqual(
    file.connectors.map((c) => `${c.attributes.get('port')?.value}@${c.serviceName}`),
    ['8080@Catalina', '8009@Catalina', '9090@Other'],
  );
  const first = file.connectors[0];
  const timeout = first.attributes.get('connectionTimeout')!;
  assert.equal(xml.slice(timeout.valueSpan.start, timeout.valueSpan.end), '7000');
  assert.equal(xml.slice(timeout.span.start, timeout.span.end), "connectionTimeout = '7000'");
  assert.equal(xml.slice(first.tagNameSpan.start, first.tagNameSpan.end), 'Connector');
  assert.equal(first.attributes.get('server')?.value, 'a & b');
  assert.equal(file.lines.positionAt(timeout.valueSpan.start).line, 6);
});

test('effective idle timeout: keepAliveTimeout, else connectionTimeout, else 60 s; -1 and 0 mean never', () => {
  const idle = (attrs: string) => {
    const file = parseServerXml('/t/server.xml', `<Server><Service name="S"><Connector port="80" ${attrs}/></Service></Server>`);
    const { effectiveIdle } = resolveConnector(file.connectors[0], undefined);
    return `${effectiveIdle.never ? 'never' : effectiveIdle.ms} ${effectiveIdle.source}`;
  };
  assert.equal(idle('connectionTimeout="7000"'), '7000 connectionTimeout');
  assert.equal(idle('connectionTimeout="7000" keepAliveTimeout="90000"'), '90000 keepAliveTimeout');
  assert.equal(idle(''), '60000 default');
  assert.equal(idle('keepAliveTimeout="-1"'), 'never keepAliveTimeout');
  assert.equal(idle('connectionTimeout="0"'), 'never connectionTimeout');
});

test('${name} and ${name:-default} from catalina.properties; unresolved is said, not guessed', () => {
  const properties = parseProperties('/t/catalina.properties', '# c\nhttp.idle = 45000\nhttp.long=\\\n  12\\\n  000\n');
  assert.equal(properties.entries.get('http.long')?.value, '12000');
  const read = (value: string) => {
    const file = parseServerXml(
      '/t/server.xml',
      `<Server><Service name="S"><Connector port="80" keepAliveTimeout="${value}"/></Service></Server>`,
    );
    return resolveConnector(file.connectors[0], properties).keepAliveTimeout;
  };
  assert.equal(read('${http.idle}').value, 45000);
  assert.equal(read('${http.idle}').property?.name, 'http.idle');
  assert.equal(read('${http.long}').value, 12000);
  assert.equal(read('${missing:-30000}').value, 30000);
  const unresolved = read('${missing}');
  assert.equal(unresolved.value, undefined);
  assert.equal(unresolved.unresolved, 'missing');
});

test('malformed XML: one problem at the line and column of the error, no connectors', () => {
  const text = '<Server>\n  <Service name="S">\n    <Connector port="80">\n  </Service>\n</Server>\n';
  const file = parseServerXml('/t/server.xml', text);
  assert.equal(file.problems.length, 1);
  assert.equal(file.problems[0].code, 'xml-syntax');
  assert.deepEqual(file.lines.positionAt(file.problems[0].span.start), { line: 3, character: 2 });
  assert.equal(file.connectors.length, 0);
});
