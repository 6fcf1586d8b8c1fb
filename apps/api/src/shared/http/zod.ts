import { ArgumentMetadata, Injectable, PipeTransform, applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import { FieldError, ValidationError } from '../errors';

/** zod issues as problem+json field errors; the path is prefixed with where the value came from. */
export function zodIssuesToFieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== '').join('.');
    if (issue.code === 'unrecognized_keys') {
      return { path: [path, ...issue.keys].filter(Boolean).join('.'), message: `unknown field: ${issue.keys.join(', ')}` };
    }
    return { path: path || (prefix ?? ''), message: issue.message };
  });
}

/**
 * Validates (and transforms) a body, query or param with a zod schema from @stockpulse/contracts; a failure is
 * a 400 whose `errors` name each bad field. Schemas are `.strict()`, so unknown fields are refused.
 */
@Injectable()
export class ZodPipe<S extends z.ZodType> implements PipeTransform {
  constructor(private readonly schema: S) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.output<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const where = metadata.type === 'custom' ? undefined : metadata.type === 'body' ? undefined : metadata.type;
    throw new ValidationError(
      metadata.type === 'query' ? 'The query string is invalid.' : 'The request body is invalid.',
      zodIssuesToFieldErrors(result.error, where),
    );
  }
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return { type: 'object' };
  }
}

/** Documents a zod body schema in the OpenAPI document. */
export function ApiZodBody(schema: z.ZodType, description?: string) {
  const { $schema: _ignored, ...rest } = jsonSchema(schema);
  return ApiBody({ schema: rest as never, description });
}

/** Documents each property of a zod object schema as a query parameter. */
export function ApiZodQuery(schema: z.ZodObject) {
  const decorators = Object.entries(schema.shape).map(([name, field]) => {
    const { $schema: _ignored, ...rest } = jsonSchema(field as z.ZodType);
    return ApiQuery({ name, required: !(field as z.ZodType).safeParse(undefined).success, schema: rest as never });
  });
  return applyDecorators(...decorators);
}
