import { DescribeImagesCommand, DescribeImageScanFindingsCommand, DescribePullThroughCacheRulesCommand, DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { startFakeEcr, type FakeEcr } from '../../src/cli/fake-ecr';
import type { RegistryFixture } from '../../src/testing';

const registry: RegistryFixture = {
  repositories: [
    {
      repositoryName: 'team/app',
      createdAt: '2024-01-01T00:00:00Z',
      images: [
        {
          imageDigest: 'sha256:aaa',
          imageTags: ['v1'],
          imagePushedAt: '2025-01-02T03:04:05Z',
          scanFindings: { findings: [{ name: 'CVE-1', severity: 'HIGH' }, { name: 'CVE-2', severity: 'HIGH' }, { name: 'CVE-3', severity: 'LOW' }] },
        },
      ],
    },
  ],
  pullThroughCacheRules: [{ ecrRepositoryPrefix: 'hub', upstreamRegistryUrl: 'registry-1.docker.io' }],
};

let fake: FakeEcr;
let ecr: ECRClient;
beforeAll(async () => {
  fake = await startFakeEcr(registry);
  const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };
  ecr = new ECRClient({ region: 'eu-north-1', endpoint: fake.url, credentials, maxAttempts: 1 });
});
afterAll(() => fake.close());

describe('startFakeEcr', () => {
  it('answers DescribeRepositories as ECR does, with the ARN and URI of the request region', async () => {
    const { repositories } = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['team/app'], registryId: '111122223333' }));
    expect(repositories?.[0]).toMatchObject({
      repositoryName: 'team/app',
      repositoryArn: 'arn:aws:ecr:eu-north-1:111122223333:repository/team/app',
      repositoryUri: '111122223333.dkr.ecr.eu-north-1.amazonaws.com/team/app',
      createdAt: new Date('2024-01-01T00:00:00Z'),
    });
  });

  it('answers RepositoryNotFoundException with HTTP 400 and __type, as the SDK expects', async () => {
    await expect(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['nope'] }))).rejects.toMatchObject({
      name: 'RepositoryNotFoundException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('finds images by digest or tag, and fails the whole call for a missing one as ECR does', async () => {
    const byTag = await ecr.send(new DescribeImagesCommand({ repositoryName: 'team/app', imageIds: [{ imageTag: 'v1' }] }));
    expect(byTag.imageDetails?.[0]).toMatchObject({ imageDigest: 'sha256:aaa', imagePushedAt: new Date('2025-01-02T03:04:05Z') });
    await expect(ecr.send(new DescribeImagesCommand({ repositoryName: 'team/app', imageIds: [{ imageDigest: 'sha256:aaa' }, { imageDigest: 'sha256:zzz' }] }))).rejects.toMatchObject({
      name: 'ImageNotFoundException',
    });
  });

  it('pages scan findings and counts them per severity', async () => {
    const first = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'team/app', imageId: { imageDigest: 'sha256:aaa' }, maxResults: 2 }));
    expect(first.imageScanFindings?.findings).toHaveLength(2);
    expect(first.imageScanFindings?.findingSeverityCounts).toEqual({ HIGH: 2, LOW: 1 });
    const second = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'team/app', imageId: { imageDigest: 'sha256:aaa' }, maxResults: 2, nextToken: first.nextToken }));
    expect(second.imageScanFindings?.findings?.map((f) => f.name)).toEqual(['CVE-3']);
    expect(second.nextToken).toBeUndefined();
  });

  it('answers PullThroughCacheRuleNotFoundException for an unknown prefix', async () => {
    const found = await ecr.send(new DescribePullThroughCacheRulesCommand({ ecrRepositoryPrefixes: ['hub'] }));
    expect(found.pullThroughCacheRules?.[0]?.upstreamRegistryUrl).toBe('registry-1.docker.io');
    await expect(ecr.send(new DescribePullThroughCacheRulesCommand({ ecrRepositoryPrefixes: ['quay'] }))).rejects.toMatchObject({ name: 'PullThroughCacheRuleNotFoundException' });
  });

  it('records SNS Publish without sending it anywhere', async () => {
    const sns = new SNSClient({ region: 'eu-north-1', endpoint: fake.url, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const { MessageId } = await sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:eu-north-1:111122223333:t', Subject: 'hi', Message: '{}' }));
    expect(MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fake.requests.at(-1)).toMatchObject({ service: 'sns', operation: 'Publish', region: 'eu-north-1', input: { TopicArn: 'arn:aws:sns:eu-north-1:111122223333:t', Subject: 'hi' } });
  });

  it('records every ECR request with its operation and region', () => {
    const ecrRequests = fake.requests.filter((r) => r.service === 'ecr');
    expect(ecrRequests[0]).toMatchObject({ operation: 'DescribeRepositories', region: 'eu-north-1', input: { repositoryNames: ['team/app'] } });
    expect(ecrRequests[1]).toMatchObject({ operation: 'DescribeRepositories', error: 'RepositoryNotFoundException' });
  });
});
