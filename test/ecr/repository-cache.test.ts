import { DescribeRepositoriesCommand, ECRClient, RepositoryNotFoundException } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { EcrClients } from '../../src/ecr/clients';
import { lookupSession } from '../helpers/lookups';
import { createRepositoryCache } from '../../src/ecr/repository-cache';

const ecr = mockClient(ECRClient);
const here = { region: 'us-east-1', account: '111122223333' };

beforeEach(() => ecr.reset());

describe('createRepositoryCache', () => {
  it('serves a found repository to later sessions until its time-to-live has passed', async () => {
    ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [{ repositoryName: 'app' }] });
    let now = 1_000;
    const repositoryCache = createRepositoryCache({ ttlMs: 60_000, now: () => now });
    const clients = new EcrClients();
    const invoke = () => lookupSession({ clients, repositoryCache });

    const first = invoke();
    await first.repository(here, 'app');
    now += 59_999;
    const second = invoke();
    await expect(second.repository(here, 'app')).resolves.toEqual({ repositoryName: 'app' });
    now += 1;
    const third = invoke();
    await third.repository(here, 'app');

    expect([first.requests, second.requests, third.requests]).toEqual([1, 0, 1]);
  });

  it('keeps repositories apart by region and account', async () => {
    ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [{ repositoryName: 'app' }] });
    const repositoryCache = createRepositoryCache({ ttlMs: 60_000 });
    const clients = new EcrClients();

    await lookupSession({ clients, repositoryCache }).repository(here, 'app');
    const other = lookupSession({ clients, repositoryCache });
    await other.repository({ region: 'eu-west-1', account: here.account }, 'app');
    await other.repository({ region: here.region, account: '444455556666' }, 'app');

    expect(other.requests).toBe(2);
  });

  it('does not remember a repository that was not found', async () => {
    ecr.on(DescribeRepositoriesCommand).rejects(new RepositoryNotFoundException({ message: 'none', $metadata: {} }));
    const repositoryCache = createRepositoryCache({ ttlMs: 60_000 });
    const clients = new EcrClients();

    await lookupSession({ clients, repositoryCache }).repository(here, 'gone');
    const later = lookupSession({ clients, repositoryCache });
    await expect(later.repository(here, 'gone')).resolves.toBeUndefined();

    expect(later.requests).toBe(1);
  });

  it('gives no room to a repository that was not found: it never pushes a found one out', async () => {
    ecr.on(DescribeRepositoriesCommand, { repositoryNames: ['app'] }).resolves({ repositories: [{ repositoryName: 'app' }] });
    ecr.on(DescribeRepositoriesCommand, { repositoryNames: ['gone'] }).rejects(new RepositoryNotFoundException({ message: 'none', $metadata: {} }));
    const repositoryCache = createRepositoryCache({ ttlMs: 60_000, maxEntries: 1 });
    const clients = new EcrClients();

    const first = lookupSession({ clients, repositoryCache });
    await first.repository(here, 'app');
    await expect(first.repository(here, 'gone')).resolves.toBeUndefined();
    const later = lookupSession({ clients, repositoryCache });
    await expect(later.repository(here, 'app')).resolves.toEqual({ repositoryName: 'app' });

    expect(later.requests).toBe(0);
  });

  it('drops the oldest entry beyond maxEntries', () => {
    const cache = createRepositoryCache({ ttlMs: 60_000, maxEntries: 2 });
    cache.set('r', 'a', 'one', { repositoryName: 'one' });
    cache.set('r', 'a', 'two', { repositoryName: 'two' });
    cache.set('r', 'a', 'three', { repositoryName: 'three' });
    expect(['one', 'two', 'three'].map((name) => cache.get('r', 'a', name)?.repositoryName)).toEqual([undefined, 'two', 'three']);
  });
});
