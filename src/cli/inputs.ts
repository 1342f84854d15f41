import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Bad input to the CLI (arguments, files): reported as `error: <message>` with exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** One event file, parsed. */
export interface EventFile {
  readonly file: string;
  readonly event: unknown;
}

/**
 * The events of a file, or of every `*.json` file of a folder in name order. Every file is read
 * and parsed before anything runs, so a typo in the tenth file does not leave nine half-run.
 */
export function readEventFiles(target: string): EventFile[] {
  const stat = statOrFail(target, 'event file or folder');
  const files = stat.isDirectory()
    ? readdirSync(target)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => path.join(target, name))
    : [target];
  if (files.length === 0) throw new UsageError(`${target} holds no .json event files`);
  return files.map((file) => ({ file, event: readJson(file, 'event') }));
}

/** Parses a JSON file; a missing file or invalid JSON is a {@link UsageError} naming the file. */
export function readJson(file: string, what: string): unknown {
  statOrFail(file, `${what} file`);
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON (${(error as Error).message})`);
  }
}

/** `fs.statSync` with a message a user can act on. */
export function statOrFail(file: string, what: string) {
  try {
    return statSync(file);
  } catch {
    throw new UsageError(`${what} not found: ${file}`);
  }
}

/**
 * Environment variables for the function, like `sam local invoke --env-vars`: a JSON object whose
 * `Parameters` apply to every function and whose entry named after the function (its template
 * logical id) applies to it; plus `--env KEY=VALUE` pairs, which win.
 */
export function functionEnvironment(envVarsFile: string | undefined, pairs: readonly string[], functionName: string): Record<string, string> {
  const env: Record<string, string> = {};
  if (envVarsFile) {
    const parsed = readJson(envVarsFile, '--env-vars');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new UsageError(`${envVarsFile} must be a JSON object like {"Parameters": {...}, "${functionName}": {...}}`);
    }
    for (const section of ['Parameters', functionName]) {
      const values = (parsed as Record<string, unknown>)[section];
      if (values === undefined) continue;
      if (typeof values !== 'object' || values === null) throw new UsageError(`${envVarsFile}: "${section}" must be an object of strings`);
      for (const [key, value] of Object.entries(values)) env[key] = String(value);
    }
  }
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--env expects KEY=VALUE, got "${pair}"`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return env;
}

/** `handlers/scan-gate.ts` → `ScanGateFunction`, the logical id template.yaml gives it. */
export function defaultFunctionName(handlerFile: string): string {
  const base = path.basename(handlerFile).replace(/\.[cm]?[jt]sx?$/, '');
  return base.split(/[^a-zA-Z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') + 'Function';
}
