import { parse, type CollectionTag, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';

const intrinsics = ['Ref', 'Condition', 'GetAtt', 'Sub', 'If', 'Join', 'Select', 'Split', 'FindInMap', 'GetAZs', 'ImportValue', 'Base64', 'Cidr', 'Equals', 'And', 'Or', 'Not', 'Transform', 'ToJsonString', 'Length'];

/** `!Ref X` → `{ Ref: 'X' }`, `!GetAtt A.B` → `{ 'Fn::GetAtt': ['A', 'B'] }`, `!Sub s` → `{ 'Fn::Sub': s }`, … */
function key(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

const tags: (ScalarTag | CollectionTag)[] = intrinsics.flatMap((name) => [
  {
    tag: `!${name}`,
    resolve: (value: string) => ({ [key(name)]: name === 'GetAtt' ? value.split(/\.(.*)/s).filter(Boolean) : value }),
  } satisfies ScalarTag,
  { tag: `!${name}`, collection: 'seq', resolve: (seq: YAMLSeq) => ({ [key(name)]: seq.toJSON() }) } as unknown as CollectionTag,
  { tag: `!${name}`, collection: 'map', resolve: (map: YAMLMap) => ({ [key(name)]: map.toJSON() }) } as unknown as CollectionTag,
]);

/** Parses a CloudFormation/SAM template, turning short-form intrinsic tags into their JSON forms. */
export function parseTemplate(text: string): Record<string, unknown> {
  return parse(text, { customTags: tags }) as Record<string, unknown>;
}
