import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { ConfigurationError, createRouter, matchesPattern, type Logger } from '../../src/index';
import { loadSample } from '../events/sample-events';
import { quiet } from '../helpers/quiet-logger';

const ecrFinding = () => loadSample('aws-inspector2-finding-ecr.json');
const ec2Finding = () => loadSample('aws-inspector2-finding-ec2-package.json');
const lambdaFinding = () => loadSample('aws-inspector2-finding-lambda-package.json');
const ecrScan = () => loadSample('aws-inspector2-scan-ecr.json');

describe('Inspector2 routes', () => {
  it('run for a finding about an ECR image, never for one about an EC2 instance or a Lambda function', async () => {
    const seen: string[] = [];
    const router = createRouter({ logger: quiet }).on('Inspector2 Finding', (event) => void seen.push(event.id));
    await expect(router.handler()(ecrFinding())).resolves.toMatchObject({ status: 'handled' });
    await expect(router.handler()(ec2Finding())).resolves.toMatchObject({ status: 'unmatched' });
    await expect(router.handler()(lambdaFinding())).resolves.toMatchObject({ status: 'unmatched' });
    expect(seen).toEqual([ecrFinding().id]);
  });

  it('put the ECR-image condition in the rule, so EventBridge does not deliver other findings', () => {
    const pattern = createRouter({ logger: quiet }).on('Inspector2 Finding', { severity: ['CRITICAL', 'HIGH'] }, () => undefined).eventPattern();
    expect(pattern).toEqual({
      source: ['aws.inspector2'],
      'detail-type': ['Inspector2 Finding'],
      detail: { resources: { type: ['AWS_ECR_CONTAINER_IMAGE'] }, severity: ['CRITICAL', 'HIGH'] },
    });
    expect(matchesPattern(pattern, { ...ecrFinding(), detail: { ...ecrFinding().detail, severity: 'HIGH' } })).toBe(true);
    expect(matchesPattern(pattern, { ...ec2Finding(), detail: { ...ec2Finding().detail, severity: 'HIGH' } })).toBe(false);
  });

  it('cover both sources in eventPattern() without widening either', () => {
    const pattern = createRouter({ logger: quiet })
      .on('ECR Image Scan', () => undefined)
      .on('Inspector2 Scan', () => undefined)
      .eventPattern();
    expect(pattern).toEqual({
      $or: [
        { source: ['aws.ecr'], 'detail-type': ['ECR Image Scan'] },
        { source: ['aws.inspector2'], 'detail-type': ['Inspector2 Scan'] },
      ],
    });
    expect(matchesPattern(pattern, ecrScan())).toBe(true);
    expect(matchesPattern(pattern, { ...ecrScan(), source: 'aws.ecr' })).toBe(false);
  });

  it('admit aws.inspector2 only for the Inspector2 detail-types a router routes; other Inspector events are of a foreign source', async () => {
    const ecrOnly = createRouter({ logger: quiet }).on('ECR Image Scan', () => undefined);
    await expect(ecrOnly.handler()(ecrScan())).rejects.toMatchObject({ name: 'UnroutableEventError', reason: 'foreign-source' });
    const scans = createRouter({ logger: quiet }).on('Inspector2 Scan', () => undefined);
    await expect(scans.handler()(ecrScan())).resolves.toMatchObject({ status: 'handled' });
    await expect(scans.handler()(ecrFinding())).rejects.toMatchObject({ reason: 'foreign-source' });
  });

  it('refuse an aws.inspector2 event that names an ECR detail-type a route takes, as of a foreign source (not ignored as unknown)', async () => {
    const router = createRouter({ logger: quiet }).on('ECR Image Scan', () => undefined).on('Inspector2 Scan', () => undefined);
    const posing = { ...loadSample('aws-image-scan.json'), source: 'aws.inspector2' };
    await expect(router.handler()(posing)).rejects.toMatchObject({ name: 'UnroutableEventError', reason: 'foreign-source' });
  });

  it('take a handler with properties of its own (a jest.fn()) on an unfiltered Finding route', async () => {
    const handler = jest.fn();
    const router = createRouter({ logger: quiet }).on('Inspector2 Finding', handler);
    await expect(router.handler()(ecrFinding())).resolves.toMatchObject({ status: 'handled', routes: 1 });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(router.eventPattern()).toEqual({ source: ['aws.inspector2'], 'detail-type': ['Inspector2 Finding'], detail: { resources: { type: ['AWS_ECR_CONTAINER_IMAGE'] } } });
  });

  it('refuse a Finding filter that names detail.resources, where the router puts its own condition', () => {
    expect(() => createRouter().on('Inspector2 Finding', { resources: { type: ['AWS_EC2_INSTANCE'] } } as never, () => undefined)).toThrow(ConfigurationError);
    expect(() => createRouter().on('Inspector2 Finding', { $or: [{ resources: { id: [{ prefix: 'arn' }] } }, { severity: ['HIGH'] }] } as never, () => undefined)).toThrow(ConfigurationError);
  });

  it("look up the image in the registry and region of the finding's ARN, not where the event was delivered", async () => {
    const ecr = mockClient(ECRClient);
    ecr.on(DescribeImagesCommand).resolves({ imageDetails: [] });
    const asked: string[] = [];
    const router = createRouter({
      logger: quiet,
      ecrClient: (region, account) => {
        asked.push(`${region} ${account}`);
        return new ECRClient({ region, credentials: { accessKeyId: 't', secretAccessKey: 't' } });
      },
    }).on('Inspector2 Finding', async (_e, ctx) => {
      await ctx.image();
    });
    const finding = ecrFinding();
    const delivered = { ...finding, account: '999999999999', region: 'ap-southeast-2' };
    await router.handler()(delivered);
    const arn = String(finding.detail.resources[0].id);
    const [, , , region, account] = arn.split(':');
    expect(asked).toEqual([`${region} ${account}`]);
    const input = ecr.commandCalls(DescribeImagesCommand)[0]!.args[0].input;
    expect(input.registryId).toBe(account);
    expect(arn.endsWith(String(input.imageIds?.[0]?.imageDigest))).toBe(true);
    ecr.restore();
  });
});
