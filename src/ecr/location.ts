/** Where a lookup looks: the event's region (which client) and account (the `registryId`). */
export interface Location {
  readonly region: string;
  readonly account: string;
}

/** Which image: by digest, or by tag; the digest wins when both are given, as it names one manifest for good. */
export interface ImageRef {
  readonly imageDigest?: string | undefined;
  readonly imageTag?: string | undefined;
}
