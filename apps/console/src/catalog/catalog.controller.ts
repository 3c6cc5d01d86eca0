import { BadRequestException, ConflictException, Inject, NotFoundException, Param } from '@nestjs/common';
import { z } from 'zod';
import { CatalogError, formatCatalogProblem, parseCatalogDocument, publishProblem } from '@app/catalog';
import { parseInstant, Actor } from '@app/contracts';
import {
  CATALOG_VERSION_KINDS,
  CatalogVersionConflict,
  CatalogVersionRecord,
  CatalogVersionStore,
  CatalogVersionWithData,
} from '@app/persistence';
import { Clock } from '@app/platform';
import { RequestActor, Roles } from '../auth/decorators';
import { ApiController, CreateRoute, ReadRoute } from '../common/api-routes';
import { orNotFound } from '../common/lookups';
import { isoInstant, ZodBody, ZodQuery } from '../common/zod-api';
import { ParseIdPipe } from '../common/request-pipes';

const versionView = z.object({
  id: z.number().int(),
  kind: z.enum(CATALOG_VERSION_KINDS),
  effectiveFrom: z.string(),
  note: z.string().nullable(),
  basedOn: z.number().int().nullable(),
  authorUsername: z.string(),
  authorRole: z.string(),
  createdAt: z.string(),
  inForce: z.boolean().describe('the published version in force now'),
});

const catalogDocument = z
  .object({
    departments: z.array(z.unknown()),
    items: z.array(z.unknown()),
    fees: z.array(z.unknown()),
    discretion: z.array(z.unknown()),
    calendar: z.record(z.string(), z.unknown()),
    settings: z.record(z.string(), z.unknown()).optional(),
  })
  .describe('the catalogue: the contents of the directory files, keyed without ".json" (docs/catalogue.md)');

const newVersion = z.object({
  kind: z
    .enum(CATALOG_VERSION_KINDS)
    .describe('published: in force from effectiveFrom (live); candidate: only for what-if replays'),
  effectiveFrom: isoInstant.describe('the instant from which the version is in force'),
  note: z.string().trim().max(2000).optional(),
  basedOn: z.number().int().positive().optional().describe('the version this one changes'),
  catalog: catalogDocument,
});

const atQuery = z.object({ at: isoInstant.optional().describe('default: now') });

/**
 * Catalogue administration (`docs/catalogue.md` § Versions): immutable versions with an effective instant.
 * Administrators create versions; every role reads them. A version is never changed or deleted.
 */
@ApiController('catalogue 目录版本', 'api/catalog/versions')
export class CatalogController {
  constructor(
    @Inject(CatalogVersionStore) private readonly versions: CatalogVersionStore,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @ReadRoute(undefined, {
    summary: 'Every catalogue version (without its data), oldest first',
    answers: ['versions', z.array(versionView)],
    refusals: [401, 403],
  })
  @Roles('supervisor', 'auditor', 'administrator', 'department_officer')
  async list(): Promise<z.infer<typeof versionView>[]> {
    const all = await this.versions.list();
    const inForce = this.inForceAt(all, this.clock.now());
    return all.map((version) => ({ ...version, inForce: version.id === inForce?.id }));
  }

  @ReadRoute('in-force', {
    summary: 'The published version in force at an instant, with its data',
    refusals: [400, 401, 403, 404],
  })
  @Roles('supervisor', 'auditor', 'administrator', 'department_officer')
  async inForce(@ZodQuery(atQuery) query: z.infer<typeof atQuery>): Promise<CatalogVersionWithData> {
    const at = query.at ? parseInstant(query.at) : this.clock.now();
    const found = this.inForceAt(await this.versions.list(), at);
    if (!found)
      throw new NotFoundException(`no published catalogue version at ${new Date(at).toISOString()}`);
    return (await this.versions.get(found.id)) as CatalogVersionWithData;
  }

  @ReadRoute(':id', { summary: 'One version with its whole catalogue', refusals: [401, 403, 404] })
  @Roles('supervisor', 'auditor', 'administrator', 'department_officer')
  async find(@Param('id', ParseIdPipe) id: number): Promise<CatalogVersionWithData> {
    return orNotFound(await this.versions.get(id), `catalogue version ${id}`);
  }

  @CreateRoute(undefined, {
    summary:
      'Create a version (validated like a catalogue directory). A published one takes effect at least a minute from now; a candidate may have any instant.',
    answers: ['the new version', versionView.omit({ inForce: true })],
    refusals: [400, 401, 403, 409],
  })
  @Roles('administrator')
  async create(
    @ZodBody(newVersion) body: z.infer<typeof newVersion>,
    @RequestActor() actor: Actor,
  ): Promise<CatalogVersionRecord> {
    const effectiveFrom = parseInstant(body.effectiveFrom);
    if (body.kind === 'published') {
      const problem = publishProblem(effectiveFrom, this.clock.now());
      if (problem) throw new BadRequestException(problem);
    }
    if (body.basedOn !== undefined && !(await this.versions.get(body.basedOn)))
      throw new BadRequestException(`basedOn: no catalogue version ${body.basedOn}`);
    let data;
    try {
      data = parseCatalogDocument(body.catalog);
    } catch (error) {
      if (error instanceof CatalogError)
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: error.problems.map(formatCatalogProblem),
        });
      throw error;
    }
    try {
      return await this.versions.create(
        {
          kind: body.kind,
          effectiveFrom: new Date(effectiveFrom).toISOString(),
          data,
          note: body.note ?? null,
          basedOn: body.basedOn ?? null,
        },
        actor,
      );
    } catch (error) {
      if (error instanceof CatalogVersionConflict) throw new ConflictException(error.message);
      throw error;
    }
  }

  private inForceAt(all: CatalogVersionRecord[], at: number): CatalogVersionRecord | undefined {
    return all
      .filter((version) => version.kind === 'published' && Date.parse(version.effectiveFrom) <= at)
      .sort((a, b) => Date.parse(b.effectiveFrom) - Date.parse(a.effectiveFrom))[0];
  }
}
