import type { SkuCreate, SupplierTermsInput } from '@stockpulse/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, QueryValue } from '../../api/client';
import type { Category, Location, Page, Sku, Supplier, SupplierTerms } from '../../api/types';

export const catalogKeys = {
  skus: ['skus'] as const,
  skuList: ['skus', 'list'] as const,
  sku: (code: string) => ['skus', 'detail', code] as const,
  categories: ['categories'] as const,
  locations: ['locations'] as const,
  locationList: ['locations', 'list'] as const,
  suppliers: ['suppliers'] as const,
  supplierList: ['suppliers', 'list'] as const,
  supplier: (code: string) => ['suppliers', 'detail', code] as const,
  supplierTerms: (code: string) => ['suppliers', 'terms', code] as const,
};

const enc = encodeURIComponent;

export const fetchSkus = (query: Record<string, QueryValue>, signal?: AbortSignal) => api<Page<Sku>>('/skus', { query, signal });
export const fetchLocations = (query: Record<string, QueryValue>, signal?: AbortSignal) => api<Page<Location>>('/locations', { query, signal });
export const fetchSuppliers = (query: Record<string, QueryValue>, signal?: AbortSignal) => api<Page<Supplier>>('/suppliers', { query, signal });
export const fetchSupplierTerms = (code: string, query: Record<string, QueryValue>, signal?: AbortSignal) =>
  api<Page<SupplierTerms>>(`/suppliers/${enc(code)}/skus`, { query, signal });

export function useSku(code: string) {
  return useQuery({ queryKey: catalogKeys.sku(code), queryFn: ({ signal }) => api<Sku>(`/skus/${enc(code)}`, { signal }) });
}

export function useCategories() {
  return useQuery({
    queryKey: catalogKeys.categories,
    queryFn: async ({ signal }) => {
      const res = await api<Category[] | { items: Category[] }>('/categories', { signal });
      return Array.isArray(res) ? res : res.items;
    },
    staleTime: 60_000,
  });
}

/** Every location, for pickers: a business has tens or hundreds of locations, not hundreds of thousands. */
export function useAllLocations() {
  return useQuery({
    queryKey: [...catalogKeys.locations, 'all'],
    queryFn: ({ signal }) => fetchLocations({ limit: 1000, sort: 'code' }, signal),
    staleTime: 60_000,
  });
}

export function useAllSuppliers() {
  return useQuery({
    queryKey: [...catalogKeys.suppliers, 'all'],
    queryFn: ({ signal }) => fetchSuppliers({ limit: 1000, sort: 'code' }, signal),
    staleTime: 60_000,
  });
}

export type SkuInput = SkuCreate;

export function useSaveSku(existingCode?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<SkuInput>) =>
      existingCode ? api<Sku>(`/skus/${enc(existingCode)}`, { method: 'PATCH', body }) : api<Sku>('/skus', { method: 'POST', body }),
    onSuccess: (sku) => {
      if (sku?.code) qc.setQueryData(catalogKeys.sku(sku.code), sku);
      void qc.invalidateQueries({ queryKey: catalogKeys.skus });
      void qc.invalidateQueries({ queryKey: catalogKeys.categories });
    },
  });
}

export type LocationInput = Pick<Location, 'code' | 'name' | 'type' | 'timeZone'>;

export function useSaveLocation(existingCode?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<LocationInput>) =>
      existingCode ? api<Location>(`/locations/${enc(existingCode)}`, { method: 'PATCH', body }) : api<Location>('/locations', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogKeys.locations }),
  });
}

export function useSaveSupplier(existingCode?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<Pick<Supplier, 'code' | 'name'>>) =>
      existingCode ? api<Supplier>(`/suppliers/${enc(existingCode)}`, { method: 'PATCH', body }) : api<Supplier>('/suppliers', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogKeys.suppliers }),
  });
}

export type TermsInput = SupplierTermsInput;

export function useSaveTerms(supplier: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ sku, ...body }: TermsInput & { sku: string }) =>
      api<SupplierTerms>(`/suppliers/${enc(supplier)}/skus/${enc(sku)}`, { method: 'PUT', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogKeys.supplierTerms(supplier) }),
  });
}
