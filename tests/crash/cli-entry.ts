/** The `ebr` command as the kill tests bundle it (runner-process.ts): what ebr.mjs runs, without tsx. */
import { main } from '../../electron/cli/main';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
