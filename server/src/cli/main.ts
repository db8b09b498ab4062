import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, usage } from './args';
import { countBySeverity, jsonReport, textReport } from './report';
import { sarifReport } from './sarif';
import { analyzeFolder } from '../node/analyzeFolder';
import { chainsOf } from '../core/chains';
import { chainsHtmlPage, chainsJson, chainsText } from './chains';
import { packageVersion } from '../node/packageInfo';

/** Runs the CLI and returns its exit status: 0 clean, 1 findings of warning or worse, 2 usage or internal error. */
export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  const command = parseArgs(argv);
  if ('error' in command) {
    process.stderr.write(`timeout-chain: ${command.error}\n\n${usage}\n`);
    return 2;
  }
  if (command.command === 'help') {
    process.stdout.write(usage + '\n');
    return 0;
  }
  if (command.command === 'version') {
    process.stdout.write(packageVersion() + '\n');
    return 0;
  }
  if (!fs.existsSync(command.dir) || !fs.statSync(command.dir).isDirectory()) {
    process.stderr.write(`timeout-chain: "${command.dir}" is not a folder\n`);
    return 2;
  }
  const result = await analyzeFolder(command.dir, { nginxVersion: command.nginxVersion });
  const invalid = result.settingsFile?.invalidJson;
  if (invalid) {
    // Settings decide what is read and linked: a report made without them would mislead.
    const at = result.settingsFile!.lines.positionAt(invalid.span.start);
    process.stderr.write(
      `timeout-chain: ${path.relative(cwd, result.settingsFile!.path) || result.settingsFile!.path}:${at.line + 1}:${at.character + 1}: ${invalid.message}\n`,
    );
    return 2;
  }
  if (command.command === 'chains') {
    const chains = chainsOf(result.analysis);
    const render = { json: chainsJson, text: chainsText, html: (c: typeof chains) => chainsHtmlPage(c, result.analysis.rootDir) }[
      command.format
    ];
    return write(command.output, render(chains));
  }
  const report =
    command.format === 'sarif'
      ? sarifReport(result, packageVersion())
      : command.format === 'json'
        ? jsonReport(result)
        : textReport(result, cwd);
  if (write(command.output, report) === 2) return 2;
  if (command.format !== 'text')
    for (const error of [...result.settingsErrors, ...result.internalErrors]) process.stderr.write(`timeout-chain: ${error}\n`);
  if (result.internalErrors.length > 0) return 2;
  const counts = countBySeverity(result.findings);
  return counts.error + counts.warning > 0 ? 1 : 0;
}

/** The process entry point: never throws, sets the exit status. */
export async function run(): Promise<void> {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`timeout-chain: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  }
}

if (require.main === module) void run();

/** Writes a report to `output`, or to standard output; 2 when the file cannot be written, else 0. */
function write(output: string | undefined, report: string): number {
  if (!output) {
    process.stdout.write(report);
    return 0;
  }
  try {
    fs.writeFileSync(output, report);
    return 0;
  } catch (error) {
    process.stderr.write(
      `timeout-chain: cannot write ${output}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not exist' : (error as Error).message}\n`,
    );
    return 2;
  }
}
