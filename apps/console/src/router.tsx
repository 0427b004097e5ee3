import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * The console's addresses, as the portal's router (apps/portal/src/router.tsx):
 * the URL is the state. `/console/<view>` picks the view (views.tsx) and the
 * query keeps what is open in it (`?patient=…`, `?doctor=…`, `?date=…`), so
 * back/forward and a reload land on the same screen. The gateway answers every
 * page address under /console/ with the app.
 */
export const CONSOLE_BASE = '/console/';
const CHANGE_EVENT = 'pacjent:console-navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

const currentLocation = () => window.location.pathname + window.location.search;

/** The address with its query string, e.g. `/console/patients?patient=…`. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, currentLocation);
}

/** The view's name: the first path segment under /console/ ('' at the root). */
export function viewOf(location: string): string {
  const path = location.split('?', 1)[0]!;
  return path.startsWith(CONSOLE_BASE) ? (path.slice(CONSOLE_BASE.length).split('/', 1)[0] ?? '') : '';
}

export const viewPath = (view: string): string => `${CONSOLE_BASE}${view}`;

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentLocation()) return;
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
