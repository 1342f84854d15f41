import type * as EcrModule from '@aws-sdk/client-ecr';

/** The `@aws-sdk/client-ecr` module, as loaded by {@link loadEcrSdk}. */
export type EcrSdk = typeof EcrModule;

let loading: Promise<EcrSdk> | undefined;

/**
 * Loads `@aws-sdk/client-ecr` on first call and keeps it for the warm container.
 *
 * A dynamic import, not a static one: a Lambda whose routes never look anything up must not
 * pay for parsing the SDK at cold start. It is a peer dependency, so a failed load is not kept:
 * the next lookup tries again and reports the same cause.
 */
export function loadEcrSdk(): Promise<EcrSdk> {
  if (!loading) {
    const attempt = import('@aws-sdk/client-ecr');
    loading = attempt;
    attempt.catch(() => {
      if (loading === attempt) loading = undefined;
    });
  }
  return loading;
}
