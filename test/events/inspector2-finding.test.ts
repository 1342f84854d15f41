import * as v from 'valibot';
import { ecrImageFindingFilter, Inspector2FindingEvent, isEcrImageFinding } from '../../src/events/inspector2-finding';
import { matchesPattern } from '../../src/pattern';
import { loadSample, samplesOf } from './sample-events';
import { describeSchemaContract } from './schema-contract';

describeSchemaContract({
  detailType: 'Inspector2 Finding',
  schema: Inspector2FindingEvent,
  base: 'aws-inspector2-finding-ecr.json',
  source: 'aws.inspector2',
  requiredDetail: [
    'awsAccountId',
    'findingArn',
    'type',
    'severity',
    'status',
    'resources',
    'resources.0.type',
    'resources.0.id',
    'resources.0.details.awsEcrContainerImage.registry',
    'resources.0.details.awsEcrContainerImage.repositoryName',
    'resources.0.details.awsEcrContainerImage.imageHash',
    'packageVulnerabilityDetails.vulnerabilityId',
    'packageVulnerabilityDetails.vulnerablePackages.0.name',
  ],
  optionalDetail: [
    'title',
    'description',
    'firstObservedAt',
    'updatedAt',
    'fixAvailable',
    'exploitAvailable',
    'epss',
    'packageVulnerabilityDetails',
    'resources.0.partition',
    'resources.0.details',
    'resources.0.details.image',
    'resources.0.details.awsEcrContainerImage.pushedAt',
  ],
  enumerations: ['type', 'severity', 'status', 'fixAvailable', 'exploitAvailable', 'resources.0.type', 'resources.0.provider'],
  nestedObjects: ['epss', 'packageVulnerabilityDetails', 'resources.0', 'resources.0.details', 'resources.0.details.awsEcrContainerImage', 'resources.0.details.image'],
});

const findings = samplesOf('Inspector2 Finding');
const ecrImageFiles = [
  'aws-inspector2-finding-ecr-2024.json',
  'aws-inspector2-finding-ecr-guide-2022-01.json',
  'aws-inspector2-finding-ecr-guide.json',
  'aws-inspector2-finding-ecr.json',
];

describe('Inspector2 Finding events', () => {
  it('keeps dates that are not ISO-8601 as Inspector writes them', () => {
    const event = v.parse(Inspector2FindingEvent, loadSample('aws-inspector2-finding-ecr-guide.json'));
    expect(event.detail.firstObservedAt).toBe('Dec 3, 2021, 6:02:30 PM');
    expect(event.detail.resources[0]?.details?.awsEcrContainerImage?.pushedAt).toBe('Dec 3, 2021, 6:02:13 PM');
    expect(event.detail.resources[0]?.details?.awsEcrContainerImage?.inUseCount).toBe(1);
  });

  it('types the provider-agnostic image beside awsEcrContainerImage', () => {
    const event = v.parse(Inspector2FindingEvent, loadSample('aws-inspector2-finding-ecr.json'));
    expect(event.detail.resources[0]?.details?.image?.imageDigest).toBe('sha256:84f507df33c6864d49c296fb734192696e4cb6f78166ac51ac8b9b118181085d');
    expect(event.detail.epss?.score).toBe(0.00045);
  });

  it('keeps the envelope key AWS published in its ECR sample', () => {
    const event = v.parse(Inspector2FindingEvent, loadSample('aws-inspector2-finding-ecr.json')) as Record<string, unknown>;
    expect(event['detail.resources.tags.testkey']).toBe('allow');
  });

  it('rejects a resources list that is not an array, and a resource without a type, naming them', () => {
    const event = loadSample('aws-inspector2-finding-ecr.json');
    event.detail.resources = { type: 'AWS_ECR_CONTAINER_IMAGE' };
    expect(v.safeParse(Inspector2FindingEvent, event).issues?.map((issue) => v.getDotPath(issue))).toEqual(['detail.resources']);
    const other = loadSample('aws-inspector2-finding-ec2-package.json');
    delete other.detail.resources[0].type;
    expect(v.safeParse(Inspector2FindingEvent, other).issues?.map((issue) => v.getDotPath(issue))).toEqual(['detail.resources.0.type']);
  });

  it('takes resource tags as a map of strings, refusing an array (issue 13, item 9)', () => {
    const event = loadSample('aws-inspector2-finding-ecr.json');
    event.detail.resources[0].tags = { team: 'payments' };
    expect(v.parse(Inspector2FindingEvent, event).detail.resources[0]?.tags).toEqual({ team: 'payments' });
    event.detail.resources[0].tags = [];
    expect(v.safeParse(Inspector2FindingEvent, event).issues?.map((issue) => [v.getDotPath(issue), issue.received])).toEqual([['detail.resources.0.tags', 'Array']]);
    event.detail.resources[0].tags = { team: 7 };
    expect(v.safeParse(Inspector2FindingEvent, event).issues?.map((issue) => v.getDotPath(issue))).toEqual(['detail.resources.0.tags.team']);
  });

  it('does not take the flat pre-GA "Inspector Finding" sample of 2021 for an Inspector2 Finding', () => {
    const paths = v.safeParse(Inspector2FindingEvent, loadSample('other-sources/aws-inspector-preview-finding-2021.json')).issues?.map((issue) => v.getDotPath(issue));
    expect(paths).toEqual(expect.arrayContaining(['detail-type', 'source', 'detail.resources']));
  });
});

describe('isEcrImageFinding and ecrImageFindingFilter', () => {
  it.each(findings)('agree on %s', (file, event) => {
    const expected = ecrImageFiles.includes(file);
    expect(isEcrImageFinding(v.parse(Inspector2FindingEvent, event))).toBe(expected);
    expect(matchesPattern({ detail: ecrImageFindingFilter }, event)).toBe(expected);
  });

  it('keep out findings about EC2 instances, Lambda functions and Azure resources, the Azure container image included', () => {
    const others = findings.filter(([file]) => !ecrImageFiles.includes(file)).map(([, event]) => event.detail.resources[0].type);
    expect(new Set(others)).toEqual(
      new Set(['AWS_EC2_INSTANCE', 'AWS_LAMBDA_FUNCTION', 'Microsoft.Compute/virtualMachines', 'Microsoft.ContainerRegistry/registry/containerImage', 'Microsoft.Web/sites']),
    );
  });

  it('take a finding that names an ECR image among other resources, as the filter does', () => {
    const [, sample] = findings.find(([file]) => ecrImageFiles.includes(file))!;
    const event = structuredClone(sample);
    event.detail.resources = [...event.detail.resources, { type: 'AWS_EC2_INSTANCE', id: 'i-0123456789abcdef0' }];
    expect(isEcrImageFinding(v.parse(Inspector2FindingEvent, event))).toBe(true);
    expect(matchesPattern({ detail: ecrImageFindingFilter }, event)).toBe(true);
  });

  it('is an EventBridge detail filter that names resources[].type', () => {
    expect(ecrImageFindingFilter).toEqual({ resources: { type: ['AWS_ECR_CONTAINER_IMAGE'] } });
  });
});
