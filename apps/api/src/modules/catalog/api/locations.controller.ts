import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { locationCreateSchema, locationListQuerySchema, locationPatchSchema } from '@stockpulse/contracts';
import { z } from 'zod';
import { Database } from '../../../shared/database';
import { RequireScope } from '../../../shared/http/auth';
import { ApiZodBody, ApiZodQuery, ZodPipe } from '../../../shared/http/zod';
import { CatalogReader } from '../application/read-catalog/catalog-reader';
import { CatalogWriter } from '../application/write-catalog/catalog-writer';

@ApiTags('catalog')
@Controller('api/v1/locations')
export class LocationsController {
  constructor(
    private readonly db: Database,
    private readonly reader: CatalogReader,
    private readonly writer: CatalogWriter,
  ) {}

  @Get()
  @RequireScope('catalog:read')
  @ApiOperation({ summary: 'List locations (q, type, active)' })
  @ApiZodQuery(locationListQuerySchema)
  list(@Query(new ZodPipe(locationListQuerySchema)) query: z.output<typeof locationListQuerySchema>) {
    return this.reader.listLocations(query);
  }

  @Post()
  @RequireScope('catalog:write')
  @ApiOperation({ summary: 'Create a location (warehouse, store, dc, 3pl) with its time zone' })
  @ApiZodBody(locationCreateSchema)
  create(@Body(new ZodPipe(locationCreateSchema)) body: z.output<typeof locationCreateSchema>) {
    return this.db.transaction((em) => this.writer.createLocation(em, body));
  }

  @Get(':code')
  @RequireScope('catalog:read')
  @ApiOperation({ summary: 'One location by code' })
  get(@Param('code') code: string) {
    return this.reader.getLocation(code);
  }

  @Patch(':code')
  @RequireScope('catalog:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change a location (its code stays)' })
  @ApiZodBody(locationPatchSchema)
  update(@Param('code') code: string, @Body(new ZodPipe(locationPatchSchema)) body: z.output<typeof locationPatchSchema>) {
    return this.db.transaction((em) => this.writer.updateLocation(em, code, body));
  }
}
