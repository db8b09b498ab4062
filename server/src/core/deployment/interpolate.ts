// Compose interpolation and `.env` files, as the compose specification says
// (docs.docker.com/reference/compose-file/interpolation/ and
// docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file-syntax):
// `${VAR}`, `$VAR`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`, `${VAR?err}`,
// `${VAR:+replacement}`, `${VAR+replacement}`, nested in defaults, and `$$` for a literal `$`.
// Only the `.env` beside the compose file is known here: the shell's variables are not, so a
// variable it does not set is taken as unset (compose's empty string) and said so.

export interface Interpolated {
  value: string;
  /** Variables the text used that `.env` does not set (compose would read them from the shell). */
  unset: string[];
  /** `${VAR:?message}` whose variable is unset or empty: compose stops with that message. */
  required: string[];
}

const name = /^[_a-zA-Z][_a-zA-Z0-9]*/;

export function interpolate(text: string, variables: ReadonlyMap<string, string>): Interpolated {
  const unset: string[] = [];
  const required: string[] = [];
  const value = expand(text, variables, unset, required, 0);
  return { value, unset, required };
}

function expand(text: string, vars: ReadonlyMap<string, string>, unset: string[], required: string[], depth: number): string {
  if (!text.includes('$') || depth > 20) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const close = matchingBrace(text, i + 2);
      if (close < 0) {
        out += text.slice(i); // an unclosed `${`: compose rejects it; kept as written
        break;
      }
      out += braced(text.slice(i + 2, close), vars, unset, required, depth);
      i = close + 1;
      continue;
    }
    const match = name.exec(text.slice(i + 1));
    if (!match) {
      out += '$'; // not a variable: kept
      i++;
      continue;
    }
    out += lookup(match[0], vars, unset);
    i += 1 + match[0].length;
  }
  return out;
}

function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function lookup(variable: string, vars: ReadonlyMap<string, string>, unset: string[]): string {
  const value = vars.get(variable);
  if (value === undefined) {
    if (!unset.includes(variable)) unset.push(variable);
    return '';
  }
  return value;
}

function braced(inner: string, vars: ReadonlyMap<string, string>, unset: string[], required: string[], depth: number): string {
  const match = name.exec(inner);
  if (!match) return '${' + inner + '}';
  const variable = match[0];
  const rest = inner.slice(variable.length);
  if (rest === '') return lookup(variable, vars, unset);
  const operator = /^(:?[-?+])/.exec(rest)?.[1];
  if (!operator) return '${' + inner + '}'; // `${VAR/a/b}` and the like: not supported by compose
  const argument = rest.slice(operator.length);
  const value = vars.get(variable);
  const set = value !== undefined;
  const nonEmpty = set && value !== '';
  const arg = () => expand(argument, vars, unset, required, depth + 1);
  switch (operator) {
    case ':-':
      return nonEmpty ? value : arg();
    case '-':
      return set ? value : arg();
    case ':+':
      return nonEmpty ? arg() : '';
    case '+':
      return set ? arg() : '';
    case ':?':
    case '?':
      if (operator === ':?' ? nonEmpty : set) return value ?? '';
      if (!set && !unset.includes(variable)) unset.push(variable);
      required.push(`${variable}: ${arg() || 'required'}`);
      return '';
  }
  return '';
}

/**
 * A `.env` file's variables, by the compose docs' syntax: `#` comment lines, `KEY=VALUE` or
 * `KEY: VALUE`, an optional `export `, values trimmed, `"..."` (escapes, interpolation) and
 * `'...'` (literal, may span lines), an inline comment after a space for unquoted values.
 * Unquoted and double-quoted values interpolate from the variables above them.
 */
export function readDotEnv(text: string): {
  variables: Map<string, string>;
  bad: { line: number; text: string }[];
  /** The line each variable is (last) set on. */
  lineOf: Map<string, number>;
} {
  const variables = new Map<string, string>();
  const lineOf = new Map<string, number>();
  const bad: { line: number; text: string }[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (line === '' || line.startsWith('#')) continue;
    // A name alone takes the shell's value (compose-go dotenv: "inherited"), unknown here.
    if (/^(?:export\s+)?[_a-zA-Z][_a-zA-Z0-9.]*$/.test(line)) continue;
    const match = /^(?:export\s+)?([_a-zA-Z][_a-zA-Z0-9.]*)\s*[=:]\s*(.*)$/.exec(line);
    if (!match) {
      bad.push({ line: n, text: lines[n] });
      continue;
    }
    const [, key, raw] = match;
    lineOf.set(key, n);
    let value: string;
    if (raw.startsWith("'")) {
      let body = raw.slice(1);
      let end = closingQuote(body, "'");
      while (end < 0 && n + 1 < lines.length) {
        body += '\n' + lines[++n];
        end = closingQuote(body, "'");
      }
      value = (end < 0 ? body : body.slice(0, end)).replace(/\\'/g, "'");
    } else if (raw.startsWith('"')) {
      const body = raw.slice(1);
      const end = closingQuote(body, '"');
      const inner = end < 0 ? body : body.slice(0, end);
      const unescaped = inner.replace(/\\(["\\nrt])/g, (_, ch: string) => ({ n: '\n', r: '\r', t: '\t' })[ch] ?? ch);
      value = interpolate(unescaped, variables).value;
    } else {
      const comment = raw.search(/(?:^|\s)#/);
      value = interpolate((comment < 0 ? raw : raw.slice(0, comment)).trim(), variables).value;
    }
    variables.set(key, value);
  }
  return { variables, bad, lineOf };
}

function closingQuote(text: string, quote: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}
