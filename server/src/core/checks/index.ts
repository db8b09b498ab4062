// Every check, in the order their findings are listed. A new check is a folder plus one line here.
import type { Check } from './check';
import { keepaliveRace } from './keepalive-race';
import { keepaliveLost } from './keepalive-lost';
import { ajpPort } from './ajp-port';
import { nginxSyntax } from './nginx-syntax';
import { nginxInclude } from './nginx-include';
import { xmlSyntax } from './xml-syntax';
import { invalidValue } from './invalid-value';
import { tomcatProperty } from './tomcat-property';
import { fileAccess } from './file-access';
import { settingsCheck } from './settings';

export const allChecks: readonly Check[] = [
  keepaliveRace,
  keepaliveLost,
  ajpPort,
  nginxSyntax,
  nginxInclude,
  xmlSyntax,
  invalidValue,
  tomcatProperty,
  fileAccess,
  settingsCheck,
];

export function findCheck(id: string): Check | undefined {
  return allChecks.find((check) => check.id === id);
}
