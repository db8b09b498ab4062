// Bundles the extension client, the language server and the CLI into dist/ with esbuild.
// The type check is tsc's job (npm run compile); this step only packs what tsc accepted.
// TIMEOUT_CHAIN_DIST=folder bundles there instead (to test or bench a build beside dist/).
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // jsonc-parser's UMD build requires its parts at run time; its ES module build bundles.
  mainFields: ['module', 'main'],
};

const outdir = process.env.TIMEOUT_CHAIN_DIST ?? 'dist';

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: `${outdir}/client.js`, external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: `${outdir}/server.js` }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: `${outdir}/cli.js` }),
]);
