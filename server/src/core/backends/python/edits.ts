// Setting a Python server's idle timeout the way a person would, in the syntax of the file it
// goes in: the number rewritten where it wins (a Python or TOML assignment, a flag's value, an
// environment value), else the setting added where the server starts: a line in its config file
// (`keepalive = 90`), a flag after the program on its command line (`gunicorn --keep-alive 90`,
// in a plain command, an exec-form list or a YAML block list), or a keyword argument
// (`uvicorn.run(app, timeout_keep_alive=90)`).
import type { TextEdit } from '../../types';
import { editAt, type Locator } from '../endpoint';
import type { CommandSource } from './command';
import type { Addition } from './reading';
import type { Place } from './model';

export function replaceEdits(place: Place, seconds: number, locate: Locator): TextEdit[] | undefined {
  return editAt(locate(place.file, place.span), String(seconds));
}

export function additionEdits(addition: Addition, sources: CommandSource[], seconds: number, locate: Locator): TextEdit[] | undefined {
  switch (addition.kind) {
    case 'append': {
      const { text, path } = addition.file;
      const eol = text.includes('\r\n') ? '\r\n' : '\n';
      // TOML: a key after a [table] header would belong to that table; it goes before the first one.
      const table = path.endsWith('.toml') ? /^[ \t]*\[/m.exec(text) : null;
      const at = table ? table.index : text.length;
      const before = at > 0 && text[at - 1] !== '\n' ? eol : '';
      return editAt(locate(path, { start: at, end: at }), `${before}${addition.line(seconds)}${eol}`);
    }
    case 'keyword': {
      const { call, name, file } = addition;
      const at = call.lastArgumentEnd ?? call.close;
      return editAt(locate(file.path, { start: at, end: at }), `${call.lastArgumentEnd === undefined ? '' : ', '}${name}=${seconds}`);
    }
    case 'flag':
      return flagEdits(addition, sources, seconds, locate);
    case 'create':
      return undefined; // the raise's `creates` writes it
  }
}

/** `--keep-alive 90` right after the program word, in the form its command is written in. */
function flagEdits(
  addition: Extract<Addition, { kind: 'flag' }>,
  sources: CommandSource[],
  seconds: number,
  locate: Locator,
): TextEdit[] | undefined {
  const at = addition.program.at;
  if (!at) return undefined;
  const source = sources.find((s) => s.file === at.file && s.span.start <= at.span.start && at.span.end <= s.span.end);
  const text = source?.text ?? '';
  const offset = source ? at.span.start - source.span.start : 0;
  const end = offset + (at.span.end - at.span.start);
  const quote = text[offset - 1];
  const insertAt = (rel: number, newText: string) =>
    editAt(locate(at.file, { start: rel + (source?.span.start ?? 0), end: rel + (source?.span.start ?? 0) }), newText);
  // An exec-form list: ["gunicorn", "app:app"] -> ["gunicorn", "--keep-alive", "90", "app:app"]
  if ((quote === '"' || quote === "'") && text[end] === quote && /^\s*[,\]]/.test(text.slice(end + 1, end + 64)))
    return insertAt(end + 1, `, ${quote}${addition.flag}${quote}, ${quote}${seconds}${quote}`);
  // A YAML block list item: `- gunicorn` -> new items below it at the same column.
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const item = /^([ \t]*)-[ \t]+["']?$/.exec(text.slice(lineStart, offset));
  if (source && item) {
    const dash = lineStart + item[1].length;
    const column = locate(at.file, { start: source.span.start + dash, end: source.span.start + dash })?.range.start.character;
    if (column === undefined) return undefined;
    const closing = quote === '"' || quote === "'" ? 1 : 0;
    const indent = ' '.repeat(column);
    return insertAt(end + closing, `\n${indent}- ${addition.flag}\n${indent}- "${seconds}"`);
  }
  return insertAt(end, ` ${addition.flag} ${seconds}`);
}
