// (4) ECR requests sent for three scenarios, counted at the SDK boundary with aws-sdk-client-mock.
// test/bench-guards.test.ts asserts the same counts on the source, without timing.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** An SQS record carrying an EventBridge event, as EventBridge → SQS delivers it. */
function sqsRecord(event, i) {
  return { messageId: `m${i}`, receiptHandle: `r${i}`, body: JSON.stringify(event), attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-west-2:123456789012:ecr-events', awsRegion: 'us-west-2' };
}

/**
 * Runs the three scenarios against `fw` (the framework's public API) with ECR mocked on `sdk`'s
 * ECRClient, and returns the requests each one sent, by operation.
 */
export async function countAwsCalls({ fw, sdk, mockClient, root }) {
  const { ECRClient, DescribeImagesCommand, DescribeRepositoriesCommand } = sdk;
  const ecr = mockClient(ECRClient);
  ecr.on(DescribeImagesCommand).callsFake((input) => ({
    imageDetails: input.imageIds.map((id) => ({ imageDigest: id.imageDigest, imageTags: ['latest'], imageSizeInBytes: 1234 })),
  }));
  ecr.on(DescribeRepositoriesCommand).callsFake((input) => ({
    repositories: input.repositoryNames.map((repositoryName) => ({ repositoryName })),
  }));
  // A factory: the scenarios' events come from two regions, and one ECRClient refuses another region's events.
  const client = (region) => new ECRClient({ region, credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } });
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const push = JSON.parse(readFileSync(path.join(root, 'events/aws-image-action-push.json'), 'utf8'));
  const counts = () => {
    const byOp = {};
    for (const call of ecr.calls()) {
      const op = call.args[0].constructor.name.replace(/Command$/, '');
      byOp[op] = (byOp[op] ?? 0) + 1;
    }
    return { total: ecr.calls().length, byOp };
  };
  const results = {};
  try {
    // (i) one event, three handlers, each asking for the repository and the image.
    ecr.resetHistory();
    const three = fw.createRouter({ logger: quiet, ecrClient: client });
    for (let i = 0; i < 3; i++) three.on('ECR Image Action', async (_e, ctx) => void (await Promise.all([ctx.repository(), ctx.image()])));
    await three.handler()(push);
    results.threeHandlers = counts();

    // (ii) a 10-record SQS batch: ten images of one repository, each handler asking for its image.
    ecr.resetHistory();
    const batch = fw.createRouter({ logger: quiet, ecrClient: client });
    batch.on('ECR Image Action', async (_e, ctx) => void (await ctx.image()));
    const records = Array.from({ length: 10 }, (_, i) => {
      const event = structuredClone(push);
      event.id = `event-${i}`;
      event.detail['image-digest'] = `sha256:${String(i).padStart(64, '0')}`;
      return sqsRecord(event, i);
    });
    const response = await batch.sqsHandler()({ Records: records });
    if (response.batchItemFailures.length > 0) throw new Error(`batch failures: ${JSON.stringify(response.batchItemFailures)}`);
    results.sqsBatch = counts();

    // (iii) a Scan Resource Change naming 150 repositories.
    ecr.resetHistory();
    const change = JSON.parse(readFileSync(path.join(root, 'events/scan-resource-change-repositories.json'), 'utf8'));
    change.detail.repositories = Array.from({ length: 150 }, (_, i) => ({
      'repository-name': `team/service-${i}`,
      'repository-arn': `arn:aws:ecr:us-east-1:123456789012:repository/team/service-${i}`,
      'scan-frequency': 'CONTINUOUS_SCAN',
    }));
    let found = 0;
    const scan = fw.createRouter({ logger: quiet, ecrClient: client });
    scan.on('ECR Scan Resource Change', async (_e, ctx) => void (found = (await ctx.repositories()).filter(Boolean).length));
    await scan.handler()(change);
    if (found !== 150) throw new Error(`found ${found} of 150 repositories`);
    results.scanResourceChange = counts();
  } finally {
    ecr.restore();
  }
  return results;
}
