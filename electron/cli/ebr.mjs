#!/usr/bin/env node
// The `ebr` command runs the TypeScript sources directly (through tsx), so it works right after
// `npm install` on a fresh clone, with no build step.
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  console.error(`ebr: Node ${process.versions.node} is too old; Node 22 or newer is required.`);
  process.exit(2);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
