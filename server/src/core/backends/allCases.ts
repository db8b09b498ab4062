// Every backend kind's table of endpoint cases, by kind id. Imported by tests only.
import type { EndpointCase } from './cases';
import { cases as tomcat } from './tomcat/cases';
import { cases as springboot } from './springboot/cases';
import { cases as phpfpm } from './phpfpm/cases';
import { cases as python } from './python/cases';
import { cases as nodejs } from './nodejs/cases';
import { cases as go } from './go/cases';
import { cases as apache } from './apache/cases';
import { cases as uwsgi } from './uwsgi/cases';

export const endpointCaseTables: Record<string, EndpointCase[]> = {
  tomcat,
  springboot,
  'php-fpm': phpfpm,
  python,
  nodejs,
  go,
  apache,
  uwsgi,
};
