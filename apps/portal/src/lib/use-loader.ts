import { useCallback, useEffect, useState, type DependencyList } from 'react';

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

  useEffect(() => {
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
