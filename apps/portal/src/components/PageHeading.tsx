import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { hasNavigated } from '../router';

/**
 * The page's h1. It names the browser tab and, after an in-app navigation,
 * takes focus so screen-reader and keyboard users start at the new content.
 */
export function PageHeading({ children }: { children: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${children} · ${t.appName}`;
  }, [children, t.appName]);

  useEffect(() => {
    if (hasNavigated()) ref.current?.focus();
  }, []);

  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}
