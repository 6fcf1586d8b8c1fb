import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  supplierCreateSchema,
  supplierListQuerySchema,
  supplierPatchSchema,
  supplierTermsListQuerySchema,
  supplierTermsSchema,
} from '@stockpulse/contracts';
import { z } from 'zod';
import { Database } from '../../../shared/database';
import { RequireScope } from '../../../shared/http/auth';
import { ApiZodBody, ApiZodQuery, ZodPipe } from '../../../shared/http/zod';
import { CatalogReader } from '../application/read-catalog/catalog-reader';
import { CatalogWriter } from '../application/write-catalog/catalog-writer';

@ApiTags('catalog')
@Controller('api/v1/suppliers')
export class SuppliersController {
  constructor(
    private readonly db: Database,
    private readonly reader: CatalogReader,
    private readonly writer: CatalogWriter,
  ) {}

  @Get()
  @RequireScope('catalog:read')
  @ApiOperation({ summary: 'List suppliers (q, active)' })
  @ApiZodQuery(supplierListQuerySchema)
  list(@Query(new ZodPipe(supplierListQuerySchema)) query: z.output<typeof supplierListQuerySchema>) {
    return this.reader.listSuppliers(query);
  }

  @Post()
  @RequireScope('catalog:write')
  @ApiOperation({ summary: 'Create a supplier' })
  @ApiZodBody(supplierCreateSchema)
  create(@Body(new ZodPipe(supplierCreateSchema)) body: z.output<typeof supplierCreateSchema>) {
    return this.db.transaction((em) => this.writer.createSupplier(em, body));
  }

  @Get(':code')
  @RequireScope('catalog:read')
  @ApiOperation({ summary: 'One supplier by code' })
  get(@Param('code') code: string) {
    return this.reader.getSupplier(code);
  }

  @Patch(':code')
  @RequireScope('catalog:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change a supplier (its code stays)' })
  @ApiZodBody(supplierPatchSchema)
  update(@Param('code') code: string, @Body(new ZodPipe(supplierPatchSchema)) body: z.output<typeof supplierPatchSchema>) {
    return this.db.transaction((em) => this.writer.updateSupplier(em, code, body));
  }

  @Get(':code/skus')
  @RequireScope('catalog:read')
  @ApiOperation({ summary: "The supplier's terms per SKU (paged; q searches SKU code and name)" })
  @ApiZodQuery(supplierTermsListQuerySchema)
  terms(@Param('code') code: string, @Query(new ZodPipe(supplierTermsListQuerySchema)) query: z.output<typeof supplierTermsListQuerySchema>) {
    return this.reader.termsOfSupplier(code, query);
  }

  @Put(':code/skus/:sku')
  @RequireScope('catalog:write')
  @ApiOperation({ summary: 'Set the terms a supplier offers for a SKU: lead time mean and deviation, MOQ, pack size, cost' })
  @ApiZodBody(supplierTermsSchema)
  putTerms(
    @Param('code') code: string,
    @Param('sku') sku: string,
    @Body(new ZodPipe(supplierTermsSchema)) body: z.output<typeof supplierTermsSchema>,
  ) {
    return this.db.transaction((em) => this.writer.putSupplierTerms(em, code, sku, body));
  }
}
