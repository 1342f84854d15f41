import { toJsonSchema, type JsonSchema } from '@valibot/to-json-schema';
import { eventSchemas, type EcrDetailType } from './index';

/**
 * JSON Schema (draft-07) of the validated event of one detail-type, for docs and other tools.
 * Kept out of the main entry (`ecr-event-router/json-schema`) so the Lambda bundle does not carry
 * the converter. The schema is as lenient as the valibot one: required fields are listed,
 * unknown keys are allowed, and a `knownOr` enumeration becomes `anyOf: [{ enum }, { type: string }]`.
 */
export function eventJsonSchema(detailType: EcrDetailType): JsonSchema {
  return {
    ...toJsonSchema(eventSchemas[detailType], { target: 'draft-07', errorMode: 'throw' }),
    title: detailType,
  };
}

/** JSON Schemas (draft-07) for every detail-type, keyed by detail-type. */
export function toJsonSchemas(): Record<EcrDetailType, JsonSchema> {
  const schemas = {} as Record<EcrDetailType, JsonSchema>;
  for (const detailType of Object.keys(eventSchemas) as EcrDetailType[]) {
    schemas[detailType] = eventJsonSchema(detailType);
  }
  return schemas;
}
