import type { AccountLevel } from '@pacjent/contracts';
import { useI18n } from '../i18n/I18nProvider';

export function LevelBadge({ level }: { level: AccountLevel }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge--${level}`} data-testid="account-level" data-level={level}>
      {level === 'full' ? t.account.full : t.account.basic}
    </span>
  );
}
