import * as v from 'valibot';
import { ReplicationActionEvent } from '../../src/events/replication-action';
import { loadSample } from './sample-events';
import { describeSchemaContract } from './schema-contract';

describeSchemaContract({
  detailType: 'ECR Replication Action',
  schema: ReplicationActionEvent,
  base: 'aws-replication-success.json',
  requiredDetail: ['action-type', 'result', 'repository-name'],
  optionalDetail: ['image-digest', 'image-tag', 'source-account', 'source-region'],
  enumerations: ['action-type', 'result'],
});

describe('ECR Replication Action events', () => {
  it('accepts the AWS failure sample, whose result is FAILED', () => {
    expect(v.parse(ReplicationActionEvent, loadSample('aws-replication-failed.json')).detail.result).toBe('FAILED');
  });

  it('accepts a failure without tag, source account or source region', () => {
    const event = loadSample('replication-failure.json');
    expect(event.detail).not.toHaveProperty('image-tag');
    expect(event.detail).not.toHaveProperty('source-account');
    expect(v.safeParse(ReplicationActionEvent, event).success).toBe(true);
  });
});
