// The Tomcat backend kind: server.xml with the catalina.properties beside it; one endpoint per
// Connector.
import * as path from 'node:path';
import { defineBackendKind } from '../kind';
import { tomcatNames } from './names';
import { parseServerXml, type TomcatServerFile } from './serverXml';
import { parseProperties, type PropertiesFile } from '../javaProperties';
import { connectorRefs } from './refs';

export const tomcatKind = defineBackendKind<TomcatServerFile, PropertiesFile>({
  id: 'tomcat',
  serverName: 'Tomcat',
  endpointNoun: 'connector',
  fileName: 'server.xml',
  filesNoun: 'Tomcat server.xml',
  ...tomcatNames,
  syntaxCheck: 'xml-syntax',
  parse: parseServerXml,
  // ${property} values come from the catalina.properties in the same conf folder.
  companions: (file) => [path.join(path.dirname(file.path), 'catalina.properties')],
  parseCompanion: parseProperties,
  endpoints: (file, [properties], rootDir, problems) => connectorRefs([file], () => properties, rootDir, problems),
});
