import { Module, Put } from '@nestjs/common';
import { HTTP_CODE_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';
import { ActionRoute, ApiController, ApiRoute, CreateRoute, ReadRoute } from './api-routes';
import { ZodBody, ZodPipe, ZodQuery } from './zod-api';

const query = z.object({ limit: z.coerce.number().int().default(10), name: z.string() });
const body = z.object({ text: z.string() });
const thing = z.object({ id: z.number() });

@ApiController('things 东西', 'api/things')
class ThingsController {
  @ReadRoute(undefined, { summary: 'Things', answers: ['things', z.array(thing)], refusals: [400, 401] })
  list(@ZodQuery(query) found: z.infer<typeof query>) {
    return found;
  }

  @ActionRoute(':id/touch', { summary: 'Touch one', answers: ['touched', thing], refusals: [400, 401, 404] })
  touch(@ZodBody(body) request: z.infer<typeof body>) {
    return request;
  }

  @CreateRoute(undefined, { summary: 'Create one', answers: ['created', thing], refusals: [400, 401] })
  create(@ZodBody(body) request: z.infer<typeof body>) {
    return request;
  }

  @ReadRoute('export', { summary: 'Download', produces: ['text/csv'], refusals: [401, 409] })
  download() {
    return '';
  }

  @Put(':id')
  @ApiRoute({ summary: 'Replace one', answers: ['replaced', thing], refusals: [400, 401] })
  replace(@ZodBody(body) request: z.infer<typeof body>) {
    return request;
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

const pipesOf = (handler: keyof ThingsController) =>
  Object.values(Reflect.getMetadata(ROUTE_ARGS_METADATA, ThingsController, handler) as object).map(
    (argument: { pipes: unknown[] }) => argument.pipes,
  );

describe('console route decorators', () => {
  let document: OpenAPIObject;

  beforeAll(async () => {
    const app = await NestFactory.create(ThingsModule, { logger: false });
    document = SwaggerModule.createDocument(app, new DocumentBuilder().addBearerAuth().build());
    await app.close();
  });

  it('routes each verb and path, answering 200 to an action (not 201)', () => {
    expect(Object.keys(document.paths)).toEqual([
      '/api/things',
      '/api/things/{id}/touch',
      '/api/things/export',
      '/api/things/{id}',
    ]);
    expect(Object.keys(document.paths['/api/things'] ?? {})).toEqual(['get', 'post']);
    expect(Reflect.getMetadata(HTTP_CODE_METADATA, ThingsController.prototype.touch)).toBe(200);
    expect(Reflect.getMetadata(HTTP_CODE_METADATA, ThingsController.prototype.create)).toBeUndefined();
  });

  it('documents the tag, the login token, the summary, the answer and the refusals', () => {
    const touch = document.paths['/api/things/{id}/touch']?.post;
    expect(touch).toMatchObject({ tags: ['things 东西'], security: [{ bearer: [] }], summary: 'Touch one' });
    expect(Object.keys(touch?.responses ?? {})).toEqual(['200', '400', '401', '404']);
    expect(touch?.responses['200']).toMatchObject({
      description: 'touched',
      content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'number' } } } } },
    });
    expect(Object.keys(document.paths['/api/things']?.post?.responses ?? {})).toEqual(['201', '400', '401']);
    expect(document.paths['/api/things/{id}']?.put).toMatchObject({
      summary: 'Replace one',
      responses: { '200': { description: 'replaced' } },
    });
  });

  it('documents what else a route produces, with no JSON answer unless given one', () => {
    const download = document.paths['/api/things/export']?.get;
    expect(Object.keys(download?.responses ?? {})).toEqual(['401', '409']);
    expect(download?.responses['401']).toMatchObject({ content: { 'text/csv': {} } });
  });

  it('validates a zod query with its schema and documents one parameter per field', () => {
    expect(pipesOf('list')).toEqual([[new ZodPipe(query)]]);
    expect(
      document.paths['/api/things']?.get?.parameters?.map((parameter) =>
        'in' in parameter ? [parameter.name, parameter.in, parameter.required] : parameter,
      ),
    ).toEqual([
      ['limit', 'query', false],
      ['name', 'query', true],
    ]);
  });

  it('validates a zod body with its schema and documents it', () => {
    expect(pipesOf('touch')).toEqual([[new ZodPipe(body)]]);
    expect(document.paths['/api/things/{id}/touch']?.post?.requestBody).toMatchObject({
      required: true,
      content: { 'application/json': { schema: { type: 'object', required: ['text'] } } },
    });
  });
});
