// Every check's valid/invalid table, by check id. Imported by tests only.
import type { CheckCases } from './cases';
import type { CheckId } from './check';
import { cases as keepaliveRace } from './keepalive-race/cases';
import { cases as keepaliveLost } from './keepalive-lost/cases';
import { cases as ajpPort } from './ajp-port/cases';
import { cases as nginxSyntax } from './nginx-syntax/cases';
import { cases as nginxInclude } from './nginx-include/cases';
import { cases as xmlSyntax } from './xml-syntax/cases';
import { cases as deploymentFile } from './deployment-file/cases';
import { cases as springConfig } from './spring-config/cases';
import { cases as nodejsConfig } from './nodejs-config/cases';
import { cases as goSource } from './go-source/cases';
import { cases as apacheConfig } from './apache-config/cases';
import { cases as invalidValue } from './invalid-value/cases';
import { cases as tomcatProperty } from './tomcat-property/cases';
import { cases as fileAccess } from './file-access/cases';
import { cases as settings } from './settings/cases';
import { cases as unlinkedUpstream } from './unlinked-upstream/cases';
import { cases as fastcgiTimeout } from './fastcgi-timeout/cases';

export const caseTables: Record<CheckId, CheckCases> = {
  'keepalive-race': keepaliveRace,
  'keepalive-lost': keepaliveLost,
  'ajp-port': ajpPort,
  'nginx-syntax': nginxSyntax,
  'nginx-include': nginxInclude,
  'xml-syntax': xmlSyntax,
  'deployment-file': deploymentFile,
  'spring-config': springConfig,
  'nodejs-config': nodejsConfig,
  'go-source': goSource,
  'apache-config': apacheConfig,
  'invalid-value': invalidValue,
  'tomcat-property': tomcatProperty,
  'file-access': fileAccess,
  settings,
  'unlinked-upstream': unlinkedUpstream,
  'fastcgi-timeout': fastcgiTimeout,
};
