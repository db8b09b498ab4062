// Every check, in the order their findings are listed. A new check is a folder plus one line here.
import type { Check } from './check';
import { keepaliveRace } from './keepalive-race';
import { keepaliveLost } from './keepalive-lost';
import { ajpPort } from './ajp-port';
import { nginxSyntax } from './nginx-syntax';
import { nginxInclude } from './nginx-include';
import { xmlSyntax } from './xml-syntax';
import { deploymentFile } from './deployment-file';
import { springConfig } from './spring-config';
import { nodejsConfig } from './nodejs-config';
import { goSource } from './go-source';
import { apacheConfig } from './apache-config';
import { invalidValue } from './invalid-value';
import { tomcatProperty } from './tomcat-property';
import { fileAccess } from './file-access';
import { settingsCheck } from './settings';
import { unlinkedUpstream } from './unlinked-upstream';
import { fastcgiTimeout } from './fastcgi-timeout';

export const allChecks: readonly Check[] = [
  keepaliveRace,
  keepaliveLost,
  ajpPort,
  nginxSyntax,
  nginxInclude,
  xmlSyntax,
  deploymentFile,
  springConfig,
  nodejsConfig,
  goSource,
  apacheConfig,
  invalidValue,
  tomcatProperty,
  fileAccess,
  settingsCheck,
  unlinkedUpstream,
  fastcgiTimeout,
];

export function findCheck(id: string): Check | undefined {
  return allChecks.find((check) => check.id === id);
}
