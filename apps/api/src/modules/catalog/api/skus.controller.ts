import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkuListQuery, skuCreateSchema, skuListQuerySchema, skuPatchSchema } from '@stockpulse/contracts';
import { z } from 'zod';
import { Database } from '../../../shared/database';
import { RequireScope } from '../../../shared/http/auth';
import { ApiZodBody, ApiZodQuery, ZodPipe } from '../../../shared/http/zod';
import { CatalogReader } from '../application/read-catalog/catalog-reader';
import { CatalogWriter } from '../application/write-catalog/catalog-writer';

@ApiTags('catalog')
@Controller('api/v1')
export class SkusController {
  constructor(
    private readonly db: Database,
    private readonly reader: CatalogReader,
    private readonly writer: CatalogWriter,
  ) {}

  @Get('skus')
  @RequireScope('catalog:read')
  @ApiOperation({ summary: 'List SKUs: paged, sorted and filtered on the server (q, category, active, supplier)' })
  @ApiZodQuery(skuListQuerySchema)
  list(@Query(new ZodPipe(skuListQuerySchema)) query: SkuListQuery) {
    return this.reader.listSkus(query);
  }

  @Post('skus')
  @RequireScope('catalog:write')
  @ApiOperation({ summary: 'Create a SKU (409 when the code exists)' })
  @ApiZodBody(skuCreateSchema)
  create(@Body(new ZodPipe(skuCreateSchema)) body: z.output<typeof skuCreateSchema>) {
    return this.db.transaction((em) => this.writer.createSku(em, body));
  }

  @Get('skus/:code')
  @RequireScope('catalog:read')
  @ApiOperation({ summary: 'One SKU by code' })
  get(@Param('code') code: string) {
    return this.reader.getSku(code);
  }

  @Patch('skus/:code')
  @RequireScope('catalog:write')
  @ApiOperation({ summary: 'Change a SKU (its code stays)' })
  @ApiZodBody(skuPatchSchema)
  @HttpCode(200)
  update(@Param('code') code: string, @Body(new ZodPipe(skuPatchSchema)) body: z.output<typeof skuPatchSchema>) {
    return this.db.transaction((em) => this.writer.updateSku(em, code, body));
  }

  @Get('skus/:code/suppliers')
  @RequireScope('catalog:read')
  @ApiOperation({ summary: "The SKU's suppliers and their terms, shortest lead time first" })
  suppliers(@Param('code') code: string) {
    return this.reader.termsOfSku(code);
  }

  @Get('categories')
  @RequireScope('catalog:read')
  @ApiOperation({ summary: 'SKU categories with their counts (for filters)' })
  categories() {
    return this.reader.categories();
  }
}
