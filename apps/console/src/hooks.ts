import { useLayoutEffect, useState, type DependencyList, type FormEvent } from 'react';
import { useChoiceParam } from './router';
import { errorText } from './texts';

/** A list's `data-state`: `idle` until the first load starts. */
export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

/**
 * Loads a list with `load` each time `deps` change; while `load` is null
 * nothing is loaded and the list and state stay as they are. An answer that
 * comes back after a newer load has started is dropped. A failure goes to
 * `onError` as the Polish message.
 */
export function useLoadedList<T>(
  load: (() => Promise<T[]>) | null,
  deps: DependencyList,
  onError: (message: string) => void,
  initial: LoadState = 'idle',
): { items: T[]; state: LoadState } {
  const [items, setItems] = useState<T[]>([]);
  const [state, setState] = useState<LoadState>(initial);

  // A layout effect, so that a reload's `loading` is set before the page can be
  // read again; a plain effect left one frame saying "ready" over the old list.
  useLayoutEffect(() => {
    if (!load) return;
    let active = true;
    setState('loading');
    load().then(
      (list) => {
        if (!active) return;
        setItems(list);
        setState('ready');
      },
      (caught: unknown) => {
        if (!active) return;
        onError(errorText(caught));
        setState('error');
      },
    );
    return () => {
      active = false;
    };
    // The caller names what the load depends on, as for useEffect.
  }, deps);

  return { items, state };
}

/**
 * A work queue filtered by status (kept in the address as `?status=`): the
 * list for the chosen status, its load state and error, and `reload` for
 * after a row is decided.
 */
export function useStatusQueue<T, S extends string>(
  statuses: readonly S[],
  fallback: S,
  load: (status: S) => Promise<T[]>,
) {
  const [status, setStatus] = useChoiceParam<S>('status', statuses, fallback);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const { items, state } = useLoadedList<T>(() => load(status), [status, version], setError, 'loading');
  return { status, setStatus, items, state, error, setError, reload: () => setVersion((v) => v + 1) };
}

/**
 * A form's submit handler: runs `action` with the form `busy` (for the
 * submit button's `disabled`); a failure goes to `onError` as the Polish message.
 */
export function useSubmit(
  action: () => Promise<void>,
  onError: (message: string) => void,
): { busy: boolean; submit: (event: FormEvent) => Promise<void> } {
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await action();
    } catch (caught) {
      onError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return { busy, submit };
}
