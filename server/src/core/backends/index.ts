// Every backend kind. A new kind is a folder under backends/ plus one line here.
import type { AnyBackendKind } from './kind';
import { tomcatKind } from './tomcat';
import { springBootKind } from './springboot';
import { phpFpmKind } from './phpfpm';
import { pythonKind } from './python';
import { nodeKind } from './nodejs';
import { goKind } from './go';
import { apacheKind } from './apache';
import { uwsgiKind } from './uwsgi';

export const backendKinds: readonly AnyBackendKind[] = [
  tomcatKind,
  springBootKind,
  phpFpmKind,
  pythonKind,
  nodeKind,
  goKind,
  apacheKind,
  uwsgiKind,
];
