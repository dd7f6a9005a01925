import type { z } from 'zod';

/** Zod 4's internal definition, as far as the walker reads it. */
interface Definition {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
}

function definitionOf(schema: z.ZodType): Definition | undefined {
  return (schema as unknown as { _zod?: { def?: Definition } })._zod?.def;
}

/**
 * Every leaf field path of a Zod schema, in the reference syntax of `defineRoute`
 * (`steps[].into[].childCodes[]`), so tests can list the fields a route accepts.
 */
export function fieldPaths(schema: z.ZodType, path = '', out = new Set<string>()): Set<string> {
  const definition = definitionOf(schema);
  if (!definition) return out;
  switch (definition.type) {
    case 'object':
      for (const [key, inner] of Object.entries(definition.shape ?? {}))
        fieldPaths(inner, path ? `${path}.${key}` : key, out);
      return out;
    case 'array':
      if (definition.element) fieldPaths(definition.element, `${path}[]`, out);
      return out;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      if (definition.innerType) fieldPaths(definition.innerType, path, out);
      return out;
    case 'pipe':
      if (definition.in) fieldPaths(definition.in, path, out);
      return out;
    case 'union':
      for (const option of definition.options ?? []) fieldPaths(option, path, out);
      return out;
    case 'intersection':
      if (definition.left) fieldPaths(definition.left, path, out);
      if (definition.right) fieldPaths(definition.right, path, out);
      return out;
    default:
      if (path) out.add(path);
      return out;
  }
}
