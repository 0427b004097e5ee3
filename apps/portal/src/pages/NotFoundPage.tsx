import { PageHeading } from '../components/PageHeading';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../router';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section className="card card--narrow">
      <PageHeading>{t.notFound.title}</PageHeading>
      <p>
        <Link to="/">{t.notFound.back}</Link>
      </p>
    </section>
  );
}
