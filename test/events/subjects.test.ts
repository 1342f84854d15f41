import * as v from 'valibot';
import { CloudTrailServiceEvent } from '../../src/events/cloudtrail-service-event';
import { Inspector2CoverageEvent } from '../../src/events/inspector2-coverage';
import { Inspector2FindingEvent } from '../../src/events/inspector2-finding';
import { Inspector2ScanEvent } from '../../src/events/inspector2-scan';
import { inspector2CoverageSubject, inspector2FindingSubject, inspector2ScanSubject, lifecycleRunSubject } from '../../src/events/subjects';
import { loadSample } from './sample-events';

const scan = (file: string, edit: (event: Record<string, any>) => void = () => undefined) => {
  const event = loadSample(file);
  edit(event);
  return v.parse(Inspector2ScanEvent, event);
};
const finding = (file: string, edit: (event: Record<string, any>) => void = () => undefined) => {
  const event = loadSample(file);
  edit(event);
  return v.parse(Inspector2FindingEvent, event);
};
const run = (file: string, edit: (event: Record<string, any>) => void = () => undefined) => {
  const event = loadSample(file);
  edit(event);
  return v.parse(CloudTrailServiceEvent, event);
};

describe('inspector2ScanSubject', () => {
  it('reads repository, registry and region from the ARN in repository-name, not from where the event came', () => {
    expect(inspector2ScanSubject(scan('aws-inspector2-scan-ecr-guide-2022-01.json'))).toEqual({
      registryId: '809632081692',
      region: 'us-east-2',
      repositoryName: 'amazon/amazon-ecs-sample',
      imageDigest: 'sha256:36c7b282abd0186e01419f2e58743e1bf635808231049bbc9d77e5EXAMPLE',
    });
    const forwarded = scan('aws-inspector2-scan-ecr.json', (event) => Object.assign(event, { account: '999999999999', region: 'ap-southeast-2' }));
    expect(inspector2ScanSubject(forwarded)).toMatchObject({ registryId: '111122223333', region: 'us-east-1', repositoryName: 'inspector2' });
  });

  it('falls back to resources[0] when repository-name is not an ARN', () => {
    const event = scan('aws-inspector2-scan-ecr.json', (e) => (e.detail['repository-name'] = 'inspector2'));
    expect(inspector2ScanSubject(event)).toMatchObject({ registryId: '111122223333', repositoryName: 'inspector2' });
  });

  it('names no image for scans of EC2 instances, Lambda functions and machine images', () => {
    for (const file of ['aws-inspector2-scan-ec2.json', 'aws-inspector2-scan-lambda.json', 'aws-inspector2-scan-machine-image.json']) {
      expect(inspector2ScanSubject(scan(`${file}`))).toBeUndefined();
    }
  });

  it('refuses a registry that is not 12 digits and a region that is not a region', () => {
    const arn = (account: string, region: string) => `arn:aws:ecr:${region}:${account}:repository/inspector2`;
    for (const [account, region] of [['11112222333', 'us-east-1'], ['111122223333:role/x', 'us-east-1'], ['111122223333', 'evil.example.com']] as const) {
      const event = scan('aws-inspector2-scan-ecr.json', (e) => {
        e.detail['repository-name'] = arn(account, region);
        e.resources = [arn(account, region)];
      });
      expect(inspector2ScanSubject(event)).toBeUndefined();
    }
  });

  it('leaves out a malformed digest but keeps the repository', () => {
    const event = scan('aws-inspector2-scan-ecr.json', (e) => (e.detail['image-digest'] = 'not a digest'));
    expect(inspector2ScanSubject(event)).toEqual({ registryId: '111122223333', region: 'us-east-1', repositoryName: 'inspector2' });
  });
});

describe('inspector2FindingSubject', () => {
  it('reads the image from the ARN of the finding, names with / included', () => {
    expect(inspector2FindingSubject(finding('aws-inspector2-finding-ecr-guide.json'))).toEqual({
      registryId: '123456789012',
      region: 'us-east-2',
      repositoryName: 'amazon/amazon-ecs-sample',
      imageDigest: 'sha256:36c7b282abd0186e01419f2e58743e1bf635808231049bbc9d77EXAMPLE',
    });
  });

  it('takes the registry and region of the ARN even when the event arrived elsewhere', () => {
    const event = finding('aws-inspector2-finding-ecr.json', (e) => {
      const arn = 'arn:aws:ecr:ap-northeast-1:210987654321:repository/team/payments/api/sha256:84f507df33c6864d49c296fb734192696e4cb6f78166ac51ac8b9b118181085d';
      e.resources = [arn];
      e.detail.resources[0].id = arn;
    });
    expect(inspector2FindingSubject(event)).toMatchObject({ registryId: '210987654321', region: 'ap-northeast-1', repositoryName: 'team/payments/api' });
  });

  it('falls back to the envelope ARN, and to imageHash for the digest', () => {
    const event = finding('aws-inspector2-finding-ecr-2024.json', (e) => {
      e.detail.resources[0].id = 'not-an-arn';
      e.resources = ['arn:aws:ecr:eu-central-1:123456789012:repository/inspector2'];
    });
    expect(inspector2FindingSubject(event)).toEqual({
      registryId: '123456789012',
      region: 'eu-central-1',
      repositoryName: 'inspector2',
      imageDigest: 'sha256:84f507df33c6864d49c296fb734192696e4cb6f78166ac51ac8b9b118181085d',
    });
  });

  it('names nothing for findings about EC2 instances, Lambda functions or an Azure container image', () => {
    for (const file of ['aws-inspector2-finding-ec2-package.json', 'aws-inspector2-finding-lambda-package.json', 'aws-inspector2-finding-azure-container-image.json']) {
      expect(inspector2FindingSubject(finding(`${file}`))).toBeUndefined();
    }
  });

  it('names nothing when the ARN has a malformed account', () => {
    const event = finding('aws-inspector2-finding-ecr.json', (e) => {
      const arn = 'arn:aws:ecr:eu-central-1:12345678901:repository/inspector2/sha256:84f507df33c6864d49c296fb734192696e4cb6f78166ac51ac8b9b118181085d';
      e.resources = [arn];
      e.detail.resources[0].id = arn;
    });
    expect(inspector2FindingSubject(event)).toBeUndefined();
  });
});

describe('inspector2CoverageSubject', () => {
  it('names an ECR image in resources[0], and nothing for an EC2 instance', () => {
    const event = loadSample('aws-inspector2-coverage-ec2.json');
    expect(inspector2CoverageSubject(v.parse(Inspector2CoverageEvent, event))).toBeUndefined();
    event.resources = ['arn:aws:ecr:us-east-1:111122223333:repository/team/app/sha256:965fbcae990b0467ed5657caceaec165018ef44a4d2d46c7cdea80a9dff0d1ea'];
    expect(inspector2CoverageSubject(v.parse(Inspector2CoverageEvent, event))).toEqual({
      registryId: '111122223333',
      region: 'us-east-1',
      repositoryName: 'team/app',
      imageDigest: 'sha256:965fbcae990b0467ed5657caceaec165018ef44a4d2d46c7cdea80a9dff0d1ea',
    });
  });
});

describe('lifecycleRunSubject', () => {
  it('names the repository and the images the run expired, with the rule that acted', () => {
    expect(lifecycleRunSubject(run('aws-lifecycle-policy-expire.json'))).toEqual({
      repository: { registryId: '123456789012', region: 'us-west-2', repositoryName: 'testrepo' },
      images: [
        { imageDigest: 'sha256:ddba4d27a7ffc3f86dd6c2f92041af252a1f23a8e742c90e6e1297bfa1bc0c45', tags: ['alpine'], tagStatus: 'Tagged', pushedAt: 1584042813000, rulePriority: 1, action: 'expire', outcome: 'expired' },
        { imageDigest: 'sha256:6ab380c5a5acf71c1b6660d645d2cd79cc8ce91b38e0352cbf9561e050427baf', tags: ['centos'], tagStatus: 'Tagged', pushedAt: 1584042842000, rulePriority: 1, action: 'expire', outcome: 'expired' },
      ],
      failures: [],
    });
  });

  it('tells archived images (still there) from expired ones (gone)', () => {
    expect(lifecycleRunSubject(run('lifecycle-policy-archive.json'))?.images.map((image) => image.outcome)).toEqual(['archived', 'expired']);
  });

  it('lists the images a rule failed to act on, with the reason', () => {
    const subject = lifecycleRunSubject(run('lifecycle-policy-failure.json'));
    expect(subject?.failures).toEqual([
      expect.objectContaining({ imageDigest: 'sha256:d2bce1a58adcbf52953ebbf0c6db8d1e1df48ac04bb8439407fbc50eeafe87d4', failureCode: 'ImageReferencedByManifestList', rulePriority: 1 }),
    ]);
  });

  it('names the repository of a run that acted on nothing', () => {
    expect(lifecycleRunSubject(run('lifecycle-policy-nothing-expired.json'))).toMatchObject({ images: [], failures: [], repository: { region: 'us-east-1' } });
  });

  it('takes the registry from the repository ARN of the record, else from the envelope', () => {
    const fromArn = run('aws-lifecycle-policy-expire.json', (e) => {
      e.account = '999999999999';
      e.detail.resources[0].ARN = 'arn:aws:ecr:eu-west-1:210987654321:repository/testrepo';
    });
    expect(lifecycleRunSubject(fromArn)?.repository).toEqual({ registryId: '210987654321', region: 'eu-west-1', repositoryName: 'testrepo' });
    const fromEnvelope = run('aws-lifecycle-policy-expire.json', (e) => delete e.detail.resources);
    expect(lifecycleRunSubject(fromEnvelope)?.repository).toEqual({ registryId: '123456789012', region: 'us-west-2', repositoryName: 'testrepo' });
  });

  it('names nothing for other service events, malformed repositories or envelopes', () => {
    expect(lifecycleRunSubject(run('aws-lifecycle-policy-expire.json', (e) => (e.detail.eventName = 'SomethingElse')))).toBeUndefined();
    expect(lifecycleRunSubject(run('aws-lifecycle-policy-expire.json', (e) => (e.detail.serviceEventDetails.repositoryName = '../etc')))).toBeUndefined();
    const badAccount = run('aws-lifecycle-policy-expire.json', (e) => {
      delete e.detail.resources;
      e.account = '123';
    });
    expect(lifecycleRunSubject(badAccount)).toBeUndefined();
  });

  it('leaves out images whose digest nothing could be looked up with', () => {
    const event = run('aws-lifecycle-policy-expire.json', (e) => (e.detail.serviceEventDetails.lifecycleEventImageActions[0].lifecycleEventImage.digest = 'garbage'));
    expect(lifecycleRunSubject(event)?.images.map((image) => image.tags)).toEqual([['centos']]);
  });
});

describe('what the subjects leave out and fall back to', () => {
  const ECR_IMAGE = {
    type: 'AWS_ECR_CONTAINER_IMAGE',
    id: 'arn:aws:ecr:eu-central-1:123456789012:repository/team/app/sha256:84f507df33c6864d49c296fb734192696e4cb6f78166ac51ac8b9b118181085d',
  };

  it('takes the ECR image among the resources of a finding, wherever it is listed', () => {
    const event = finding('aws-inspector2-finding-ecr.json', (e) => {
      e.detail.resources = [{ type: 'AWS_EC2_INSTANCE', id: 'i-0123456789abcdef0' }, ECR_IMAGE];
    });
    expect(inspector2FindingSubject(event)).toEqual({
      registryId: '123456789012',
      region: 'eu-central-1',
      repositoryName: 'team/app',
      imageDigest: 'sha256:84f507df33c6864d49c296fb734192696e4cb6f78166ac51ac8b9b118181085d',
    });
  });

  it("reads a finding's digest from details.image when neither the ARN nor awsEcrContainerImage has one", () => {
    const digest = 'sha256:965fbcae990b0467ed5657caceaec165018ef44a4d2d46c7cdea80a9dff0d1ea';
    const event = finding('aws-inspector2-finding-ecr.json', (e) => {
      e.resources = ['arn:aws:ecr:eu-central-1:123456789012:repository/team/app'];
      e.detail.resources = [{ type: 'AWS_ECR_CONTAINER_IMAGE', id: 'arn:aws:ecr:eu-central-1:123456789012:repository/team/app', details: { image: { imageDigest: digest } } }];
    });
    expect(inspector2FindingSubject(event)).toMatchObject({ repositoryName: 'team/app', imageDigest: digest });
    const without = finding('aws-inspector2-finding-ecr.json', (e) => {
      e.resources = ['arn:aws:ecr:eu-central-1:123456789012:repository/team/app'];
      e.detail.resources = [{ type: 'AWS_ECR_CONTAINER_IMAGE', id: 'arn:aws:ecr:eu-central-1:123456789012:repository/team/app' }];
    });
    expect(inspector2FindingSubject(without)).toBeUndefined();
    const emptyDetails = finding('aws-inspector2-finding-ecr.json', (e) => {
      e.resources = ['arn:aws:ecr:eu-central-1:123456789012:repository/team/app'];
      e.detail.resources = [{ type: 'AWS_ECR_CONTAINER_IMAGE', id: 'arn:aws:ecr:eu-central-1:123456789012:repository/team/app', details: {} }];
    });
    expect(inspector2FindingSubject(emptyDetails)).toBeUndefined();
  });

  it('names a repository without an imageDigest key when a coverage ARN has no digest', () => {
    const event = loadSample('aws-inspector2-coverage-ec2.json');
    event.resources = ['arn:aws:ecr:us-east-1:111122223333:repository/team/app'];
    expect(inspector2CoverageSubject(v.parse(Inspector2CoverageEvent, event))).toStrictEqual({ registryId: '111122223333', region: 'us-east-1', repositoryName: 'team/app' });
  });

  it('names nothing for a PolicyExecutionEvent without serviceEventDetails', () => {
    expect(lifecycleRunSubject(run('aws-lifecycle-policy-expire.json', (e) => delete e.detail.serviceEventDetails))).toBeUndefined();
  });

  it("takes the registry from the ARN of the run's own repository, not another one listed first", () => {
    const event = run('aws-lifecycle-policy-expire.json', (e) => {
      e.detail.resources = [
        { ARN: 'arn:aws:iam::123456789012:role/ecr-lifecycle' },
        { accountId: '123456789012' },
        { ARN: 'arn:aws:ecr:ap-south-1:555555555555:repository/other' },
        { ARN: 'arn:aws:ecr:eu-west-1:210987654321:repository/testrepo' },
      ];
    });
    expect(lifecycleRunSubject(event)?.repository).toEqual({ registryId: '210987654321', region: 'eu-west-1', repositoryName: 'testrepo' });
  });

  it('says nothing of tag status, push time, rule or action the run did not record, and lists no tags for an image without tagList', () => {
    const event = run('aws-lifecycle-policy-expire.json', (e) => {
      const acted = e.detail.serviceEventDetails.lifecycleEventImageActions[0];
      delete acted.rulePriority;
      acted.lifecycleEventImage = { digest: acted.lifecycleEventImage.digest };
    });
    expect(lifecycleRunSubject(event)?.images[0]).toStrictEqual({
      imageDigest: 'sha256:ddba4d27a7ffc3f86dd6c2f92041af252a1f23a8e742c90e6e1297bfa1bc0c45',
      tags: [],
      outcome: 'unknown',
    });
  });

  it('joins only the rules that have both a priority and an action, and calls an action it does not know unknown', () => {
    const images = (rules: unknown[]) =>
      lifecycleRunSubject(run('aws-lifecycle-policy-expire.json', (e) => (e.detail.serviceEventDetails.lifecycleEventPolicy.lifecycleEventRules = rules)))?.images ?? [];
    const outcomes = (rules: unknown[]) => images(rules).map((image) => [image.action, image.outcome]);
    for (const rules of [[{ rulePriority: 1 }], [{ action: 'expire' }], [{ rulePriority: 2, action: 'expire' }]]) {
      expect(images(rules).map((image) => image.outcome)).toEqual(['unknown', 'unknown']);
      for (const image of images(rules)) expect(image).not.toHaveProperty('action');
    }
    expect(outcomes([{ rulePriority: 1, action: 'TRANSITION' }])).toEqual([['TRANSITION', 'archived'], ['TRANSITION', 'archived']]);
    expect(outcomes([{ rulePriority: 1, action: 'archive-to-glacier' }])).toEqual([['archive-to-glacier', 'archived'], ['archive-to-glacier', 'archived']]);
    expect(outcomes([{ rulePriority: 1, action: 'delete' }])).toEqual([['delete', 'unknown'], ['delete', 'unknown']]);
  });

  it('names the images of a run that records no policy, or no image actions', () => {
    const noPolicy = lifecycleRunSubject(run('aws-lifecycle-policy-expire.json', (e) => delete e.detail.serviceEventDetails.lifecycleEventPolicy));
    expect(noPolicy?.images.map((image) => [image.rulePriority, image.outcome])).toEqual([[1, 'unknown'], [1, 'unknown']]);
    const noActions = lifecycleRunSubject(run('aws-lifecycle-policy-expire.json', (e) => delete e.detail.serviceEventDetails.lifecycleEventImageActions));
    expect(noActions).toMatchObject({ images: [], failures: [], repository: { repositoryName: 'testrepo' } });
  });

  it('keeps the failure code and reason a failure records, no more, and leaves out failures with a malformed digest', () => {
    const subject = lifecycleRunSubject(
      run('lifecycle-policy-failure.json', (e) => {
        const [failed] = e.detail.serviceEventDetails.lifecycleEventFailureDetails;
        failed.failureReason = 'The image is referenced by a manifest list';
        delete failed.failureCode;
        e.detail.serviceEventDetails.lifecycleEventFailureDetails.push({ ...failed, lifecycleEventImage: { ...failed.lifecycleEventImage, digest: 'garbage' } });
      }),
    );
    expect(subject?.failures).toHaveLength(1);
    expect(subject?.failures[0]).toMatchObject({ failureReason: 'The image is referenced by a manifest list' });
    expect(subject?.failures[0]).not.toHaveProperty('failureCode');
    const plain = lifecycleRunSubject(run('lifecycle-policy-failure.json', (e) => delete e.detail.serviceEventDetails.lifecycleEventFailureDetails[0].failureReason));
    expect(plain?.failures[0]).not.toHaveProperty('failureReason');
    expect(plain?.failures[0]).toHaveProperty('failureCode', 'ImageReferencedByManifestList');
  });
});
