import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's `events/` folder: the sample events shared by tests, the CLI and `sam local invoke -e`. */
export const eventsDir = join(__dirname, '..', '..', 'events');

/** A sample event file parsed as plain JSON (a fresh copy on every call, safe to mutate). */
export function loadSample(file: string): Record<string, any> {
  return JSON.parse(readFileSync(join(eventsDir, file), 'utf8'));
}

/** Every sample file in `events/` whose `detail-type` is `detailType`, as [file name, event] pairs. */
export function samplesOf(detailType: string): Array<[string, Record<string, any>]> {
  return readdirSync(eventsDir)
    .filter((file) => file.endsWith('.json'))
    .map((file): [string, Record<string, any>] => [file, loadSample(file)])
    .filter(([, event]) => event['detail-type'] === detailType);
}
