import { applyDecorators, BadRequestException, Body, PipeTransform, Query } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

/**
 * One validation stack: request bodies and queries are zod schemas, checked by `ZodPipe` and
 * documented in OpenAPI from the same schema (zod's own JSON Schema output).
 */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): SchemaObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as SchemaObject;
}

export class ZodPipe<Schema extends z.ZodType> implements PipeTransform<unknown, z.output<Schema>> {
  constructor(private readonly schema: Schema) {}

  transform(value: unknown): z.output<Schema> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`),
    });
  }
}

export const ApiZodBody = (schema: z.ZodType) => ApiBody({ schema: openApiSchema(schema) });

export const ApiZodResponse = (status: number, description: string, schema: z.ZodType) =>
  ApiResponse({ status, description, schema: openApiSchema(schema, 'output') });

/** One OpenAPI query parameter per field of an object schema. */
export function ApiZodQuery(schema: z.ZodObject) {
  return applyDecorators(
    ...Object.entries(schema.shape).map(([name, field]) =>
      ApiQuery({
        name,
        required: !(field as z.ZodType).safeParse(undefined).success,
        schema: openApiSchema(field as z.ZodType),
      }),
    ),
  );
}

/** A route handler's parameter decorated with a method decorator too: the OpenAPI side of it. */
function documentHandler(target: object, key: string | symbol | undefined, decorator: MethodDecorator): void {
  const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
  if (key === undefined || !descriptor) throw new Error('a zod request parameter belongs to a route handler');
  decorator(target, key, descriptor);
}

/** The query, checked by `ZodPipe` and documented (one parameter per field) from the same schema. */
export function ZodQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, key, index) => {
    Query(new ZodPipe(schema))(target, key, index);
    documentHandler(target, key, ApiZodQuery(schema));
  };
}

/** The JSON body, checked by `ZodPipe` and documented from the same schema. */
export function ZodBody(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Body(new ZodPipe(schema))(target, key, index);
    documentHandler(target, key, ApiZodBody(schema));
  };
}

/** The error body Nest answers with; `message` says why. */
export const errorSchema = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.union([z.string(), z.array(z.string())]),
});

/** A status a route may refuse with; `ApiRefusals` says what each one means. */
export type Refusal = 400 | 401 | 403 | 404 | 409 | 429;

/** Documents the refusals every protected route may answer with. */
export const ApiRefusals = (...statuses: Refusal[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiZodResponse(
        status,
        {
          400: 'invalid request: the message lists each problem',
          401: 'no valid login token',
          403: 'your role or department may not do this: the message says why',
          404: 'no such thing',
          409: 'not allowed in the current state: the message says why',
          429: 'too many attempts; wait and try again',
        }[status],
        errorSchema,
      ),
    ),
  );

export const isoInstant = z.iso.datetime({ offset: true });
