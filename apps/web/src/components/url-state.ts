import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * A view's filters, sort and page live in the URL query string, so a view can be bookmarked and shared.
 * Changing a filter sends the table back to its first page.
 */
export function useUrlState() {
  const [params, setParams] = useSearchParams();
  const get = useCallback((key: string, fallback = '') => params.get(key) ?? fallback, [params]);
  const set = useCallback(
    (patch: Record<string, string | number | null | undefined>, options: { resetPage?: boolean } = {}) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === null || v === undefined || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          if (options.resetPage !== false && !('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return { params, get, set };
}

/**
 * Which row of a list is open in a drawer or a dialog (`?edit=<id>`), so it can be linked to; opening and closing
 * keep the table's page.
 */
export function useOpenRow(key = 'edit') {
  const { get, set } = useUrlState();
  const open = useCallback((id: string) => set({ [key]: id }, { resetPage: false }), [set, key]);
  const close = useCallback(() => set({ [key]: null }, { resetPage: false }), [set, key]);
  return { openId: get(key) || null, open, close };
}

export function useDebouncedValue<T>(value: T, delayMs = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setDebounced(value), delayMs);
    return () => window.clearTimeout(t);
  }, [value, delayMs]);
  return debounced;
}

/** A search box bound to a URL parameter; typing updates the URL (and so the query) after a pause. */
export function useDebouncedUrlParam(key: string, delayMs = 300) {
  const { get, set } = useUrlState();
  const urlValue = get(key);
  const [text, setText] = useState(urlValue);
  const debounced = useDebouncedValue(text, delayMs);
  const lastPushed = useRef(urlValue);
  useEffect(() => {
    if (debounced.trim() !== lastPushed.current) {
      lastPushed.current = debounced.trim();
      set({ [key]: debounced.trim() || null });
    }
  }, [debounced, key, set]);
  useEffect(() => {
    // the URL changed from elsewhere (back button, a link): follow it
    if (urlValue !== lastPushed.current) {
      lastPushed.current = urlValue;
      setText(urlValue);
    }
  }, [urlValue]);
  return [text, setText] as const;
}
