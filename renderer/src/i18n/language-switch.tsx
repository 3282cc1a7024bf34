import { useTranslation } from 'react-i18next';
import { languageNames, languages, type Language } from '../../../shared/i18n/languages';

/** The languages side by side, each named in itself, so anyone finds their own. */
export function LanguageSwitch({
  value,
  onChange,
  testId,
}: {
  value: Language;
  onChange: (language: Language) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')} data-testid={testId}>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className={
            language === value
              ? 'language-switch__option language-switch__option--on'
              : 'language-switch__option'
          }
          aria-pressed={language === value}
          onClick={() => onChange(language)}
          data-testid={`${testId}-${language}`}
        >
          {languageNames[language]}
        </button>
      ))}
    </div>
  );
}
