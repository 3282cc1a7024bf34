// First: configures zod before any schema exists (see the file).
import './app/zod-without-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CrashBoundary } from './app/crash-boundary';
import { Workstation } from './app/workstation';
import { I18nProvider } from './i18n/i18n-provider';
import './styles/base.css';
import './styles/controls.css';
import './styles/shell.css';
import './styles/screens.css';
import './styles/state-screens.css';
import './styles/forms.css';
import './styles/gate.css';
import './styles/admin.css';
import './styles/wizard.css';
import './styles/signatures.css';
import './styles/audit.css';
import './styles/recipes.css';
import './styles/recipe-steps.css';
import './styles/recipe-diff.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <CrashBoundary>
      <I18nProvider>
        <Workstation />
      </I18nProvider>
    </CrashBoundary>
  </StrictMode>,
);
