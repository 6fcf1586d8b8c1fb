// The public face of the catalog context: its facade, event types and DTO types.
export { CatalogModule } from './catalog.module';
export { CatalogFacade } from './catalog.facade';
export type { SkuRef, LocationRef, PreferredSupplierTerms } from './domain/catalog-refs';
export { UnknownSkuError, UnknownLocationError, UnknownSupplierError, DuplicateCodeError } from './domain/catalog-errors';
