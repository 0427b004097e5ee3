import { InfoNote } from '../../components/Alerts';
import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router';
import { recordTexts } from './texts';

/** What a basic account sees instead of clinical data. */
export function RecordLocked({ title }: { title: string }) {
  const { lang } = useI18n();
  const texts = recordTexts(lang);
  return (
    <div className="page" data-testid="record-locked">
      <PageHeading>{title}</PageHeading>
      <InfoNote>
        <p>{texts.locked}</p>
        <Link to="/verification">{texts.lockedLink}</Link>
      </InfoNote>
    </div>
  );
}
