import {
  BatchGetImageCommand,
  DescribeImageReplicationStatusCommand,
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  DescribePullThroughCacheRulesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  ImageNotFoundException,
  PullThroughCacheRuleNotFoundException,
  RepositoryNotFoundException,
  ScanNotFoundException,
  type DescribeImagesCommandInput,
  type DescribeRepositoriesCommandInput,
  type ImageDetail,
  type ImageIdentifier,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DeadlineExceededError, LookupError } from '../../src/errors';
import { EcrClients } from '../../src/ecr/clients';
import { lookupSession } from '../helpers/lookups';

const ecr = mockClient(ECRClient);
const here = { region: 'us-east-1', account: '111122223333' };
const digest = (n: number) => `sha256:${String(n).padStart(64, '0')}`;

beforeEach(() => ecr.reset());

function newSession(clients = new EcrClients()) {
  return lookupSession({ clients });
}

/** Answers DescribeImages like ECR: ImageNotFoundException for the whole call if any id is missing. */
function imagesExist(...images: ImageDetail[]) {
  ecr.on(DescribeImagesCommand).callsFake((input: DescribeImagesCommandInput) => {
    const found = (input.imageIds ?? []).map((id) => images.find((image) => sameImage(image, id)));
    if (found.some((image) => !image)) throw new ImageNotFoundException({ message: 'The image requested does not exist', $metadata: {} });
    return { imageDetails: found };
  });
}

function sameImage(image: ImageDetail, id: ImageIdentifier): boolean {
  return id.imageDigest ? image.imageDigest === id.imageDigest : (image.imageTags ?? []).includes(id.imageTag ?? '');
}

/** Answers DescribeRepositories like ECR: RepositoryNotFoundException for the whole call if any name is missing. */
function repositoriesExist(names: readonly string[], pageSize = 1000) {
  ecr.on(DescribeRepositoriesCommand).callsFake((input: DescribeRepositoriesCommandInput) => {
    if (input.repositoryNames === undefined) {
      // Without names, ECR lists the registry's repositories, a page at a time.
      const start = Number(input.nextToken ?? 0);
      const page = names.slice(start, start + pageSize);
      const rest = start + pageSize < names.length ? { nextToken: String(start + pageSize) } : {};
      return { repositories: page.map((repositoryName) => ({ repositoryName, registryId: here.account })), ...rest };
    }
    const requested = input.repositoryNames;
    const missing = requested.find((name) => !names.includes(name));
    if (missing) throw new RepositoryNotFoundException({ message: `The repository with name '${missing}' does not exist`, $metadata: {} });
    return { repositories: requested.map((repositoryName) => ({ repositoryName, registryId: here.account })) };
  });
}

function throttling(): Error {
  return Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
}

describe('image()', () => {
  it('sends one DescribeImages for two concurrent lookups of the same digest', async () => {
    imagesExist({ imageDigest: digest(1), imageTags: ['v1'] });
    const session = newSession();

    const [a, b] = await Promise.all([
      session.image(here, 'app', { imageDigest: digest(1) }),
      session.image(here, 'app', { imageDigest: digest(1) }),
    ]);

    expect(a).toEqual({ imageDigest: digest(1), imageTags: ['v1'] });
    expect(b).toBe(a);
    expect(ecr).toHaveReceivedCommandTimes(DescribeImagesCommand, 1);
    expect(ecr).toHaveReceivedCommandWith(DescribeImagesCommand, {
      registryId: here.account,
      repositoryName: 'app',
      imageIds: [{ imageDigest: digest(1) }],
    });
    expect(session.requests).toBe(1);
  });

  it('does not ask again later in the same session', async () => {
    imagesExist({ imageDigest: digest(1) });
    const session = newSession();
    await session.image(here, 'app', { imageDigest: digest(1) });
    await session.image(here, 'app', { imageDigest: digest(1) });
    expect(ecr).toHaveReceivedCommandTimes(DescribeImagesCommand, 1);
  });

  it('batches three images of one repository into one DescribeImages with three ids', async () => {
    imagesExist({ imageDigest: digest(1) }, { imageDigest: digest(2) }, { imageDigest: digest(3), imageTags: ['latest'] });
    const session = newSession();

    const images = await Promise.all([
      session.image(here, 'app', { imageDigest: digest(1) }),
      session.image(here, 'app', { imageDigest: digest(2) }),
      session.image(here, 'app', { imageTag: 'latest' }),
    ]);

    expect(images.map((image) => image?.imageDigest)).toEqual([digest(1), digest(2), digest(3)]);
    expect(ecr).toHaveReceivedCommandTimes(DescribeImagesCommand, 1);
    expect(ecr.commandCalls(DescribeImagesCommand)[0]?.args[0].input.imageIds).toEqual([
      { imageDigest: digest(1) },
      { imageDigest: digest(2) },
      { imageTag: 'latest' },
    ]);
  });

  it('joins lookups started on later microtasks of the same turn into the batch', async () => {
    imagesExist({ imageDigest: digest(1) }, { imageDigest: digest(2) });
    const session = newSession();
    // Like two SQS records whose handlers await different amounts of work before asking.
    const after = async (microtasks: number, n: number) => {
      for (let i = 0; i < microtasks; i += 1) await Promise.resolve();
      return session.image(here, 'app', { imageDigest: digest(n) });
    };

    await Promise.all([after(0, 1), after(20, 2)]);

    expect(ecr).toHaveReceivedCommandTimes(DescribeImagesCommand, 1);
  });

  it('sends separate DescribeImages per repository', async () => {
    imagesExist({ imageDigest: digest(1) });
    const session = newSession();
    await Promise.all([session.image(here, 'app', { imageDigest: digest(1) }), session.image(here, 'web', { imageDigest: digest(1) })]);
    expect(ecr.commandCalls(DescribeImagesCommand).map((call) => call.args[0].input.repositoryName).sort()).toEqual(['app', 'web']);
  });

  it('asks by digest when the event names both digest and tag', async () => {
    imagesExist({ imageDigest: digest(1), imageTags: ['v1'] });
    await newSession().image(here, 'app', { imageDigest: digest(1), imageTag: 'v1' });
    expect(ecr).toHaveReceivedCommandWith(DescribeImagesCommand, { imageIds: [{ imageDigest: digest(1) }] });
  });

  it('splits more than 100 images into several DescribeImages', async () => {
    const all = Array.from({ length: 150 }, (_, n) => ({ imageDigest: digest(n) }));
    imagesExist(...all);
    const session = newSession();

    const images = await Promise.all(all.map((image) => session.image(here, 'app', image)));

    expect(images.every((image, n) => image?.imageDigest === digest(n))).toBe(true);
    expect(ecr.commandCalls(DescribeImagesCommand).map((call) => call.args[0].input.imageIds?.length)).toEqual([100, 50]);
  });

  it('resolves a missing image to undefined without an error', async () => {
    imagesExist();
    await expect(newSession().image(here, 'app', { imageDigest: digest(9) })).resolves.toBeUndefined();
  });

  it('resolves every image of a missing repository to undefined', async () => {
    ecr.on(DescribeImagesCommand).rejects(new RepositoryNotFoundException({ message: 'no such repository', $metadata: {} }));
    const session = newSession();
    const images = await Promise.all([session.image(here, 'gone', { imageDigest: digest(1) }), session.image(here, 'gone', { imageTag: 'v2' })]);
    expect(images).toEqual([undefined, undefined]);
    expect(ecr).toHaveReceivedCommandTimes(DescribeImagesCommand, 1);
  });

  it('still resolves the other images when one in the batch is missing', async () => {
    imagesExist({ imageDigest: digest(1) }, { imageDigest: digest(3) });
    const session = newSession();

    const images = await Promise.all([1, 2, 3].map((n) => session.image(here, 'app', { imageDigest: digest(n) })));

    expect(images.map((image) => image?.imageDigest)).toEqual([digest(1), undefined, digest(3)]);
    // The batch, then each of the three alone (no BatchGetImage answer here: ecr:BatchGetImage not granted).
    expect(ecr).toHaveReceivedCommandTimes(DescribeImagesCommand, 4);
  });

  it('learns which ids of a batch are gone from one BatchGetImage: 100 ids, 50 gone, 3 calls instead of a bisection', async () => {
    const present = Array.from({ length: 50 }, (_, i) => ({ imageDigest: digest(2 * i) }));
    imagesExist(...present);
    ecr.on(BatchGetImageCommand).callsFake((input: { imageIds: ImageIdentifier[] }) => ({
      images: input.imageIds.filter((id) => present.some((p) => p.imageDigest === id.imageDigest)).map((imageId) => ({ imageId })),
      failures: input.imageIds.filter((id) => !present.some((p) => p.imageDigest === id.imageDigest)).map((imageId) => ({ imageId, failureCode: 'ImageNotFound' })),
    }));
    const session = newSession();

    const images = await Promise.all(Array.from({ length: 100 }, (_, n) => session.image(here, 'app', { imageDigest: digest(n) })));

    expect(images.map((image) => image?.imageDigest)).toEqual(Array.from({ length: 100 }, (_, n) => (n % 2 === 0 ? digest(n) : undefined)));
    expect(ecr).toHaveReceivedCommandTimes(DescribeImagesCommand, 2);
    expect(ecr).toHaveReceivedCommandTimes(BatchGetImageCommand, 1);
    expect(session.requests).toBe(3);
  });

  it('resolves an image ECR leaves out of imageDetails to undefined', async () => {
    ecr.on(DescribeImagesCommand).resolves({ imageDetails: [{ imageDigest: digest(1) }] });
    const session = newSession();
    const images = await Promise.all([session.image(here, 'app', { imageDigest: digest(1) }), session.image(here, 'app', { imageTag: 'nope' })]);
    expect(images).toEqual([{ imageDigest: digest(1) }, undefined]);
  });

  it('resolves to undefined without a request when the event names neither digest nor tag', async () => {
    const session = newSession();
    await expect(session.image(here, 'app', {})).resolves.toBeUndefined();
    expect(session.requests).toBe(0);
  });
});

describe('repository() and repositories()', () => {
  it('looks up an image and its repository concurrently', async () => {
    const pending: Array<() => void> = [];
    const answer = <T>(value: T) => new Promise<T>((resolve) => pending.push(() => resolve(value)));
    ecr.on(DescribeImagesCommand).callsFake(() => answer({ imageDetails: [{ imageDigest: digest(1) }] }));
    ecr.on(DescribeRepositoriesCommand).callsFake(() => answer({ repositories: [{ repositoryName: 'app' }] }));
    const session = newSession();

    const both = Promise.all([session.image(here, 'app', { imageDigest: digest(1) }), session.repository(here, 'app')]);
    for (let turn = 0; turn < 20 && pending.length < 2; turn += 1) await new Promise((resolve) => setImmediate(resolve));

    // Both requests are in flight before either has been answered.
    expect(pending).toHaveLength(2);
    pending.forEach((release) => release());
    const [image, repository] = await both;
    expect(image?.imageDigest).toBe(digest(1));
    expect(repository?.repositoryName).toBe('app');
  });

  it('batches 150 repository names into two DescribeRepositories of 100 and 50', async () => {
    const names = Array.from({ length: 150 }, (_, n) => `repo-${n}`);
    repositoriesExist(names);
    const session = newSession();

    const repositories = await session.repositories(here, names);

    expect(repositories.map((repository) => repository?.repositoryName)).toEqual(names);
    const calls = ecr.commandCalls(DescribeRepositoriesCommand).map((call) => call.args[0].input);
    expect(calls.map((input) => input.repositoryNames?.length)).toEqual([100, 50]);
    expect(calls.every((input) => input.registryId === here.account)).toBe(true);
  });

  it('shares a repository asked for by repository() and repositories() in the same turn', async () => {
    repositoriesExist(['app-a', 'app-b']);
    const session = newSession();
    await Promise.all([session.repository(here, 'app-a'), session.repositories(here, ['app-a', 'app-b'])]);
    expect(ecr).toHaveReceivedCommandTimes(DescribeRepositoriesCommand, 1);
    expect(ecr).toHaveReceivedCommandWith(DescribeRepositoriesCommand, { repositoryNames: ['app-a', 'app-b'] });
  });

  it('resolves the others when one repository of a small batch is missing, from the registry\'s list', async () => {
    repositoriesExist(['app-a', 'app-c']);
    const repositories = await newSession().repositories(here, ['app-a', 'gone', 'app-c']);
    expect(repositories.map((repository) => repository?.repositoryName)).toEqual(['app-a', undefined, 'app-c']);
    // One failed batch of three, then one listing of the registry.
    expect(ecr).toHaveReceivedCommandTimes(DescribeRepositoriesCommand, 2);
  });

  it('finds 100 names with 50 missing in ceil(100/100) + 2 calls whatever is missing (issue 18)', async () => {
    const names = Array.from({ length: 100 }, (_, n) => `repo-${n}`);
    repositoriesExist([...names.filter((_, n) => n % 2 === 0), ...Array.from({ length: 1500 }, (_, n) => `other-${n}`)]);

    const repositories = await newSession().repositories(here, names);

    expect(repositories.map((repository) => repository?.repositoryName)).toEqual(names.map((name, n) => (n % 2 === 0 ? name : undefined)));
    // The failed batch, then the registry's list in two pages of 1000: 3 calls (halving took 163).
    expect(ecr).toHaveReceivedCommandTimes(DescribeRepositoriesCommand, 3);
  });

  it('halves a larger batch with a missing repository when the registry is too large to list', async () => {
    const names = Array.from({ length: 10 }, (_, n) => `repo-${n}`);
    repositoriesExist(names.filter((name) => name !== 'repo-7'), 3);

    const repositories = await newSession().repositories(here, names);

    expect(repositories.map((repository) => repository?.repositoryName)).toEqual(names.map((name) => (name === 'repo-7' ? undefined : name)));
    // The batch, two pages of a list that goes on, then [0-4] ok, [5-9] fails → [5-7] fails, [8-9] ok → 5, 6, 7 alone.
    expect(ecr).toHaveReceivedCommandTimes(DescribeRepositoriesCommand, 10);
  });
});

describe('regions and accounts', () => {
  it("uses the event's region for the client and its account as registryId", async () => {
    const regions: string[] = [];
    ecr.on(DescribeRepositoriesCommand).callsFake(async (input: DescribeRepositoriesCommandInput, getClient: () => ECRClient) => {
      regions.push(await getClient().config.region());
      return { repositories: [{ repositoryName: input.repositoryNames?.[0], registryId: input.registryId }] };
    });
    const session = newSession();

    await session.repository({ region: 'eu-west-1', account: '444455556666' }, 'app');
    await session.repository(here, 'app');

    expect(regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(ecr.commandCalls(DescribeRepositoriesCommand).map((call) => call.args[0].input.registryId)).toEqual(['444455556666', here.account]);
  });

  it('calls a client factory once per region and account, across sessions', async () => {
    ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [{ repositoryName: 'app' }] });
    const factory = jest.fn((region: string) => new ECRClient({ region }));
    const clients = new EcrClients(factory);
    const other = { region: 'eu-west-1', account: '444455556666' };

    for (let invocation = 0; invocation < 3; invocation += 1) {
      const session = newSession(clients);
      await Promise.all([session.repository(here, 'app'), session.repository(other, 'app')]);
    }

    expect(factory.mock.calls).toEqual([
      [here.region, here.account],
      [other.region, other.account],
    ]);
    expect(clients.created).toBe(2);
  });

  it('uses one given client for every account of its region', async () => {
    ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [{ repositoryName: 'app' }] });
    const client = new ECRClient({ region: 'eu-west-1' });
    const clients = new EcrClients(client);
    const session = newSession(clients);

    await session.repository({ region: 'eu-west-1', account: '444455556666' }, 'app');

    expect(ecr.call(0).thisValue).toBe(client);
    expect(ecr).toHaveReceivedCommandWith(DescribeRepositoriesCommand, { registryId: '444455556666' });
    expect(clients.created).toBe(0);
  });

  it('refuses to look up an event of another region with the one given client, rather than answer "not found"', async () => {
    ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [] });
    const session = newSession(new EcrClients(new ECRClient({ region: 'us-west-2' })));

    const error = await session.repository({ region: 'eu-west-1', account: '444455556666' }, 'app').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(LookupError);
    expect((error as LookupError).message).toMatch(/us-west-2.*eu-west-1.*factory/);
    expect(ecr.calls()).toHaveLength(0);
  });
});

describe('scanFindings(), replicationStatus(), pullThroughCacheRule()', () => {
  it('merges every page of scan findings', async () => {
    ecr
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce({
        imageId: { imageDigest: digest(1) },
        imageScanStatus: { status: 'COMPLETE' },
        imageScanFindings: { findingSeverityCounts: { HIGH: 2, LOW: 1 }, findings: [{ name: 'CVE-1' }], enhancedFindings: [{ title: 'E-1' }] },
        nextToken: 'page-2',
      })
      .resolvesOnce({
        imageScanStatus: { status: 'COMPLETE' },
        imageScanFindings: { findingSeverityCounts: { HIGH: 2, LOW: 1 }, findings: [{ name: 'CVE-2' }, { name: 'CVE-3' }] },
      });

    const scan = await newSession().scanFindings(here, 'app', { imageDigest: digest(1) });

    expect(scan).toMatchObject({
      imageId: { imageDigest: digest(1) },
      imageScanStatus: { status: 'COMPLETE' },
      findingSeverityCounts: { HIGH: 2, LOW: 1 },
      findings: [{ name: 'CVE-1' }, { name: 'CVE-2' }, { name: 'CVE-3' }],
      enhancedFindings: [{ title: 'E-1' }],
    });
    const inputs = ecr.commandCalls(DescribeImageScanFindingsCommand).map((call) => call.args[0].input);
    expect(inputs).toHaveLength(2);
    expect(inputs[0]).toMatchObject({ registryId: here.account, repositoryName: 'app', imageId: { imageDigest: digest(1) } });
    expect(inputs[0]?.nextToken).toBeUndefined();
    expect(inputs[1]?.nextToken).toBe('page-2');
  });

  it('resolves scan findings of an image never scanned to undefined', async () => {
    ecr.on(DescribeImageScanFindingsCommand).rejects(new ScanNotFoundException({ message: 'no scan', $metadata: {} }));
    await expect(newSession().scanFindings(here, 'app', { imageTag: 'v1' })).resolves.toBeUndefined();
  });

  it('returns the replication status of an image', async () => {
    ecr.on(DescribeImageReplicationStatusCommand).resolves({
      repositoryName: 'app',
      imageId: { imageDigest: digest(1) },
      replicationStatuses: [{ region: 'eu-west-1', registryId: here.account, status: 'COMPLETE' }],
    });

    const status = await newSession().replicationStatus(here, 'app', { imageDigest: digest(1) });

    expect(status).toEqual({
      imageId: { imageDigest: digest(1) },
      replicationStatuses: [{ region: 'eu-west-1', registryId: here.account, status: 'COMPLETE' }],
    });
    expect(ecr).toHaveReceivedCommandWith(DescribeImageReplicationStatusCommand, {
      registryId: here.account,
      repositoryName: 'app',
      imageId: { imageDigest: digest(1) },
    });
  });

  it('finds the pull-through cache rule by its prefix', async () => {
    ecr.on(DescribePullThroughCacheRulesCommand).resolves({
      pullThroughCacheRules: [{ ecrRepositoryPrefix: 'docker-hub', upstreamRegistryUrl: 'registry-1.docker.io' }],
    });

    const rule = await newSession().pullThroughCacheRule(here, 'docker-hub');

    expect(rule?.upstreamRegistryUrl).toBe('registry-1.docker.io');
    expect(ecr).toHaveReceivedCommandWith(DescribePullThroughCacheRulesCommand, { registryId: here.account, ecrRepositoryPrefixes: ['docker-hub'] });
  });

  it('resolves a missing pull-through cache rule to undefined', async () => {
    ecr.on(DescribePullThroughCacheRulesCommand).rejects(new PullThroughCacheRuleNotFoundException({ message: 'none', $metadata: {} }));
    await expect(newSession().pullThroughCacheRule(here, 'quay')).resolves.toBeUndefined();
  });
});

describe('failures', () => {
  it('rejects with a LookupError naming the operation and image, keeping the SDK error as cause', async () => {
    const sdkError = throttling();
    ecr.on(DescribeImagesCommand).rejects(sdkError);

    const failure = await newSession().image(here, 'app', { imageDigest: digest(1) }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(LookupError);
    expect(failure).toMatchObject({ operation: 'DescribeImages', resource: `app@${digest(1)}`, cause: sdkError });
    expect((failure as Error).message).toContain('ThrottlingException');
  });

  it('names each caller’s own image when a batched request fails', async () => {
    ecr.on(DescribeImagesCommand).rejects(throttling());
    const session = newSession();
    const failures = await Promise.all([
      session.image(here, 'app', { imageDigest: digest(1) }).catch((error: unknown) => error),
      session.image(here, 'app', { imageTag: 'v2' }).catch((error: unknown) => error),
    ]);
    expect(failures.map((failure) => (failure as LookupError).resource)).toEqual([`app@${digest(1)}`, 'app:v2']);
    expect(ecr).toHaveReceivedCommandTimes(DescribeImagesCommand, 1);
  });

  it('does not cache a failure: the next call in the same session asks again', async () => {
    ecr.on(DescribeRepositoriesCommand).rejectsOnce(throttling()).resolves({ repositories: [{ repositoryName: 'app' }] });
    const session = newSession();

    await expect(session.repository(here, 'app')).rejects.toBeInstanceOf(LookupError);
    await expect(session.repository(here, 'app')).resolves.toEqual({ repositoryName: 'app' });

    expect(ecr).toHaveReceivedCommandTimes(DescribeRepositoriesCommand, 2);
  });

  it('fails every lookup of a batch on an error other than not found, without splitting it', async () => {
    ecr.on(DescribeRepositoriesCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    const session = newSession();
    const results = await Promise.allSettled(['app-a', 'app-b', 'app-c'].map((name) => session.repository(here, name)));
    expect(results.map((result) => result.status === 'rejected' && result.reason instanceof LookupError)).toEqual([true, true, true]);
    expect(ecr).toHaveReceivedCommandTimes(DescribeRepositoriesCommand, 1);
  });
});

describe('deadline', () => {
  it('rejects at once, sending nothing, when the invocation is within the margin of its end', async () => {
    const session = lookupSession({ clients: new EcrClients(), remainingTimeMs: () => 400, deadlineMarginMs: 500 });

    const failure = await session.image(here, 'app', { imageDigest: digest(1) }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(DeadlineExceededError);
    expect(failure).toMatchObject({ operation: 'DescribeImages', resource: `app@${digest(1)}`, remainingMs: 400 });
    expect(session.requests).toBe(0);
  });

  it('keeps a margin of 500 ms when none is given', async () => {
    const session = lookupSession({ clients: new EcrClients(), remainingTimeMs: () => 499 });
    await expect(session.repository(here, 'app')).rejects.toMatchObject({ name: 'DeadlineExceededError', resource: 'app', remainingMs: 499 });
    expect(session.requests).toBe(0);
  });

  it('abandons a request that outlives the margin and aborts it', async () => {
    ecr.on(DescribeRepositoriesCommand).callsFake(() => new Promise(() => undefined)); // never answers
    const end = Date.now() + 600;
    const session = lookupSession({ clients: new EcrClients(), remainingTimeMs: () => end - Date.now(), deadlineMarginMs: 500 });

    const started = Date.now();
    const failure = await session.repository(here, 'app').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(DeadlineExceededError);
    expect(failure).toMatchObject({ operation: 'DescribeRepositories', resource: 'app' });
    expect(Date.now() - started).toBeLessThan(2000);
    const options = (ecr.call(0).args as unknown[])[1] as { abortSignal?: AbortSignal } | undefined;
    expect(options?.abortSignal?.aborted).toBe(true);
  });

  it('treats a deadline too far away for a timer as no deadline, instead of firing at once', async () => {
    ecr.on(DescribeRepositoriesCommand).callsFake(async () => {
      await new Promise((r) => setTimeout(r, 20));
      return { repositories: [{ repositoryName: 'app' }] };
    });
    const session = lookupSession({ clients: new EcrClients(), remainingTimeMs: () => Number.MAX_SAFE_INTEGER });
    await expect(session.repository(here, 'app')).resolves.toEqual({ repositoryName: 'app' });
  });

  it('passes an abort signal that has not fired to a request answered in time', async () => {
    ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [{ repositoryName: 'app' }] });
    const session = lookupSession({ clients: new EcrClients(), remainingTimeMs: () => 60_000 });
    await expect(session.repository(here, 'app')).resolves.toEqual({ repositoryName: 'app' });
    const options = (ecr.call(0).args as unknown[])[1] as { abortSignal?: AbortSignal } | undefined;
    expect(options?.abortSignal?.aborted).toBe(false);
  });
});
