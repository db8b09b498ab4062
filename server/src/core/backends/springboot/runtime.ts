// What the deployment says about how a Spring Boot application is started, as Spring reads it:
// the environment (relaxed binding), SPRING_APPLICATION_JSON, `-D` system properties in
// JAVA_TOOL_OPTIONS (which every JVM reads), in JAVA_OPTS where the command expands it, or on the
// command itself, and `--name=value` arguments after the jar.
import type { BackendRuntime } from '../kind';
import { flatName, type RuntimeSources, type RuntimeValue } from './resolve';

export function runtimeSources(runtime: BackendRuntime | undefined): RuntimeSources {
  if (!runtime) return {};
  const environment = new Map<string, RuntimeValue>();
  for (const [name, set] of runtime.environment) environment.set(flatName(name), set);
  const systemProperties = new Map<string, RuntimeValue>();
  const commandLine = new Map<string, RuntimeValue>();
  const command = runtime.commandLine.join(' ');
  const expandsJavaOpts = /\$\{?JAVA_OPTS\b/.test(command);
  for (const variable of ['JAVA_TOOL_OPTIONS', ...(expandsJavaOpts ? ['JAVA_OPTS'] : [])]) {
    const set = runtime.environment.get(variable);
    if (set) for (const [name, value] of definitions(set.value)) systemProperties.set(flatName(name), { value, at: set.at });
  }
  for (const [name, value] of definitions(command)) systemProperties.set(flatName(name), { value });
  // Spring's SimpleCommandLineArgsParser: `--name=value`.
  for (const word of runtime.commandLine) {
    const m = /^--([^=\s]+)=(.*)$/.exec(word);
    if (m) commandLine.set(flatName(m[1]), { value: m[2] });
  }
  const applicationJson = new Map<string, RuntimeValue>();
  const json = runtime.environment.get('SPRING_APPLICATION_JSON');
  if (json) {
    try {
      flattenJson(JSON.parse(json.value) as unknown, '', (name, value) => applicationJson.set(flatName(name), { value, at: json.at }));
    } catch {
      // Spring fails to start on it; the property sources below still say what they say.
    }
  }
  return { environment, systemProperties, commandLine, applicationJson, description: runtime.description };
}

/** `-Dname=value` words of a text (quotes around the value dropped). */
function definitions(text: string): [string, string][] {
  return [...text.matchAll(/(?:^|\s)-D([^=\s]+)=("[^"]*"|'[^']*'|\S*)/g)].map((m) => [m[1], m[2].replace(/^["']|["']$/g, '')]);
}

function flattenJson(value: unknown, prefix: string, set: (name: string, value: string) => void): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flattenJson(inner, prefix ? `${prefix}.${key}` : key, set);
  } else if (prefix && value !== null && value !== undefined) set(prefix, String(value));
}
