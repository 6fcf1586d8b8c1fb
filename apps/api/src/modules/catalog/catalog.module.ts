import { Module } from '@nestjs/common';
import { LocationsController } from './api/locations.controller';
import { SkusController } from './api/skus.controller';
import { SuppliersController } from './api/suppliers.controller';
import { CatalogReader } from './application/read-catalog/catalog-reader';
import { CatalogWriter } from './application/write-catalog/catalog-writer';
import { CatalogFacade } from './catalog.facade';

/** catalog: what exists and how it is measured (SKUs and their units, locations, suppliers and their terms). */
@Module({
  controllers: [SkusController, LocationsController, SuppliersController],
  providers: [CatalogReader, CatalogWriter, CatalogFacade],
  exports: [CatalogFacade],
})
export class CatalogModule {}
