// (a) The bare minimum: a hand-written handler that checks detail-type with an `if`.
export const handler = async (event: { 'detail-type'?: string; detail?: { 'repository-name'?: string } }) => {
  if (event['detail-type'] === 'ECR Image Action') {
    return { handled: event.detail?.['repository-name'] };
  }
  return { handled: undefined };
};
