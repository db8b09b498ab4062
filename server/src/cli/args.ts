// `timeout-chain check DIR [--format text|json|sarif] [--nginx-version X.Y.Z]` and
// `timeout-chain chains DIR [--format text|json|html]`

export type Format = 'text' | 'json' | 'sarif';
export type ChainsFormat = 'text' | 'json' | 'html';

export interface CheckCommand {
  command: 'check';
  dir: string;
  format: Format;
  nginxVersion?: string;
  output?: string;
}

export interface ChainsCommand {
  command: 'chains';
  dir: string;
  format: ChainsFormat;
  nginxVersion?: string;
  output?: string;
}

export type Command = CheckCommand | ChainsCommand | { command: 'help' } | { command: 'version' };

export const usage = `Usage: timeout-chain check DIR [options]
       timeout-chain chains DIR [options]

check: reads the nginx configuration under DIR and the servers behind it (Tomcat, Spring Boot),
links each nginx upstream to the server it proxies to, and reports timeout settings that make
nginx answer 502. chains: prints each chain (locations -> upstream -> server -> backend) with
every hop's idle timeout and the verdict (JSON schema: docs/chains.schema.json), or as one
self-contained HTML page with a picture of each race.

Options:
  --format text|json|sarif   output format (default: text; chains: text, json or html)
  --nginx-version X.Y.Z      nginx version whose defaults apply (default: the newest, 1.29.7+)
  --output FILE              write the report to FILE instead of standard output
  -h, --help                 show this help
  --version                  show the version

Exit status: 0 no findings of warning severity or worse, 1 such findings, 2 usage or internal error.
Settings: DIR/timeout-chain.json (links, nginx.version, nginx.prefixMap, exclude, fix margins).`;

export function parseArgs(argv: string[]): Command | { error: string } {
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) return { command: 'help' };
  if (argv.includes('--version')) return { command: 'version' };
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'chains') return { error: `unknown command "${command}"` };
  let dir: string | undefined;
  let format: Format | ChainsFormat = 'text';
  let nginxVersion: string | undefined;
  let output: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? rest[++i];
    if (flag === '--format') {
      const f = value();
      if (command === 'chains') {
        if (f !== 'text' && f !== 'json' && f !== 'html') return { error: `chains --format takes text, json or html, not "${f ?? ''}"` };
      } else if (f !== 'text' && f !== 'json' && f !== 'sarif') return { error: `--format takes text, json or sarif, not "${f ?? ''}"` };
      format = f;
    } else if (flag === '--nginx-version') {
      nginxVersion = value();
      if (!nginxVersion || !/^\d+\.\d+(\.\d+)?$/.test(nginxVersion))
        return { error: `--nginx-version takes a version such as 1.24.0, not "${nginxVersion ?? ''}"` };
    } else if (flag === '--output') {
      output = value();
      if (!output) return { error: '--output needs a file name' };
    } else if (flag.startsWith('-')) return { error: `unknown option "${flag}"` };
    else if (dir === undefined) dir = arg;
    else return { error: `unexpected argument "${arg}": give one folder` };
  }
  if (dir === undefined) return { error: `${command} needs a folder: timeout-chain ${command} DIR` };
  if (command === 'chains') return { command, dir, format: format as ChainsFormat, nginxVersion, output };
  return { command: 'check', dir, format: format as Format, nginxVersion, output };
}
