import type { z } from 'zod';

/** A string schema inside a bigger one, with where it sits ("filter.text", "signatures[].credentials.password"). */
export interface StringLeaf {
  path: string;
  schema: z.ZodType;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  getter?: () => z.ZodType;
}

const closedLeaves = new Set([
  'literal',
  'enum',
  'number',
  'boolean',
  'null',
  'undefined',
  'never',
  'bigint',
  'date',
  'nan',
  'void',
]);

/**
 * Every string schema reachable from `schema`. An unknown kind of schema is an error, not skipped:
 * a new construct must be taught here before a test can claim it checked every string.
 */
export function stringLeaves(schema: z.ZodType, path = '', seen = new Set<z.ZodType>()): StringLeaf[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  const at = (child: string) => (path ? `${path}.${child}` : child);
  const walk = (inner: z.ZodType | null | undefined, innerPath = path) =>
    inner ? stringLeaves(inner, innerPath, seen) : [];
  switch (def.type) {
    case 'string':
      return [{ path: path || '(input)', schema }];
    case 'object':
      return [
        ...Object.entries(def.shape ?? {}).flatMap(([key, inner]) => walk(inner, at(key))),
        ...walk(def.catchall?._zod.def.type === 'never' ? undefined : def.catchall, at('*')),
      ];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return walk(def.innerType);
    case 'array':
      return walk(def.element, `${path}[]`);
    case 'union':
      return (def.options ?? []).flatMap((option) => walk(option));
    case 'pipe':
      return [...walk(def.in), ...walk(def.out)];
    case 'intersection':
      return [...walk(def.left), ...walk(def.right)];
    case 'record':
      return [...walk(def.keyType, at('(key)')), ...walk(def.valueType, at('*'))];
    case 'tuple':
      return [
        ...(def.items ?? []).flatMap((item, index) => walk(item, at(String(index)))),
        ...walk(def.rest),
      ];
    case 'lazy':
      return walk(def.getter?.());
    case 'transform':
      return [];
    default:
      if (closedLeaves.has(def.type)) return [];
      throw new Error(`stringLeaves: unknown schema kind "${def.type}" at ${path || '(input)'}`);
  }
}
