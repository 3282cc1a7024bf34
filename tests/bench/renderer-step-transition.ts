/**
 * Step transition in the renderer: the built renderer in Chromium, window.ebr backed by the real
 * core (the e2e harness), the operator signed in at #/batches/:batchId. Timed in the page, from the
 * click on the step's complete button to the frame after the next step's panel appears — the
 * preview, the completion (its transaction), the batch view coming back and the render. The steps
 * timed are those of the demo recipe that ask for no signature and no dialog (acknowledging the
 * instructions, identifying the blender, the blender speed within limits); the signed steps
 * between them are recorded through the core, untimed, and the page reloaded.
 */
import { existsSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { installBridge } from '../harness/bridge';
import { chromiumArgs, chromiumExecutable } from '../harness/chromium';
import { RENDERER_ENTRY_URL, serveRenderer } from '../harness/serve-renderer';
import { batchBenchFloor, BENCH_PASSWORD, ok } from './batch-bench-floor';

const BATCHES = 12;
const WARM_UP_BATCHES = 2;
const UI_TIMEOUT_MS = 15_000;

export type StepTransitionResult =
  | { skipped: string }
  | {
      browserVersion: string;
      batches: number;
      stepsTimed: string[];
      /** Click → the frame after the next step's panel is in the DOM. */
      transitionsNs: bigint[];
      /** Click → the next step's panel in the DOM. */
      domNs: bigint[];
    };

interface Transition {
  domMs: number;
  paintedMs: number;
}

/** Runs in the page: the next click on the complete button starts the clock, the next step's panel stops it. */
function watchTransition(next: string): void {
  const target = window as unknown as { __ebrTransition?: Promise<Transition> };
  target.__ebrTransition = new Promise<Transition>((resolve) => {
    let clickedAt: number | null = null;
    const onClick = (event: MouseEvent) => {
      if ((event.target as Element | null)?.closest('[data-testid="complete-step"]'))
        clickedAt = performance.now();
    };
    document.addEventListener('click', onClick, { capture: true });
    const observer = new MutationObserver(() => {
      const panel = document.querySelector('[data-testid="step-panel"]');
      if (clickedAt === null || panel?.getAttribute('data-step-id') !== next) return;
      observer.disconnect();
      document.removeEventListener('click', onClick, { capture: true });
      const domAt = performance.now();
      const started = clickedAt;
      requestAnimationFrame(() =>
        setTimeout(() => resolve({ domMs: domAt - started, paintedMs: performance.now() - started }), 0),
      );
    });
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-step-id'],
    });
  });
}

/** As source text, as the harness's bridge does: tsx's keepNames helper `__name` does not exist in the page. */
async function armTransition(page: Page, nextStepId: string): Promise<void> {
  await page.evaluate(
    `(() => { const __name = (fn) => fn; (${watchTransition.toString()})(${JSON.stringify(nextStepId)}); })()`,
  );
}

export async function measureStepTransitions(rendererDir: string): Promise<StepTransitionResult> {
  if (!existsSync(chromiumExecutable)) return { skipped: `no Chromium at ${chromiumExecutable}` };
  const floor = await batchBenchFloor('WS-BENCH-07');
  const browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs });
  try {
    const { fresh, actor, operator, supervisor } = floor;
    const context = await browser.newContext({ viewport: { width: 1280, height: 1024 } });
    context.setDefaultTimeout(UI_TIMEOUT_MS);
    const page = await context.newPage();
    await serveRenderer(page, rendererDir);
    const { connection } = await installBridge(page, { app: fresh.app });
    await page.goto(RENDERER_ENTRY_URL);
    ok(
      await connection.invoke('auth.login', { username: operator.username, password: BENCH_PASSWORD }),
      'sign-in',
    );
    await page.reload();
    await page.getByTestId('signed-in-user').waitFor();

    const panelAt = (stepId: string, progress: string) =>
      page.locator(`[data-testid="step-panel"][data-step-id="${stepId}"][data-progress="${progress}"]`);
    const transitionsNs: bigint[] = [];
    const domNs: bigint[] = [];
    const stepsTimed: string[] = [];
    /** Starts `stepId` (untimed), enters its value, then times complete → `nextStepId` shown. */
    const timed = async (stepId: string, nextStepId: string, enter: () => Promise<void>, record: boolean) => {
      await panelAt(stepId, 'ready').getByTestId('start-step').click();
      const panel = panelAt(stepId, 'mine');
      await panel.waitFor();
      await enter();
      await armTransition(page, nextStepId);
      await panel.getByTestId('complete-step').click();
      const transition = (await page.evaluate('window.__ebrTransition')) as Transition;
      await panelAt(nextStepId, 'ready').waitFor();
      if (!record) return;
      transitionsNs.push(BigInt(Math.round(transition.paintedMs * 1e6)));
      domNs.push(BigInt(Math.round(transition.domMs * 1e6)));
      if (!stepsTimed.includes(`${stepId} → ${nextStepId}`)) stepsTimed.push(`${stepId} → ${nextStepId}`);
    };
    /** After steps recorded through the core, the screen is reloaded to show them. */
    const show = async (batchId: string) => {
      await page.goto(`${RENDERER_ENTRY_URL}#/batches/${batchId}`);
      await page.reload();
    };
    const performed = floor.signer(operator, 'performed');
    const verified = floor.signer(supervisor, 'verified');

    for (let b = 0; b < WARM_UP_BATCHES + BATCHES; b++) {
      const record = b >= WARM_UP_BATCHES;
      const { id } = floor.createBatch(`UI-${String(b).padStart(4, '0')}`);
      floor.apply(id, () => ({ type: 'start', actor }));
      await show(id);
      await timed('start', 'line_clearance', async () => {}, record);
      floor.startStep(id, 'line_clearance');
      floor.complete(id, 'line_clearance', { type: 'check', checked: [true, true, true] }, [
        performed,
        verified,
      ]);
      await show(id);
      await timed(
        'scan_blender',
        'w_api',
        () => panelAt('scan_blender', 'mine').getByTestId('entry-code').fill('EQ-BLD-010'),
        record,
      );
      for (const [stepId, net] of [
        ['w_api', '2.004'],
        ['w_lactose', '8.000'],
      ] as const) {
        floor.startStep(id, stepId);
        floor.complete(id, stepId, { type: 'weighing', origin: 'manual', net }, [performed, verified]);
      }
      await show(id);
      await timed(
        'blend_speed',
        'blend_time',
        () => panelAt('blend_speed', 'mine').getByTestId('entry-value').fill('12'),
        record,
      );
    }
    await context.close();
    return { browserVersion: browser.version(), batches: BATCHES, stepsTimed, transitionsNs, domNs };
  } finally {
    await browser.close();
    await floor.cleanup();
  }
}
