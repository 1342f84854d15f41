import { ecrDetailTypes, eventSchemas, isKnownDetailType, sourceOf } from '../../src/events';

describe('the detail-types a router serves', () => {
  it('knows each of its detail-types, and no other string, prototype keys included', () => {
    for (const detailType of ecrDetailTypes) expect(isKnownDetailType(detailType)).toBe(true);
    for (const other of ['ECR Image Push', 'ecr image action', '', 'toString', 'constructor', '__proto__', 'hasOwnProperty']) expect(isKnownDetailType(other)).toBe(false);
  });

  it("reads each one's source from its schema: ECR's own, Inspector's for enhanced scanning", () => {
    expect(Object.fromEntries(ecrDetailTypes.map((detailType) => [detailType, sourceOf(detailType)]))).toEqual({
      'ECR Image Action': 'aws.ecr',
      'ECR Image Scan': 'aws.ecr',
      'ECR Scan Resource Change': 'aws.ecr',
      'ECR Pull Through Cache Action': 'aws.ecr',
      'ECR Replication Action': 'aws.ecr',
      'ECR Referrer Action': 'aws.ecr',
      'ECR Artifact Action': 'aws.ecr',
      'AWS API Call via CloudTrail': 'aws.ecr',
      'AWS Service Event via CloudTrail': 'aws.ecr',
      'Inspector2 Scan': 'aws.inspector2',
      'Inspector2 Finding': 'aws.inspector2',
      'Inspector2 Coverage': 'aws.inspector2',
    });
    expect(ecrDetailTypes).toEqual(Object.keys(eventSchemas));
  });
});
