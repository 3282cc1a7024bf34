import { useTranslation } from 'react-i18next';
import type { SignatureView } from '../../../shared/contract/signatures';
import { meaningStatementIn } from '../../../shared/i18n/meaning-statements';
import { formatUtcInstant } from '../format/time';
import { formatZoned, zonedTime } from '../format/zoned-time';
import { useLanguage } from '../i18n/use-language';
import { StatusBadge } from '../ui/status-badge';

/**
 * The manifestation of one signature wherever its record is shown (P11-50a/b): printed name,
 * meaning with its statement as signed (and the reader's translation beside it when the signer saw
 * another language), date and time in the zone it was signed in (and UTC), terminal, and whether it
 * still verifies against the record as it is now.
 */
export function SignatureBlock({ signature }: { signature: SignatureView }) {
  const { t } = useTranslation('signatures');
  const { language } = useLanguage();
  const { valid, problem } = signature.verification;
  const zoned = zonedTime(signature.signedAtUtc, signature.timeZone);
  const meaning = t(`meanings.${signature.meaning}`);
  // Signatures from before statements were recorded agreed to the English statement.
  const signedIn = signature.statementLanguage ?? 'en';
  const translated = signedIn === language ? null : meaningStatementIn(signature.meaning, language);
  return (
    <article
      className={valid ? 'signature-block' : 'signature-block signature-block--invalid'}
      aria-label={t('block.label', { meaning, name: signature.signerName })}
      data-testid="signature-block"
      data-valid={String(valid)}
      data-meaning={signature.meaning}
    >
      <header className="signature-block__header">
        <p className="signature-block__meaning" data-testid="signature-block-meaning">
          {meaning}
        </p>
        <StatusBadge tone={valid ? 'ok' : 'fail'} testId="signature-validity">
          {valid ? t('block.valid') : t('block.invalid')}
        </StatusBadge>
      </header>
      <p className="signature-block__name" data-testid="signature-block-name">
        {signature.signerName}
        <span className="signature-block__username"> ({signature.signerUsername})</span>
      </p>
      <p className="signature-block__statement" lang={signedIn} data-testid="signature-block-statement">
        “{signature.statement}”
      </p>
      {translated ? (
        <p className="signature-block__translation" data-testid="signature-block-translation">
          <span className="signature-block__translation-caption">
            {t('block.translation', { language: t(`languageNames.${language}`) })}
          </span>{' '}
          “{translated}”
        </p>
      ) : null}
      <dl className="signature-block__facts">
        <div className="signature-block__fact">
          <dt>{t('block.signed')}</dt>
          <dd data-testid="signature-block-local">
            {zoned ? formatZoned(zoned) : t('block.zoneUnknown', { zone: signature.timeZone })}
          </dd>
        </div>
        <div className="signature-block__fact">
          <dt>{t('block.utc')}</dt>
          <dd data-testid="signature-block-utc">{formatUtcInstant(signature.signedAtUtc)}</dd>
        </div>
        <div className="signature-block__fact">
          <dt>{t('block.terminal')}</dt>
          <dd data-testid="signature-block-terminal">{signature.terminalName}</dd>
        </div>
      </dl>
      {valid ? null : (
        <p className="signature-block__problem" role="alert" data-testid="signature-block-problem">
          {problem ?? t('block.doesNotVerify')}
        </p>
      )}
    </article>
  );
}
