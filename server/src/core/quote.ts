// What a message may quote of a file: at most 40 characters of any token. A repository is
// untrusted, and messages travel (SARIF uploads, CI logs): a file holding `API_KEY=sk-live-...`
// must not have it copied whole into a report.

export const maxQuotedLength = 40;

/** A token's text for a message: cut to 40 characters (with "..."), control characters shown as escapes. */
export function quoteToken(text: string, max = maxQuotedLength): string {
  const cut = text.length > max ? `${text.slice(0, max - 3)}...` : text;
  // eslint-disable-next-line no-control-regex -- control characters are what this escapes
  return cut.replace(/[\u0000-\u001f\u007f]/g, (c) =>
    c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/** A reader's message with every quoted part ('...' or "...") cut to 40 characters. */
export function shortenQuoted(message: string): string {
  return message.replace(/(['"])([^'"]{41,})\1/g, (_whole, quote: string, inner: string) => `${quote}${quoteToken(inner)}${quote}`);
}

/** A clause as a sentence of its own, after a short first one: capitalised, with a full stop. */
export function asSentence(clause: string): string {
  const text = clause.charAt(0).toUpperCase() + clause.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * Shell-like words (quotes and an escape character, `\\` unless a Dockerfile's `# escape=`
 * directive names another), as compose splits a string `command:`, a shell a command line, and
 * Docker the arguments of COPY, ADD, ENV and ARG. Nothing escapes inside single quotes.
 */
export function shellWords(line: string, escape = '\\'): string[] {
  const out: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === escape && quote !== "'" && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (quote) {
      if (c === quote) quote = undefined;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) out.push(word);
  return out;
}
