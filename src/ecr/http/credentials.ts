import { endpointSettingsFromEnvironment, isSendableEndpoint } from './endpoints';

/** Static AWS credentials, as the Lambda runtime puts them in the environment. */
export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

/** `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`, when both keys are set (as the SDK's `fromEnv` requires). */
export function credentialsFromEnvironment(env: NodeJS.ProcessEnv): StaticCredentials | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined };
}

/**
 * Whether the SDK-free transport would send exactly what a default `new ECRClient({ region })`
 * sends from this environment, so that it may stand in for it. True when:
 *
 * 1. `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` are both set: the SDK's default chain then
 *    signs with them. (Container credentials — `AWS_CONTAINER_CREDENTIALS_FULL_URI` /
 *    `_RELATIVE_URI`, as Lambda SnapStart and ECS give — and web identity come after the
 *    environment in that chain, so with static keys set they change nothing; without them this
 *    is false and the SDK fetches them.)
 * 2. `AWS_PROFILE` is unset or empty: when it is set the SDK skips the environment's keys
 *    altogether (with a warning) and takes the profile's credentials (SSO, role, process…).
 * 3. `AWS_CONFIG_FILE` is unset or the null device: a config file named on purpose may set what
 *    the SDK reads from it (`endpoint_url`, `use_fips_endpoint`, `max_attempts`, `retry_mode`,
 *    a `services` section) and this transport reads no file. The default `~/.aws/config` is not looked at
 *    (Lambda has none; a developer's machine may, and its default profile's settings are then
 *    seen by the SDK only).
 * 4. `AWS_RETRY_MODE` is not `adaptive` (the transport implements the `standard` mode only).
 * 5. A configured endpoint URL (`AWS_ENDPOINT_URL_ECR`, `AWS_ENDPOINT_URL`) is a URL the
 *    transport sends to: `https:`, or `http:` on a loopback host. The SDK sends plain HTTP
 *    anywhere; that stays its choice.
 */
export function canServeFromEnvironment(env: NodeJS.ProcessEnv = process.env): boolean {
  if (!credentialsFromEnvironment(env)) return false;
  if (env.AWS_PROFILE) return false;
  if (env.AWS_CONFIG_FILE && env.AWS_CONFIG_FILE !== devNull()) return false;
  if (env.AWS_RETRY_MODE === 'adaptive') return false;
  try {
    const { url } = endpointSettingsFromEnvironment(env);
    return url === undefined || isSendableEndpoint(new URL(url));
  } catch {
    return false;
  }
}

/**
 * `AWS_MAX_ATTEMPTS` read as the SDK reads it (`parseInt`); `undefined` when unset or not a
 * number, which the SDK too treats as unset (its default of 3, config file aside).
 */
export function maxAttemptsFromEnvironment(env: NodeJS.ProcessEnv): number | undefined {
  if (env.AWS_MAX_ATTEMPTS === undefined) return undefined;
  const value = parseInt(env.AWS_MAX_ATTEMPTS, 10);
  return Number.isNaN(value) ? undefined : value;
}

/**
 * `os.devNull`, without loading `node:os` at cold start for it (this module is evaluated with the
 * router, before any lookup; `node:os` cost ~0.2 ms of a route-only function's start).
 */
function devNull(): string {
  return process.platform === 'win32' ? '\\\\.\\nul' : '/dev/null';
}
