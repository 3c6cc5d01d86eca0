import {
  BadRequestException,
  Body,
  ConflictException,
  Inject,
  NotFoundException,
  Param,
  Post,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { z } from 'zod';
import { CatalogError, parseCatalog, parseCatalogDocument, publishProblem } from '@app/catalog';
import { parseInstant, Actor, CatalogData } from '@app/contracts';
import {
  CATALOG_VERSION_KINDS,
  CatalogVersionConflict,
  CatalogVersionKind,
  CatalogVersionRecord,
  CatalogVersionStore,
  CatalogVersionWithData,
} from '@app/persistence';
import { Clock } from '@app/platform';
import { RequestActor, Roles } from '../auth/decorators';
import { ActionRoute, ApiController, ApiRoute, CreateRoute, ReadRoute } from '../common/api-routes';
import { orNotFound } from '../common/lookups';
import { isoInstant, openApiSchema, ZodBody, ZodPipe, ZodQuery } from '../common/zod-api';
import { ParseIdPipe } from '../common/request-pipes';
import { catalogErrorBody, decodeCatalogUpload } from './catalog-upload';

/** What multer keeps of an uploaded file (in memory). */
interface MulterFile {
  originalname: string;
  buffer: Buffer;
}

/** The catalogue's six files and a little room; each at most 5 MiB. */
const UPLOAD_LIMITS = { files: 12, fileSize: 5 * 1024 * 1024, fields: 10, fieldSize: 10_000 };

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

const uploadFields = z.object({
  kind: newVersion.shape.kind,
  effectiveFrom: newVersion.shape.effectiveFrom,
  note: newVersion.shape.note,
  basedOn: z.coerce.number().int().positive().optional().describe('the version this one changes'),
});

const publishRequest = z.object({
  effectiveFrom: isoInstant.describe(
    'the instant from which the published copy is in force (at least 60 s ahead)',
  ),
  note: z.string().trim().max(2000).optional(),
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
    return this.store(body, () => parseCatalogDocument(body.catalog), actor);
  }

  @Post('upload')
  @UseInterceptors(FilesInterceptor('files', UPLOAD_LIMITS.files, { limits: UPLOAD_LIMITS }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'effectiveFrom', 'files'],
      properties: {
        ...(openApiSchema(uploadFields).properties ?? {}),
        files: {
          type: 'array',
          items: { type: 'string', format: 'binary' },
          description:
            "the catalogue directory's files (departments.json, items.json, fees.json, discretion.json, calendar.json, settings.json optional); others are ignored",
        },
      },
    },
  })
  @ApiRoute(
    {
      summary:
        "Create a version from the catalogue's JSON files (multipart). A bad catalogue answers 400 with every problem naming its file, entry and field, also as data (`problems`).",
      answers: ['the new version', versionView.omit({ inForce: true })],
      refusals: [400, 401, 403, 409],
    },
    201,
  )
  @Roles('administrator')
  async upload(
    @Body(new ZodPipe(uploadFields)) body: z.infer<typeof uploadFields>,
    @UploadedFiles() files: MulterFile[] | undefined,
    @RequestActor() actor: Actor,
  ): Promise<CatalogVersionRecord> {
    if (!files || files.length === 0)
      throw new BadRequestException('files: upload the catalogue\'s JSON files in the field "files"');
    return this.store(
      body,
      () =>
        parseCatalog(
          decodeCatalogUpload(files.map((file) => ({ name: file.originalname, bytes: file.buffer }))).files,
        ),
      actor,
    );
  }

  @ActionRoute(':id/publish', {
    summary:
      'Publish a version (usually a candidate): a new published version with the same catalogue, in force from effectiveFrom (at least a minute from now); audited',
    answers: ['the new published version', versionView.omit({ inForce: true })],
    refusals: [400, 401, 403, 404, 409],
  })
  @Roles('administrator')
  async publish(
    @Param('id', ParseIdPipe) id: number,
    @ZodBody(publishRequest) body: z.infer<typeof publishRequest>,
    @RequestActor() actor: Actor,
  ): Promise<CatalogVersionRecord> {
    const source = orNotFound(await this.versions.get(id), `catalogue version ${id}`);
    return this.store(
      {
        kind: 'published',
        effectiveFrom: body.effectiveFrom,
        note: body.note ?? `published from version ${id}`,
        basedOn: id,
      },
      // checked again: a stored version was valid under the rules of its day
      () => parseCatalogDocument(source.data),
      actor,
    );
  }

  /** Validates and stores a version: the publishing rule, `basedOn`, the catalogue, a taken instant. */
  private async store(
    version: { kind: CatalogVersionKind; effectiveFrom: string; note?: string; basedOn?: number },
    parse: () => CatalogData,
    actor: Actor,
  ): Promise<CatalogVersionRecord> {
    const effectiveFrom = parseInstant(version.effectiveFrom);
    if (version.kind === 'published') {
      const problem = publishProblem(effectiveFrom, this.clock.now());
      if (problem) throw new BadRequestException(`effectiveFrom: ${problem}`);
    }
    if (version.basedOn !== undefined && !(await this.versions.get(version.basedOn)))
      throw new BadRequestException(`basedOn: no catalogue version ${version.basedOn}`);
    let data: CatalogData;
    try {
      data = parse();
    } catch (error) {
      if (error instanceof CatalogError) throw new BadRequestException(catalogErrorBody(error));
      throw error;
    }
    try {
      return await this.versions.create(
        {
          kind: version.kind,
          effectiveFrom: new Date(effectiveFrom).toISOString(),
          data,
          note: version.note ?? null,
          basedOn: version.basedOn ?? null,
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
