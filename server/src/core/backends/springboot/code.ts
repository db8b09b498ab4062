// Tomcat timeouts set in an application's Java or Kotlin code: `connector.setProperty("keepAliveTimeout",
// "7000")`, `protocol.setKeepAliveTimeout(7000)`, Kotlin's `protocol.keepAliveTimeout = 7000`, with
// literals, products of literals (`60 * 1000`) and constants of the same file. Where a customizer
// runs decides what wins (Spring Boot 2.7 to 4.0, read in its source): `TomcatConnectorCustomizer`
// and `TomcatProtocolHandlerCustomizer` beans before the `server.tomcat.*` properties, a
// `WebServerFactoryCustomizer` bean of default order after them. Only files a cheap text test
// passes are read at all (mayHoldTomcatTimeouts).
import type { Span } from '../../types';

export type CodeTimeout = 'keepAliveTimeout' | 'connectionTimeout' | 'maxKeepAliveRequests';

export interface CodeSetting {
  name: CodeTimeout;
  /** Milliseconds (or requests); undefined when the code computes it. */
  value?: number;
  /** The call, for a value the code computes; the literal otherwise (what a raise edits). */
  span: Span;
  /** `before`: a connector or protocol customizer bean, which the properties override; `after`: a factory customizer, which overrides them. */
  runs: 'before' | 'after';
  /** The span is a string literal (`setProperty("keepAliveTimeout", "7000")`): a raise writes quotes too. */
  quoted: boolean;
}

export interface CodeFile {
  path: string;
  settings: CodeSetting[];
}

/** Names a file must hold to be read: a Tomcat customizer or protocol, and a timeout's name. */
export function mayHoldTomcatTimeouts(text: string): boolean {
  return (
    /Tomcat\w*Customizer|AbstractHttp11Protocol|TomcatServletWebServerFactory|TomcatReactiveWebServerFactory/.test(text) &&
    /(?:keepAlive|connection)Timeout|KeepAliveRequests/i.test(text)
  );
}

export function readCode(path: string, text: string): CodeFile {
  if (!mayHoldTomcatTimeouts(text)) return { path, settings: [] };
  const code = blankComments(text);
  const constants = constantsIn(code);
  const late = lateCustomizerStart(code);
  const settings: CodeSetting[] = [];
  const calls = [
    // connector.setProperty("keepAliveTimeout", "7000")
    /\bsetProperty\s*\(\s*"(keepAliveTimeout|connectionTimeout|maxKeepAliveRequests)"\s*,\s*/g,
    // protocol.setKeepAliveTimeout(7000)
    /\.set(KeepAliveTimeout|ConnectionTimeout|MaxKeepAliveRequests)\s*\(\s*/g,
    // Kotlin: protocol.keepAliveTimeout = 7000
    /\.(keepAliveTimeout|connectionTimeout|maxKeepAliveRequests)\s*=(?!=)\s*/g,
  ];
  for (const pattern of calls) {
    for (const m of code.matchAll(pattern)) {
      const name = (m[1][0].toLowerCase() + m[1].slice(1)) as CodeTimeout;
      const start = m.index! + m[0].length;
      const end = argumentEnd(code, start, pattern !== calls[2]);
      const argument = code.slice(start, end).trim();
      const argumentStart = start + code.slice(start, end).indexOf(argument);
      const value = evaluate(argument, constants);
      // The literal a raise rewrites: the constant's, else the argument; the whole call when computed.
      const span = value ? (value.literal ?? { start: argumentStart, end: argumentStart + argument.length }) : { start: m.index!, end };
      const runs = late !== undefined && m.index! > late ? 'after' : 'before';
      settings.push({ name, value: value?.value, span, runs, quoted: value?.quoted ?? false });
    }
  }
  return { path, settings: settings.sort((a, b) => a.span.start - b.span.start) };
}

/**
 * Where a factory customizer's code starts: a class implementing WebServerFactoryCustomizer or a
 * bean returning one, unless it asks to run first (`@Order(` a negative number, HIGHEST_PRECEDENCE).
 */
function lateCustomizerStart(code: string): number | undefined {
  const m = /WebServerFactoryCustomizer\s*</.exec(code);
  if (!m) return undefined;
  return /@Order\s*\(\s*(?:-|Ordered\.HIGHEST_PRECEDENCE)|getOrder\s*\([^)]*\)[^{]*\{\s*return\s*(?:-|Ordered\.HIGHEST_PRECEDENCE)/.test(
    code,
  )
    ? undefined
    : m.index;
}

/** The end of a call's argument (its closing parenthesis), or of a Kotlin assignment (its line). */
function argumentEnd(code: string, from: number, call: boolean): number {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const c = code[i];
    if (c === '"') {
      const close = code.indexOf('"', i + 1);
      i = close < 0 ? code.length : close;
    } else if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return i;
      depth--;
    } else if (!call && depth === 0 && (c === '\n' || c === ';')) return i;
  }
  return code.length;
}

interface Evaluated {
  value: number;
  /** The constant's literal the value comes from (a raise rewrites it there). */
  literal?: Span;
  quoted?: boolean;
}

/** `7000`, `"7000"`, `7_000L`, `60 * 1000`, `TIMEOUT` (a constant of the file); undefined for anything computed. */
function evaluate(argument: string, constants: Map<string, { value: number; literal: Span }>): Evaluated | undefined {
  const quoted = /^"(\d+)"$/.exec(argument);
  if (quoted) return { value: Number(quoted[1]), quoted: true };
  if (/^\d[\d_]*[lL]?$/.test(argument)) return { value: Number(argument.replace(/[_lL]/g, '')) };
  const product = /^\d[\d_]*[lL]?(?:\s*\*\s*\d[\d_]*[lL]?)+$/.exec(argument);
  if (product) return { value: argument.split('*').reduce((n, f) => n * Number(f.trim().replace(/[_lL]/g, '')), 1) };
  const constant = constants.get(argument);
  return constant ? { value: constant.value, literal: constant.literal } : undefined; // its digits alone are rewritten
}

/** `static final int TIMEOUT = 7000;`, `const val TIMEOUT = 7000`, `private val TIMEOUT = "7000"`. */
function constantsIn(code: string): Map<string, { value: number; literal: Span }> {
  const constants = new Map<string, { value: number; literal: Span }>();
  const declaration =
    /\b(?:final\s+(?:int|long|Integer|Long|String)|const\s+val|val)\s+([A-Za-z_]\w*)(?:\s*:\s*\w+)?\s*=\s*("?)(\d[\d_]*)[lL]?\2\s*[;\n]/g;
  for (const m of code.matchAll(declaration)) {
    const start = m.index! + m[0].indexOf(m[2] + m[3]) + m[2].length;
    constants.set(m[1], { value: Number(m[3].replace(/_/g, '')), literal: { start, end: start + m[3].length } });
  }
  return constants;
}

/** Java and Kotlin comments as spaces, offsets kept (a `//` inside a string stays). */
function blankComments(text: string): string {
  return text.replace(/"(?:[^"\\\n]|\\.)*"|\/\*[\s\S]*?(?:\*\/|$)|\/\/[^\n]*/g, (m) => (m.startsWith('"') ? m : m.replace(/[^\n]/g, ' ')));
}
