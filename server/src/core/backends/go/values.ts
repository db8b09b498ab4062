// The values of Go expressions a server's fields are written with: durations (`90 * time.Second`,
// `2*time.Minute + 30*time.Second`, a constant of the file, `time.Duration(n) * time.Second`) and
// addresses (`":8080"`, `":" + os.Getenv("PORT")`, a variable with a fallback). Anything the code
// computes otherwise is not known here.
import type { BackendRuntime } from '../kind';
import type { GoExpression, GoSourceFile } from './source';
import { namedPorts } from './defaults';

const unitNs: Record<string, number> = {
  Nanosecond: 1,
  Microsecond: 1e3,
  Millisecond: 1e6,
  Second: 1e9,
  Minute: 60e9,
  Hour: 3600e9,
};

export interface GoDuration {
  /** Nanoseconds; undefined when the code computes it. */
  ns?: number;
  /** The expression a raise rewrites: the constant's when the value comes from one. */
  written: GoExpression;
}

/** A duration expression's value in nanoseconds (an untyped number is nanoseconds, as time.Duration is). */
export function durationOf(expression: GoExpression, file: GoSourceFile): GoDuration {
  const constant = file.constants.get(expression.text);
  if (constant) return { ns: evaluate(constant.text, file, 0), written: constant };
  return { ns: evaluate(expression.text, file, 0), written: expression };
}

function evaluate(text: string, file: GoSourceFile, depth: number): number | undefined {
  if (depth > 8) return undefined;
  const expression = stripParens(text.trim());
  const terms = splitOutside(expression, '+');
  if (terms.length > 1) return sum(terms.map((t) => evaluate(t, file, depth + 1)));
  const factors = splitOutside(expression, '*');
  if (factors.length > 1) return product(factors.map((f) => evaluate(f, file, depth + 1)));
  if (/^\d[\d_]*$/.test(expression)) return Number(expression.replace(/_/g, ''));
  if (expression.startsWith('-')) {
    const negated = evaluate(expression.slice(1), file, depth + 1);
    return negated === undefined ? undefined : -negated;
  }
  const unit = /^time\.(\w+)$/.exec(expression);
  if (unit) return unitNs[unit[1]];
  const conversion = /^(?:time\.Duration|int64|int)\((.*)\)$/.exec(expression);
  if (conversion) return evaluate(conversion[1], file, depth + 1);
  const constant = file.constants.get(expression);
  return constant ? evaluate(constant.text, file, depth + 1) : undefined;
}

const sum = (values: (number | undefined)[]) => (values.includes(undefined) ? undefined : values.reduce((a, b) => a! + b!, 0));
const product = (values: (number | undefined)[]) => (values.includes(undefined) ? undefined : values.reduce((a, b) => a! * b!, 1));

function stripParens(text: string): string {
  while (text.startsWith('(') && text.endsWith(')') && closes(text)) text = text.slice(1, -1).trim();
  return text;
}

/** Whether the `(` opening a text is closed by its last character. */
function closes(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i === text.length - 1;
  }
  return false;
}

/** Parts of an expression split on an operator outside brackets and strings. */
function splitOutside(text: string, operator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === operator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

export interface GoAddress {
  port?: number;
  /** Where the port is written in the environment, when it comes from there. */
  from?: string;
}

/** The port an address expression gives, with the environment the deployment sets. */
export function addressOf(expression: GoExpression, file: GoSourceFile, runtime: BackendRuntime | undefined): GoAddress {
  const value = stringOf(expression.text, file, runtime, 0);
  if (value === undefined) return {};
  const m = /:([\w-]*)$/.exec(value.text);
  if (!m) return { from: value.from };
  const port = /^\d+$/.test(m[1]) ? Number(m[1]) : namedPorts[m[1]];
  return { port: port !== undefined && port > 0 && port < 65536 ? port : undefined, from: value.from };
}

interface StringValue {
  text: string;
  from?: string;
}

function stringOf(text: string, file: GoSourceFile, runtime: BackendRuntime | undefined, depth: number): StringValue | undefined {
  if (depth > 8) return undefined;
  const expression = stripParens(text.trim());
  const parts = splitOutside(expression, '+');
  if (parts.length > 1) {
    const values = parts.map((p) => stringOf(p, file, runtime, depth + 1));
    if (values.some((v) => v === undefined)) return undefined;
    return { text: values.map((v) => v!.text).join(''), from: values.find((v) => v!.from)?.from };
  }
  const literal = /^"((?:[^"\\]|\\.)*)"$|^`([^`]*)`$/.exec(expression);
  if (literal) return { text: literal[1] ?? literal[2] };
  const getenv = /^os\.Getenv\(\s*"(\w+)"\s*\)$/.exec(expression);
  if (getenv) {
    const set = runtime?.environment.get(getenv[1]);
    return { text: set?.value ?? '', from: set ? `${getenv[1]} in the environment of ${runtime!.description}` : undefined };
  }
  const constant = file.constants.get(expression);
  if (constant) return stringOf(constant.text, file, runtime, depth + 1);
  // A variable: its first assignment, else (empty, as an unset PORT gives) the literal a later one falls back to.
  const assignments = file.variables.get(expression);
  if (!assignments) return undefined;
  const first = stringOf(assignments[0].text, file, runtime, depth + 1);
  if (first && first.text !== '') return first;
  for (const later of assignments.slice(1)) {
    const value = stringOf(later.text, file, runtime, depth + 1);
    if (value && value.text !== '') return value;
  }
  return first;
}

/** A duration as Go code: `90 * time.Second` where the file imports time, else nanoseconds (an untyped constant). */
export function goDuration(ms: number, importsTime: boolean): string {
  if (!importsTime) return String(Math.round(ms * 1e6));
  if (ms % 60_000 === 0 && ms >= 60_000) return `${ms / 60_000} * time.Minute`;
  if (ms % 1000 === 0) return `${ms / 1000} * time.Second`;
  return `${ms} * time.Millisecond`;
}
