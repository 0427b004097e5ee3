/**
 * The console's addresses, through the router both web apps share (libs/web):
 * `/console/<view>` picks the view (views.tsx) and the query keeps what is
 * open in it (`?patient=…`, `?doctor=…`, `?date=…`). The gateway answers every
 * page address under /console/ with the app.
 */
export { Link, navigate, useChoiceParam, useLocation, useSearchParam } from '@pacjent/web';

export const CONSOLE_BASE = '/console/';

/** The view's name: the first path segment under /console/ ('' at the root). */
export function viewOf(location: string): string {
  const path = location.split('?', 1)[0]!;
  return path.startsWith(CONSOLE_BASE) ? (path.slice(CONSOLE_BASE.length).split('/', 1)[0] ?? '') : '';
}

export const viewPath = (view: string): string => `${CONSOLE_BASE}${view}`;
