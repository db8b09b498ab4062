// `*_by_lua_block { ... }` bodies are Lua source (lua-nginx-module reads them with its own lexer):
// braces inside Lua strings, comments and long brackets do not count.

/** Offset of the `}` closing a Lua block whose body starts at `from`, or -1 if the file ends first. */
export function skipLuaBlock(text: string, from: number): number {
  let depth = 1;
  let i = from;
  const length = text.length;
  while (i < length) {
    const c = text[i];
    if (c === '-' && text[i + 1] === '-') {
      const level = longBracketLevel(text, i + 2);
      if (level >= 0) i = skipLongBracket(text, i + 2, level);
      else while (i < length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < length && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '[') {
      const level = longBracketLevel(text, i);
      if (level >= 0) {
        i = skipLongBracket(text, i, level);
        continue;
      }
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
    i++;
  }
  return -1;
}

/** `[[` is level 0, `[==[` level 2; -1 when `at` does not open a long bracket. */
function longBracketLevel(text: string, at: number): number {
  if (text[at] !== '[') return -1;
  let level = 0;
  while (text[at + 1 + level] === '=') level++;
  return text[at + 1 + level] === '[' ? level : -1;
}

/** The offset just past the long bracket opened at `at` (the end of the text when unclosed). */
function skipLongBracket(text: string, at: number, level: number): number {
  const close = ']' + '='.repeat(level) + ']';
  const end = text.indexOf(close, at + level + 2);
  return end < 0 ? text.length : end + close.length;
}
