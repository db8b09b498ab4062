// Adding a `links` entry to timeout-chain.json: into its `links` list (made when absent), keeping
// the file's indentation, line ends and everything else as written; or a new file when there is
// none. A file the settings reader refuses takes no entry: the entry would not be read either.
import * as path from 'node:path';
import { findNodeAtLocation, modify, parseTree, type FormattingOptions } from 'jsonc-parser';
import type { Analysis } from '../../analysis';
import type { ExplicitLink } from '../../settings';
import { settingsFileName } from '../../settingsFile';
import type { Fix } from '../../types';

/** The edits (and the file created, when there is none) that add `link`; undefined when the file cannot take it. */
export function addLinkEdits(analysis: Analysis, link: ExplicitLink): Pick<Fix, 'createsFiles' | 'edits'> | undefined {
  const file = analysis.settingsFile;
  if (!file) {
    const created = path.join(analysis.rootDir, settingsFileName);
    const text = JSON.stringify({ links: [link] }, null, 2) + '\n';
    return { createsFiles: [created], edits: [{ file: created, range: emptyRange, newText: text }] };
  }
  if (file.invalidJson) return undefined;
  // As parseSettingsFile reads it: a byte order mark stands for a space (offsets stay).
  const json = file.text.charCodeAt(0) === 0xfeff ? ' ' + file.text.slice(1) : file.text;
  const tree = parseTree(json);
  if (tree?.type !== 'object') return undefined;
  const links = findNodeAtLocation(tree, ['links']);
  if (links && links.type !== 'array') return undefined;
  const edits = modify(json, ['links', -1], link, { formattingOptions: formattingOf(json) });
  return {
    edits: edits.map((edit) => ({
      file: file.path,
      range: file.lines.rangeOf({ start: edit.offset, end: edit.offset + edit.length }),
      newText: edit.content,
    })),
  };
}

const emptyRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The indentation and line ends the file is written with (two spaces and \n when it shows none). */
function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^([ \t]+)\S/m.exec(text)?.[1];
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: indent?.length ?? 2, eol };
}
