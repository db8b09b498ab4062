// Where a Python server's settings come from, one layer each: a config file's assignments (Python
// or TOML), the environment, a command line's options. A server's precedence stacks them.
import * as path from 'node:path';
import type { BackendRuntime } from '../kind';
import type { Decided, PythonCompanion } from './model';
import { assignments, evaluate } from './pyText';
import type { OptionValue } from './command';

export type Layer = Map<string, Decided>;
export type Environment = (name: string) => string | undefined;

export const environmentOf =
  (runtime: BackendRuntime | undefined): Environment =>
  (name) =>
    runtime?.environment.get(name)?.value;

/** The settings `names` a config file assigns (the last assignment of each wins, as Python runs it). */
export function configLayer(file: PythonCompanion, names: readonly string[], runtime: BackendRuntime | undefined, rootDir: string): Layer {
  const layer: Layer = new Map();
  const environment = environmentOf(runtime);
  const where = path.relative(rootDir, file.path).split(path.sep).join('/');
  for (const assignment of assignments(file.text)) {
    if (!names.includes(assignment.name)) continue;
    const read = evaluate(file.text, assignment.expression, environment);
    const fromEnvironment = read.environment !== undefined ? runtime?.environment.get(read.environment) : undefined;
    const place = { file: file.path, span: assignment.expression };
    if (fromEnvironment) {
      layer.set(assignment.name, {
        value: read.value,
        origin: 'environment',
        where: `${assignment.name} in ${where}, from ${read.environment} of ${runtime!.description}`,
        at: fromEnvironment.at ?? place,
        replace: fromEnvironment.valueAt,
      });
      continue;
    }
    layer.set(assignment.name, {
      value: read.value,
      origin: 'written',
      where: `${assignment.name} in ${where}${read.environment ? ` (${read.environment} unset)` : ''}`,
      at: read.literal ? { file: file.path, span: read.literal } : place,
      replace: read.literal ? { file: file.path, span: read.literal } : read.value === undefined ? undefined : place,
    });
  }
  return layer;
}

/** Options of a command line by setting name; `append` options (binds) keep every value, in order. */
export function optionLayer(
  options: Map<string, OptionValue[]>,
  settings: Record<string, string>,
  where: string,
  append: readonly string[] = [],
  origin: Decided['origin'] = 'written',
): Layer {
  const layer: Layer = new Map();
  for (const [option, values] of options) {
    const setting = settings[option];
    if (!setting || values.length === 0) continue;
    const last = values[values.length - 1];
    layer.set(setting, {
      value: append.includes(option) ? values.map((v) => v.value) : last.value,
      origin,
      where: `${option} ${where}`,
      at: last.at ?? last.flag.at,
      replace: last.at,
    });
  }
  return layer;
}

/** Environment variables read as settings (`UVICORN_PORT`). */
export function environmentLayer(runtime: BackendRuntime | undefined, variables: Record<string, string>): Layer {
  const layer: Layer = new Map();
  for (const [variable, setting] of Object.entries(variables)) {
    const set = runtime?.environment.get(variable);
    if (set)
      layer.set(setting, {
        value: set.value,
        origin: 'environment',
        where: `${variable} of ${runtime!.description}`,
        at: set.at,
        replace: set.valueAt,
      });
  }
  return layer;
}

/** The value of the strongest layer that sets it (layers strongest first). */
export function decide(setting: string, layers: Layer[]): Decided | undefined {
  for (const layer of layers) {
    const found = layer.get(setting);
    if (found) return found;
  }
  return undefined;
}

/**
 * Seconds, or why not: gunicorn's validate_pos_int and the flags' `type=int` take whole numbers
 * only; uvicorn.run() and Hypercorn's config files take fractions too.
 */
export function secondsOf(value: Decided['value'], fractions: boolean): number | string {
  const text = Array.isArray(value) ? undefined : value === undefined ? undefined : String(value).trim();
  if (text === undefined) return 'computed, value not known here';
  if (/^\d+$/.test(text) || (fractions && /^\d*\.\d+$|^\d+\.\d*$/.test(text))) return Number(text);
  return `"${text}" is not a ${fractions ? '' : 'whole '}number of seconds`;
}
