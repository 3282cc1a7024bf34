import { useTranslation } from 'react-i18next';
import type { SignedSubject } from './signed-subject';

/** The record being signed, as the signer reads it: its title and each value on its own line. */
export function SignedSubjectSummary({ subject }: { subject: SignedSubject }) {
  const { t } = useTranslation('signatures');
  return (
    <section className="signed-subject" aria-label={t('subject.whatYouSign')} data-testid="signed-subject">
      <p className="signed-subject__caption">{t('subject.youSign')}</p>
      <p className="signed-subject__title">{subject.title}</p>
      {subject.lines.length > 0 ? (
        <dl className="signed-subject__lines">
          {subject.lines.map((line) => (
            <div className="signed-subject__line" key={line.label}>
              <dt className="signed-subject__label">{line.label}</dt>
              <dd className="signed-subject__value">{line.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}
