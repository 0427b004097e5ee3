import { useCallback, useLayoutEffect, useState, type DependencyList } from 'react';

export interface Loaded<T> {
  /** The last data that arrived; kept while reloading so lists do not flicker. */
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when `deps` change (or on `reload()`) and tracks its outcome. */
export function useLoader<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [result, setResult] = useState<Omit<Loaded<T>, 'reload'>>({ loading: true });
  const [version, setVersion] = useState(0);

  // A layout effect, so that `loading` is already set when the page can next be
  // read: with a plain effect a reload's first render still said "ready" over the
  // old data (a CI run's test saw a cancelled visit still listed as ready).
  useLayoutEffect(() => {
    let active = true;
    setResult((previous) => ({ data: previous.data, loading: true }));
    load().then(
      (data) => active && setResult({ data, loading: false }),
      (error: unknown) => active && setResult((previous) => ({ data: previous.data, error, loading: false })),
    );
    return () => {
      active = false;
    };
    // `load` is a fresh closure each render; `deps` says when it really changes.
  }, [...deps, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...result, reload };
}

/** A loaded section's `data-state`: `ready` only when no load is in flight. */
export function loadState(loaded: Pick<Loaded<unknown>, 'data' | 'error' | 'loading'>): 'loading' | 'error' | 'ready' {
  if (loaded.loading) return 'loading';
  return loaded.error && loaded.data === undefined ? 'error' : 'ready';
}
