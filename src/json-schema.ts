import { toJsonSchema, type JsonSchema } from '@valibot/to-json-schema';
import { eventSchemas, type EcrDetailType } from './index';
// The schemas are built on first use (src/events/lazily.ts); the converter takes the schema behind.
import { built } from './events/lazily';

/** A detail-type this package has a schema for. */
export type SchemaDetailType = EcrDetailType;

const allSchemas = eventSchemas;

/**
 * JSON Schema (draft-07) of the validated event of one detail-type, for docs and other tools.
 * Kept out of the main entry (`ecr-event-router/json-schema`) so the Lambda bundle does not carry
 * the converter. The schema is as lenient as the valibot one: required fields are listed,
 * unknown keys are allowed, and a `knownOr` enumeration becomes `anyOf: [{ enum }, { type: string }]`.
 * It is as strict too: where an object is required, an array is refused by both.
 */
export function eventJsonSchema(detailType: SchemaDetailType): JsonSchema {
  return {
    ...toJsonSchema(built(allSchemas[detailType]), { target: 'draft-07', errorMode: 'throw' }),
    title: detailType,
  };
}

/**
 * JSON Schemas (draft-07) for every detail-type a router serves (`eventSchemas`), keyed by detail-type.
 */
export function toJsonSchemas(): Record<SchemaDetailType, JsonSchema> {
  const schemas = {} as Record<SchemaDetailType, JsonSchema>;
  for (const detailType of Object.keys(allSchemas) as SchemaDetailType[]) {
    schemas[detailType] = eventJsonSchema(detailType);
  }
  return schemas;
}
