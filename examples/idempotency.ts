// Idempotency: EventBridge delivers at least once, and Lambda retries a failed async invocation,
// so a handler with side effects (a ticket, a message, a deploy) can see the same event twice.
// Powertools' makeIdempotent wraps router.handler() like any Lambda handler, keyed on the
// EventBridge event id: a redelivered event returns the stored result without running the routes.
//
// In Lambda, use Powertools' DynamoDBPersistenceLayer (or CachePersistenceLayer) so every
// container shares the records. The in-memory layer below keeps the example and its test offline;
// it only deduplicates within one warm container.
import { IdempotencyConfig, IdempotencyItemAlreadyExistsError, IdempotencyItemNotFoundError, IdempotencyRecordStatus, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { BasePersistenceLayer, IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';
import { createRouter, type Logger } from '../src/index';

/** A Powertools persistence layer in a Map: the contract of DynamoDBPersistenceLayer, without the table. */
export class InMemoryPersistenceLayer extends BasePersistenceLayer {
  readonly #records = new Map<string, IdempotencyRecord>();

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const record = this.#records.get(idempotencyKey);
    if (!record) throw new IdempotencyItemNotFoundError(`no record for ${idempotencyKey}`);
    return record;
  }

  /** Refuses a key that is completed or still in progress (and not expired), as the DynamoDB layer's conditional put does. */
  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    const existing = this.#records.get(record.idempotencyKey);
    if (existing && !existing.isExpired()) {
      const inProgressExpired =
        existing.getStatus() === IdempotencyRecordStatus.INPROGRESS && existing.inProgressExpiryTimestamp !== undefined && existing.inProgressExpiryTimestamp < Date.now();
      if (!inProgressExpired) throw new IdempotencyItemAlreadyExistsError(`record exists for ${record.idempotencyKey}`, existing);
    }
    this.#records.set(record.idempotencyKey, record);
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    this.#records.set(record.idempotencyKey, record);
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    this.#records.delete(record.idempotencyKey);
  }
}

/**
 * A router whose push handler has a side effect (`notify`), wrapped so each EventBridge event id
 * runs the routes once. A failed invocation deletes its record, so Lambda's retry runs it again.
 */
export function createIdempotentHandler(notify: (message: string) => Promise<void>, options: { logger?: Logger; persistenceStore?: BasePersistenceLayer } = {}) {
  const router = createRouter({ logger: options.logger }).on('ECR Image Action', { 'action-type': ['PUSH'] }, async (event) => {
    await notify(`pushed ${event.detail['repository-name']}:${event.detail['image-tag'] ?? event.detail['image-digest']}`);
  });
  return makeIdempotent(router.handler(), {
    persistenceStore: options.persistenceStore ?? new InMemoryPersistenceLayer(),
    // The EventBridge event id is the same on every delivery and retry of one event.
    config: new IdempotencyConfig({ eventKeyJmesPath: 'id', throwOnNoIdempotencyKey: true, expiresAfterSeconds: 24 * 60 * 60 }),
  });
}
