import { isAccountId, isImageDigest, isRegion, isRepositoryName, parseEcrArn } from '../../src/events/ecr-arn';

const digest = 'sha256:84f507df33c6864d49c296fb734192696e4cb6f78166ac51ac8b9b118181085d';

describe('parseEcrArn', () => {
  it('reads an image ARN whose repository name has namespaces', () => {
    expect(parseEcrArn(`arn:aws:ecr:us-east-2:123456789012:repository/team/payments/api/${digest}`)).toEqual({
      partition: 'aws',
      region: 'us-east-2',
      account: '123456789012',
      repositoryName: 'team/payments/api',
      imageDigest: digest,
    });
  });

  it('reads a repository ARN, in other partitions too', () => {
    expect(parseEcrArn('arn:aws:ecr:us-east-2:123456789012:repository/amazon/amazon-ecs-sample')).toEqual({
      partition: 'aws',
      region: 'us-east-2',
      account: '123456789012',
      repositoryName: 'amazon/amazon-ecs-sample',
    });
    expect(parseEcrArn('arn:aws-cn:ecr:cn-north-1:123456789012:repository/app')?.partition).toBe('aws-cn');
    expect(parseEcrArn('arn:aws-us-gov:ecr:us-gov-west-1:123456789012:repository/app')?.region).toBe('us-gov-west-1');
  });

  it("accepts the EXAMPLE digests of AWS's own samples", () => {
    const arn = 'arn:aws:ecr:us-east-2:123456789012:repository/amazon/amazon-ecs-sample/sha256:36c7b282abd0186e01419f2e58743e1bf635808231049bbc9d77EXAMPLE';
    expect(parseEcrArn(arn)?.imageDigest).toBe('sha256:36c7b282abd0186e01419f2e58743e1bf635808231049bbc9d77EXAMPLE');
  });

  it.each([
    ['an account of 11 digits', 'arn:aws:ecr:us-east-1:12345678901:repository/app'],
    ['an account with a role in it', 'arn:aws:ecr:us-east-1:123456789012:role/x:repository/app'],
    ['an account of letters', 'arn:aws:ecr:us-east-1:12345678901a:repository/app'],
    ['region N/A', 'arn:aws:ecr:N/A:123456789012:repository/app'],
    ['a host name as region', 'arn:aws:ecr:evil.example.com:123456789012:repository/app'],
    ['an empty region', 'arn:aws:ecr::123456789012:repository/app'],
    ['another service', 'arn:aws:lambda:eu-central-1:123456789012:function:VulnerableFunction:$LATEST'],
    ['another partition word', 'arn:azure:ecr:us-east-1:123456789012:repository/app'],
    ['an upper-case repository name', 'arn:aws:ecr:us-east-1:123456789012:repository/App'],
    ['a repository name with an empty namespace', 'arn:aws:ecr:us-east-1:123456789012:repository/team//app'],
    ['a malformed digest', 'arn:aws:ecr:us-east-1:123456789012:repository/app/sha256:'],
    ['an EC2 instance id', 'i-12345678901234567'],
    ['an Azure resource path', '/subscriptions/aaaa/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm'],
    ['not a string', 42],
  ])('refuses %s', (_what, arn) => {
    expect(parseEcrArn(arn)).toBeUndefined();
  });
});

describe('the validators', () => {
  it('take an account of exactly 12 digits', () => {
    expect([isAccountId('123456789012'), isAccountId('12345678901'), isAccountId('1234567890123'), isAccountId(123456789012)]).toEqual([true, false, false, false]);
  });

  it('take the region syntax of every partition, not a list of regions', () => {
    for (const region of ['eu-west-1', 'us-gov-west-1', 'cn-northwest-1', 'us-isob-east-1', 'eusc-de-east-1', 'ap-southeast-7']) expect(isRegion(region)).toBe(true);
    for (const region of ['N/A', 'eu-west', 'EU-WEST-1', 'eu-west-1.', 'eu-west-1/x', 'localhost', '']) expect(isRegion(region)).toBe(false);
  });

  it("take ECR's repository names and OCI digests", () => {
    expect([isRepositoryName('amazon/amazon-ecs-sample'), isRepositoryName('a'), isRepositoryName('x'.repeat(257))]).toEqual([true, false, false]);
    expect([isImageDigest(digest), isImageDigest('sha256'), isImageDigest('latest')]).toEqual([true, false, false]);
  });

  it('take every length ECR allows and none beyond', () => {
    // RepositoryName: 2 to 256 characters; a region of the longest syntax allowed (32) but no longer.
    expect([isRepositoryName('ab'), isRepositoryName('a'.repeat(256)), isRepositoryName('a'.repeat(257))]).toEqual([true, true, false]);
    expect([isRegion(`${'a'.repeat(2)}-${'b'.repeat(26)}-1`), isRegion(`${'a'.repeat(2)}-${'b'.repeat(26)}-12`), isRegion(`aa-${'b'.repeat(27)}-12`)]).toEqual([true, true, false]);
    expect([isRegion('eu-west-12'), isRegion('eu-west-123'), isRegion(42)]).toEqual([true, false, false]);
  });

  it('refuse a name or digest that only contains a valid one', () => {
    for (const name of ['team/-app', 'team/app-', 'te__/app', 'Team/app', 'team/app/']) expect(isRepositoryName(name)).toBe(false);
    for (const name of ['team/a-b', 'team.x/a_b', 'a/b/c-d.e', 'team-x/app-api']) expect(isRepositoryName(name)).toBe(true);
    for (const value of [`x${digest}`.replace('x', '/'), `${digest}/`, 'sha256+:abc', 'sha256+-x:abc', 'Sha256:abc', `sha256:${'a'.repeat(257)}`]) expect(isImageDigest(value)).toBe(false);
    expect([isImageDigest('sha256+b64u:abc'), isImageDigest(`sha256:${'a'.repeat(256)}`), isImageDigest(42)]).toEqual([true, true, false]);
  });

  it('read ARNs only whole: nothing before arn:, nothing after the name, at most 2048 characters', () => {
    expect(parseEcrArn('xarn:aws:ecr:us-east-1:123456789012:repository/app')).toBeUndefined();
    expect(parseEcrArn('arn:aws:ecr:us-east-1:123456789012:repository/app\n')).toBeUndefined();
    // The digest's algorithm part has no length limit in the OCI grammar: it fills the ARN to 2048.
    const longest = `arn:aws:ecr:us-east-1:123456789012:repository/app/${'a'.repeat(2048 - 'arn:aws:ecr:us-east-1:123456789012:repository/app/:abc'.length)}:abc`;
    expect(longest).toHaveLength(2048);
    expect(parseEcrArn(longest)?.repositoryName).toBe('app');
    expect(parseEcrArn(`${longest}a`)).toBeUndefined();
  });

  it('take strings only: an array holding a valid value is not one', () => {
    expect([isRegion(['eu-west-1']), isRepositoryName(['app']), isImageDigest([digest]), isAccountId(['123456789012'])]).toEqual([false, false, false, false]);
    expect(parseEcrArn(['arn:aws:ecr:us-east-1:123456789012:repository/app'])).toBeUndefined();
    for (const region of ['x/eu-west-1', '1eu-west-1']) expect(isRegion(region)).toBe(false);
  });

  it('take a last segment with a colon as the digest only after a repository name', () => {
    // "repository/sha256:…" names no repository: the name would be empty.
    expect(parseEcrArn(`arn:aws:ecr:us-east-1:123456789012:repository/${digest}`)).toBeUndefined();
  });
});
