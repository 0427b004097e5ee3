import { useEffect, useRef } from 'react';
import { useLocation } from '../router';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The item a link points at (`?report=…`, `?visit=…`, as the bell's notices link), when it is a well-formed id. */
export function useLinkedId(parameter: string): string | null {
  const location = useLocation();
  const id = new URLSearchParams(location.split('?')[1] ?? '').get(parameter);
  return id && UUID.test(id) ? id : null;
}

/**
 * Once the linked item is on the page, scrolls it into view and moves the
 * focus there (so a screen reader starts at it too), once per link: loading
 * more of the list later does not pull the patient back. `selector` finds the
 * element; it is looked for again when `ready` changes (the list has loaded).
 */
export function useRevealLinked(selector: string | null, ready: unknown): void {
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (!selector || revealed.current === selector) return;
    const element = document.querySelector<HTMLElement>(selector);
    if (!element) return;
    revealed.current = selector;
    element.scrollIntoView({ block: 'start' });
    if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
    element.focus({ preventScroll: true });
  }, [selector, ready]);
}
