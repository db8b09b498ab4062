// Whole workspaces: nginx files (main, conf.d, snippets) + one or two Tomcat trees (server.xml,
// catalina.properties) + settings, laid out as a repository, an /etc-style tree or a deploy
// folder, with a few mutations now and then. Races are common, so quick fixes are too.
import * as fc from 'fast-check';
import type { FuzzInput } from '../input';
import { settingsFile } from '../input';
import { bom, lineEnding, mutate, mutation, withLineEndings } from './common';
import { nginxFiles } from './nginx';
import { properties, serverXml } from './tomcat';
import { settingsText } from './settings';

const layout = fc.constantFrom('nginx', 'etc/nginx', 'deploy/nginx');

export const workspaceInput: fc.Arbitrary<FuzzInput> = fc
  .record({
    root: layout,
    nginx: nginxFiles,
    tomcats: fc.array(
      fc.tuple(
        fc.constantFrom('tomcat', 'app', 'app1', 'b/tomcat'),
        serverXml,
        fc.option(
          fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom('t=90000\n', 't=5000\nu=7000\n', 'port=8080\nt=${u}\nu=20000\n') },
            { weight: 1, arbitrary: properties },
          ),
          { nil: undefined },
        ),
      ),
      { minLength: 1, maxLength: 2 },
    ),
    settings: fc.option(
      fc.oneof(
        {
          weight: 3,
          arbitrary: fc.constantFrom(
            '{"nginx": {"prefixMap": {"/etc/nginx": "ROOT"}}}',
            '{"nginx": {"version": "1.24.0"}}',
            '{"links": [{"upstream": "app", "serverXml": "tomcat/conf/server.xml", "port": 8080}]}',
          ),
        },
        { weight: 1, arbitrary: settingsText },
      ),
      { nil: undefined },
    ),
    mutations: fc.option(fc.tuple(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 })), { nil: undefined, freq: 3 }),
  })
  .map(({ root, nginx, tomcats, settings, mutations }): FuzzInput => {
    const files: Record<string, string> = {
      [`${root}/nginx.conf`]: nginx.main,
      [`${root}/snippets/proxy.conf`]: nginx.snippet,
      [`${root}/proxy_params`]: 'proxy_set_header Host $host;\n',
    };
    nginx.confD.forEach((text, i) => (files[`${root}/conf.d/${'ab'[i] ?? i}.conf`] = text));
    for (const [dir, xml, props] of tomcats) {
      files[`${dir}/conf/server.xml`] = xml;
      if (props !== undefined) files[`${dir}/conf/catalina.properties`] = props;
    }
    if (settings !== undefined) files[settingsFile] = settings.replace('ROOT', root);
    if (mutations) {
      const names = Object.keys(files);
      const target = names[mutations[0] % names.length];
      files[target] = mutate(files[target], mutations[1]);
    }
    return { kind: 'workspace', files };
  });

/** A workspace with its line ends made CRLF, CR or mixed and BOMs at the start of files. */
export const lineEndingInput: fc.Arbitrary<FuzzInput> = fc.tuple(workspaceInput, lineEnding, bom).map(([input, ending, mark]) => ({
  kind: 'line-endings',
  files: Object.fromEntries(
    Object.entries(input.files).map(([file, text]) => [file, (file === settingsFile ? '' : mark) + withLineEndings(text, ending)]),
  ),
}));
