import { applyDecorators, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { ApiRefusals, ApiZodResponse, Refusal } from './zod-api';

/**
 * The console's routes in one decorator each: verb, path and success status with the OpenAPI
 * operation. A zod query or body is checked and documented by its parameter (`ZodQuery`,
 * `ZodBody`); who may call a route stays a `@Roles` of its own.
 */
export interface RouteDoc {
  summary: string;
  /** the JSON the route answers with on success: its description and schema */
  answers?: readonly [description: string, schema: z.ZodType];
  /** what it answers with besides JSON (a download, an event stream) */
  produces?: string[];
  /** the refusals it may answer with, see `ApiRefusals` */
  refusals: Refusal[];
}

/** A controller of the API behind the login token: its OpenAPI tag and its path. */
export const ApiController = (tag: string, path: string) =>
  applyDecorators(ApiTags(tag), ApiBearerAuth(), Controller(path));

/** The OpenAPI operation of a route answering `status`; for a verb with no route decorator here. */
export const ApiRoute = (doc: RouteDoc, status = 200) =>
  applyDecorators(
    ApiOperation({ summary: doc.summary }),
    ...(doc.produces ? [ApiProduces(...doc.produces)] : []),
    ...(doc.answers ? [ApiZodResponse(status, ...doc.answers)] : []),
    ApiRefusals(...doc.refusals),
  );

/** A read: GET answering 200, with JSON or what it `produces` (an export, an event stream). */
export const ReadRoute = (path: string | undefined, doc: RouteDoc) =>
  applyDecorators(Get(path), ApiRoute(doc));

/** An action on something that exists: POST answering 200 (not 201: nothing new to point to). */
export const ActionRoute = (path: string, doc: RouteDoc) =>
  applyDecorators(Post(path), HttpCode(200), ApiRoute(doc));

/** A creation: POST answering 201 with what it created. */
export const CreateRoute = (path: string | undefined, doc: RouteDoc) =>
  applyDecorators(Post(path), ApiRoute(doc, 201));
