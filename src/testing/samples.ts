import type { EcrDetailType } from '../index';

const envelope = (detailType: EcrDetailType, id: string, region = 'eu-west-1') => ({
  version: '0',
  id,
  'detail-type': detailType,
  source: 'aws.ecr',
  account: '123456789012',
  time: '2025-03-14T09:26:53Z',
  region,
  resources: [] as string[],
});

const digest = 'sha256:3f1c0a7de2b9c4f8a5e6d7c8b9a0f1e2d3c4b5a6978877665544332211009988';

/**
 * One typical event per detail-type, as AWS publishes it (the same facts as the files in the
 * repository's `events/` folder: payments/api:v2.8.1 pushed, scanned, replicated, …).
 */
export const samples: { readonly [K in EcrDetailType]: Record<string, unknown> } = {
  'ECR Image Action': {
    ...envelope('ECR Image Action', 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b'),
    detail: {
      result: 'SUCCESS',
      'repository-name': 'payments/api',
      'image-digest': digest,
      'action-type': 'PUSH',
      'image-tag': 'v2.8.1',
      'manifest-media-type': 'application/vnd.oci.image.manifest.v1+json',
      'artifact-media-type': 'application/vnd.oci.image.config.v1+json',
    },
  },
  'ECR Image Scan': {
    ...envelope('ECR Image Scan', 'a1b2c3d4-0005-4e5f-8a9b-0c1d2e3f4a5b'),
    resources: ['arn:aws:ecr:eu-west-1:123456789012:repository/payments/api'],
    detail: {
      'scan-status': 'COMPLETE',
      'repository-name': 'payments/api',
      'finding-severity-counts': { CRITICAL: 1, HIGH: 4, MEDIUM: 12, LOW: 7, INFORMATIONAL: 3 },
      'image-digest': digest,
      'image-tags': ['v2.8.1', 'latest'],
    },
  },
  'ECR Scan Resource Change': {
    ...envelope('ECR Scan Resource Change', 'a1b2c3d4-0008-4e5f-8a9b-0c1d2e3f4a5b', 'us-east-1'),
    detail: {
      'action-type': 'IMAGE_PUSH',
      image: { 'repository-name': 'payments/api', 'image-digest': digest },
      'resource-type': 'IMAGE',
      'scan-type': 'ENHANCED',
    },
  },
  'ECR Pull Through Cache Action': {
    ...envelope('ECR Pull Through Cache Action', 'a1b2c3d4-0009-4e5f-8a9b-0c1d2e3f4a5b', 'eu-central-1'),
    resources: ['arn:aws:ecr:eu-central-1:123456789012:repository/docker-hub/library/nginx'],
    detail: {
      'rule-version': '2',
      'sync-status': 'SUCCESS',
      'ecr-repository-prefix': 'docker-hub',
      'repository-name': 'docker-hub/library/nginx',
      'upstream-registry-url': 'registry-1.docker.io',
      'image-tag': '1.27-alpine',
      'image-digest': digest,
    },
  },
  'ECR Replication Action': {
    ...envelope('ECR Replication Action', 'a1b2c3d4-0011-4e5f-8a9b-0c1d2e3f4a5b', 'us-west-2'),
    resources: ['arn:aws:ecr:us-west-2:123456789012:repository/payments/api'],
    detail: {
      result: 'SUCCESS',
      'repository-name': 'payments/api',
      'image-digest': digest,
      'source-account': '123456789012',
      'action-type': 'REPLICATE',
      'source-region': 'eu-west-1',
      'image-tag': 'v2.8.1',
    },
  },
  'ECR Referrer Action': {
    ...envelope('ECR Referrer Action', 'a1b2c3d4-0013-4e5f-8a9b-0c1d2e3f4a5b'),
    detail: {
      'action-type': 'PUSH',
      'image-digest': 'sha256:0c7e1f4a9d2b5e8c1f4a7d0b3e6c9f2a5d8b1e4c7f0a3d6b9e2c5f8a1d4b7e0c',
      'repository-name': 'payments/api',
      result: 'SUCCESS',
      'manifest-media-type': 'application/vnd.oci.image.manifest.v1+json',
      'artifact-media-type': 'application/vnd.dev.cosign.artifact.sig.v1+json',
    },
  },
  'ECR Artifact Action': {
    ...envelope('ECR Artifact Action', 'a1b2c3d4-0014-4e5f-8a9b-0c1d2e3f4a5b'),
    detail: {
      'action-type': 'PUSH',
      'image-digest': 'sha256:5e3a1c9f7b5d3e1a9c7f5b3d1e9a7c5f3b1d9e7a5c3f1b9d7e5a3c1f9b7d5e3a',
      'image-tag': '0.4.2',
      'repository-name': 'charts/payments',
      result: 'SUCCESS',
      'manifest-media-type': 'application/vnd.oci.image.manifest.v1+json',
      'artifact-media-type': 'application/vnd.cncf.helm.config.v1+json',
    },
  },
  'AWS API Call via CloudTrail': {
    ...envelope('AWS API Call via CloudTrail', 'a1b2c3d4-0015-4e5f-8a9b-0c1d2e3f4a5b'),
    detail: {
      eventVersion: '1.08',
      userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::123456789012:assumed-role/ci-deployer/github-actions', accountId: '123456789012' },
      eventTime: '2025-03-14T09:26:52Z',
      eventSource: 'ecr.amazonaws.com',
      eventName: 'PutImage',
      awsRegion: 'eu-west-1',
      sourceIPAddress: '203.0.113.12',
      userAgent: 'docker/27.3.1',
      requestParameters: { repositoryName: 'payments/api', imageTag: 'v2.8.1', registryId: '123456789012' },
      responseElements: { image: { repositoryName: 'payments/api', registryId: '123456789012', imageId: { imageDigest: digest, imageTag: 'v2.8.1' } } },
      requestID: 'cf044b7d-5f9d-11e9-9b2a-95983139cc57',
      eventID: '2bfd4ee2-2178-4a82-a27d-b12939923f0f',
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: '123456789012',
      eventCategory: 'Management',
    },
  },
};
