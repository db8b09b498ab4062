// Where a folder's settings come from: `timeout-chain.json` at its root, under the editor's
// `timeoutChain.*` settings. The editor's come by `workspace/configuration` when the client
// supports it, else from what it pushed last in `workspace/didChangeConfiguration` (plain LSP
// clients such as Neovim or Helix send `{ settings: { timeoutChain: {...} } }` that way).
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import { defaultSettings, readSettings, type AnalysisSettings } from '../core/settings';
import { readSettingsFile } from '../node/settingsFile';
import type { SettingsFile } from '../core/settingsFile';

export class SettingsSource {
  private pushed: unknown;
  private readonly reported = new Map<string, Set<string>>();

  constructor(
    private readonly connection: Connection,
    private readonly canAsk: () => boolean,
  ) {}

  /** Keeps what a client without `workspace/configuration` sent in didChangeConfiguration. */
  pushedByClient(params: unknown): void {
    const settings = (params as { settings?: unknown } | undefined)?.settings;
    if (typeof settings === 'object' && settings !== null) this.pushed = (settings as Record<string, unknown>).timeoutChain;
  }

  /**
   * The settings of the folder at `rootDir`, and its `timeout-chain.json` when there is one (its
   * problems become diagnostics on it, from the analysis); with neither, those of files open
   * outside every folder (the editor's settings alone).
   */
  async read(uri: string | undefined, rootDir: string | undefined): Promise<{ settings: AnalysisSettings; file?: SettingsFile }> {
    const fromFile = rootDir ? readSettingsFile(rootDir) : { settings: defaultSettings, errors: [], file: undefined };
    let section = this.pushed;
    let filesExclude: unknown;
    if (this.canAsk())
      [section, filesExclude] = await this.connection.workspace.getConfiguration([
        { scopeUri: uri, section: 'timeoutChain' },
        { scopeUri: uri, section: 'files.exclude' },
      ]);
    const read = readSettings(section, fromFile.settings);
    this.report(`folder ${rootDir ?? '(none)'}`, [...fromFile.errors, ...read.errors.map((e) => `timeoutChain.${e}`)]);
    const editorExcludes = Object.entries(isRecord(filesExclude) ? filesExclude : {})
      .filter(([, on]) => on === true)
      .map(([glob]) => glob);
    return { settings: { ...read.settings, exclude: [...read.settings.exclude, ...editorExcludes] }, file: fromFile.file };
  }

  /**
   * Says settings errors in the log and in a message the user sees, each error once while it
   * lasts: the analysis runs on every keystroke and must not repeat them (or pop a message) each time.
   * `source` groups errors that come and go together (one folder's settings, one folder's analysis).
   */
  report(source: string, errors: string[]): void {
    // Fresh: said by no source now (two folders, or a folder and its analysis, may say the same).
    const current = new Set([...this.reported.values()].flatMap((set) => [...set]));
    const fresh = [...new Set(errors)].filter((e) => !current.has(e));
    this.reported.set(source, new Set(errors));
    if (fresh.length === 0) return;
    for (const error of fresh) this.connection.console.warn(`timeout-chain settings: ${error}`);
    const message =
      fresh.length === 1
        ? `timeout-chain: ${fresh[0]}`
        : `timeout-chain: ${fresh.length} settings errors, the first: ${fresh[0]} (see the output)`;
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
