import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page, StockHistory, StockLevel } from '../../api/types';

export const inventoryKeys = {
  stockLevels: ['stock-levels'] as const,
  skuLevels: (sku: string) => ['stock-levels', 'sku', sku] as const,
  history: (sku: string, location: string, from: string, to: string) => ['stock-levels', 'history', sku, location, from, to] as const,
};

const enc = encodeURIComponent;

export function useSkuStockLevels(sku: string) {
  return useQuery({
    queryKey: inventoryKeys.skuLevels(sku),
    queryFn: async ({ signal }) => {
      const res = await api<StockLevel[] | Page<StockLevel>>(`/skus/${enc(sku)}/stock-levels`, { signal });
      return Array.isArray(res) ? res : res.items;
    },
  });
}

export function useStockHistory(sku: string, location: string | undefined, from: string, to: string) {
  return useQuery({
    queryKey: inventoryKeys.history(sku, location ?? '', from, to),
    queryFn: ({ signal }) =>
      api<StockHistory>(`/stock-levels/${enc(sku)}/${enc(location!)}/history`, { query: { from, to, interval: 'day' }, signal }),
    enabled: !!location,
  });
}
