import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * The minimal history router both web apps use (each app on its own page):
 * the address is the state, `navigate` changes it, and what is open on a
 * screen lives in the query string, so back/forward and a reload land on the
 * same screen.
 */
const CHANGE_EVENT = 'pacjent:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

const currentLocation = () => window.location.pathname + window.location.search;

/** The current path with its query string, e.g. `/login?next=%2Fbook`. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, currentLocation);
}

let navigated = false;

/** Whether the person has moved within the app since the page loaded (focus moves only then). */
export function hasNavigated(): boolean {
  return navigated;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentLocation()) return;
  navigated = true;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/**
 * One query parameter of the current address as state: reading it follows
 * back/forward; setting it adds a history entry (or replaces the current one)
 * and clears the parameters listed in `clears` (what was open under it).
 */
export function useSearchParam(
  name: string,
  fallback: string | (() => string) = '',
  clears: string[] = [],
): [string, (value: string | null, options?: { replace?: boolean }) => void] {
  const location = useLocation();
  const params = new URLSearchParams(location.split('?')[1] ?? '');
  const value = params.get(name) ?? (typeof fallback === 'function' ? fallback() : fallback);
  const set = (next: string | null, options: { replace?: boolean } = {}) => {
    const updated = new URLSearchParams(window.location.search);
    if (next) updated.set(name, next);
    else updated.delete(name);
    for (const cleared of clears) updated.delete(cleared);
    const query = updated.toString();
    navigate(`${window.location.pathname}${query ? `?${query}` : ''}`, options);
  };
  return [value, set];
}

/** A query parameter that is one of `choices` (anything else in the address reads as `fallback`). */
export function useChoiceParam<T extends string>(
  name: string,
  choices: readonly T[],
  fallback: T,
): [T, (value: T, options?: { replace?: boolean }) => void] {
  const [value, set] = useSearchParam(name, fallback);
  return [(choices as readonly string[]).includes(value) ? (value as T) : fallback, set];
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An `<a>` that navigates without a page load (and still opens in a new tab on Ctrl/⌘-click). */
export function Link({ to, onClick, ...props }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...props} />;
}
