import { useEffect, useState, type DependencyList, type ReactNode } from 'react';
import { errorText, t } from './texts';

/**
 * One value a panel shows, loaded with `load` each time `deps` change: the
 * error (as the Polish message), "Wczytywanie…" until the first answer, then
 * `children(value)`. An answer that comes back after the panel is gone is dropped.
 */
export function Loaded<T>({
  load,
  deps,
  errorTestId,
  children,
}: {
  load: () => Promise<T>;
  deps: DependencyList;
  errorTestId?: string;
  children: (value: T) => ReactNode;
}) {
  const [value, setValue] = useState<{ loaded: T } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    load().then(
      (loaded) => active && setValue({ loaded }),
      (caught: unknown) => active && setError(errorText(caught)),
    );
    return () => {
      active = false;
    };
    // The caller names what the load depends on, as for useEffect.
  }, deps);

  if (error) {
    return (
      <p className="error" role="alert" data-testid={errorTestId}>
        {error}
      </p>
    );
  }
  if (!value) return <p className="muted">{t.loading}</p>;
  return children(value.loaded);
}
