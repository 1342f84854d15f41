import type { ECRClient } from '@aws-sdk/client-ecr';
import { loadEcrSdk } from './sdk';

/**
 * How lookups get an ECR client: one client for everything, or a factory called once per
 * region/account (e.g. to assume a role in the account that published a cross-account event).
 */
export type EcrClientOption = ECRClient | ((region: string, account: string) => ECRClient);

/** Creates ECR clients on first use only, one per region/account, kept for the warm container. */
export class EcrClients {
  readonly #option: EcrClientOption | undefined;
  readonly #clients = new Map<string, Promise<ECRClient>>();
  #created = 0;

  /** @param option a client used for every region/account, or a factory; by default `new ECRClient({ region })`. */
  constructor(option?: EcrClientOption) {
    this.#option = option;
  }

  /** How many clients this instance has built (by the factory or by default); a given client is not counted. */
  get created(): number {
    return this.#created;
  }

  /**
   * The client for a region/account. The first call per key builds it (loading the SDK module
   * for the default client); concurrent first calls share that one build.
   */
  get(region: string, account: string): Promise<ECRClient> {
    const option = this.#option;
    // A single client is the user's explicit choice for every account, but not for another
    // region: there it would answer "not found" for what exists, a wrong answer and no error.
    if (option !== undefined && typeof option !== 'function') return sameRegion(option, region);
    const key = `${region}/${account}`;
    let client = this.#clients.get(key);
    if (!client) {
      client = this.#build(region, account, option);
      this.#clients.set(key, client);
      // A factory that threw (bad credentials config, say) may work on the next invocation.
      client.catch(() => this.#clients.delete(key));
    }
    return client;
  }

  async #build(region: string, account: string, factory: ((region: string, account: string) => ECRClient) | undefined): Promise<ECRClient> {
    if (factory) {
      const client = factory(region, account);
      this.#created += 1;
      return client;
    }
    const { ECRClient } = await loadEcrSdk();
    this.#created += 1;
    // Bounded waits: in Lambda the invocation's deadline aborts lookups, but a script or the CLI
    // has no deadline, and the SDK's default would wait on a stalled socket forever.
    return new ECRClient({ region, requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000, throwOnRequestTimeout: true } });
  }
}

async function sameRegion(client: ECRClient, region: string): Promise<ECRClient> {
  const configured = await client.config.region();
  if (configured !== region) {
    throw new Error(
      `the ECRClient given for every lookup is for ${configured}, but the event is from ${region}; ` +
        'pass a factory instead: ecrClient: (region, account) => new ECRClient({ region, ... })',
    );
  }
  return client;
}
