import { expect, test } from '@playwright/test';
import type { BridgedApp } from '../harness/bridge';
import { openWorkstationPage } from '../harness/bridge';
import { freshApp } from '../helpers/fresh-app';
import { collectPageErrors, saveScreenshot } from './support';

test('a screen that crashes shows a plain message and a Reload button, never a stack trace', async ({
  context,
}) => {
  const fresh = await freshApp();
  let answerMalformed = true;
  // The real core, except that system.info first answers something the shell cannot render.
  const app: BridgedApp = {
    connect: () => {
      const connection = fresh.app.connect();
      return {
        ...connection,
        invoke: (channel, input) =>
          answerMalformed && channel === 'system.info'
            ? Promise.resolve({ ok: true, value: { store: { state: 'ready' } } })
            : connection.invoke(channel, input),
      };
    },
  };
  try {
    const { page, close } = await openWorkstationPage(context, { app });
    const errors = collectPageErrors(page);

    const notice = page.getByTestId('crash-notice');
    await expect(notice).toBeVisible();
    await expect(notice.getByRole('heading', { level: 1 })).toHaveText('This screen stopped working');
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/TypeError|undefined|\bat \S+ \(|\.js:\d+/);
    expect(errors.join('\n')).toMatch(/TypeError/); // the developer console still gets the error
    await saveScreenshot(page, 'crash');

    answerMalformed = false;
    await notice.getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByTestId('gate-terminal-name')).toHaveText('WS-TEST-01');
    await close();
  } finally {
    await fresh.cleanup();
  }
});
