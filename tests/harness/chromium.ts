/** How the harness starts Chromium on build machines: the system browser, often as root, no GPU, no network. */
export const chromiumExecutable = process.env.EBR_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
