/**
 * `npm run bench` — runs every benchmark in one process on one machine (so the ratios compare like
 * with like), writes bench-results/results.json (machine facts + raw numbers) and
 * bench-results/results.md (a markdown table), and prints the table and the headline ratios.
 *
 *   npm run bench                       all benchmarks
 *   npm run bench -- durable-commit     only the named ones
 *
 * Not part of `npm test`. The temporary databases live under os.tmpdir() (set TMPDIR to measure
 * another disk); a RAM-backed tmpdir makes every fsync free and the durable-commit numbers meaningless.
 */
import { mkdirSync, statfsSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, hostname, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { auditQuery } from './audit-query.bench';
import { auditVerify } from './audit-verify.bench';
import { backup } from './backup.bench';
import { batchRecord } from './batch-record.bench';
import { batchExecution } from './batch-execution.bench';
import { devices } from './devices.bench';
import { durableCommit } from './durable-commit.bench';
import { encryptionOverhead } from './encryption-overhead.bench';
import { exportPackage } from './export.bench';
import { genealogy } from './genealogy.bench';
import { instrumentEvent } from './instrument-event.bench';
import { password } from './password.bench';
import { plantIngest } from './plant-ingest.bench';
import { signatures } from './signatures.bench';
import { formatValue, nsToMs, now, type Benchmark, type BenchResult } from './stats';

const BENCHMARKS: Benchmark[] = [
  durableCommit,
  auditVerify,
  encryptionOverhead,
  password,
  signatures,
  auditQuery,
  exportPackage,
  backup,
  batchRecord,
  batchExecution,
  devices,
  instrumentEvent,
  plantIngest,
  genealogy,
];
const OUTPUT_DIR = resolve(import.meta.dirname, '../../bench-results');

const FILESYSTEMS: Record<number, string> = {
  0xef53: 'ext2/3/4',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x01021994: 'tmpfs (RAM: fsync is free)',
  0x794c7630: 'overlayfs',
  0x6969: 'nfs',
  0x2fc12fc1: 'zfs',
  0x65735546: 'fuse',
};

function machineFacts() {
  const memory = new Database(':memory:');
  const sqliteVersion = memory.prepare('SELECT sqlite_version()').pluck().get() as string;
  const cipherLibrary = memory.prepare('SELECT sqlite3mc_version()').pluck().get() as string;
  memory.close();
  const fsType = statfsSync(tmpdir()).type;
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    openssl: process.versions.openssl,
    platform: `${process.platform} ${release()} ${process.arch}`,
    hostname: hostname(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    sqlite: sqliteVersion,
    cipherLibrary,
    tmpdir: tmpdir(),
    tmpdirFilesystem: FILESYSTEMS[fsType] ?? `statfs type 0x${fsType.toString(16)}`,
  };
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');

function markdown(
  facts: ReturnType<typeof machineFacts>,
  results: BenchResult[],
  totalSeconds: number,
): string {
  const lines = [
    '# Benchmark results',
    '',
    `${facts.date} · Node ${facts.node} · ${facts.cpuModel}, ${facts.cores} cores, ${facts.memoryGiB} GiB · ` +
      `${facts.platform} · SQLite ${facts.sqlite} (${facts.cipherLibrary}) · tmpdir ${facts.tmpdir} on ` +
      `${facts.tmpdirFilesystem} · whole run ${totalSeconds.toFixed(1)} s`,
    '',
    '| benchmark | measure | value | unit |',
    '| --- | --- | ---: | --- |',
  ];
  for (const result of results) {
    for (const row of result.rows) {
      lines.push(`| ${result.name} | ${escapeCell(row.measure)} | ${formatValue(row.value)} | ${row.unit} |`);
    }
  }
  lines.push('', ...results.map((result) => `- **${result.name}**: ${result.description}`), '');
  lines.push(...ratioLines(results).map((line) => `    ${line}`), '');
  return lines.join('\n');
}

function ratioLines(results: BenchResult[]): string[] {
  return results.flatMap((result) =>
    result.ratios.map((ratio) => `RATIO ${ratio.label}: ${formatValue(ratio.value)}x`),
  );
}

/** The table for a terminal: fixed-width columns. */
function plainTable(results: BenchResult[]): string {
  const body = results.flatMap((result) =>
    result.rows.map((row) => [result.name, row.measure, formatValue(row.value), row.unit]),
  );
  const header = ['benchmark', 'measure', 'value', 'unit'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((cells) => cells[column]!.length)),
  );
  const format = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join(' | ');
  return [format(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...body.map(format)].join(
    '\n',
  );
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const unknown = wanted.filter((name) => !BENCHMARKS.some((bench) => bench.name === name));
  if (unknown.length > 0) {
    console.error(
      `Unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
    );
    process.exitCode = 2;
    return;
  }
  const selected =
    wanted.length === 0 ? BENCHMARKS : BENCHMARKS.filter((bench) => wanted.includes(bench.name));
  const facts = machineFacts();
  console.log(
    `EBR benchmarks · Node ${facts.node} · ${facts.cpuModel} × ${facts.cores} · tmpdir ${facts.tmpdir} (${facts.tmpdirFilesystem})`,
  );
  if (facts.tmpdirFilesystem.startsWith('tmpfs')) {
    console.warn('warning: tmpdir is RAM-backed; durable-commit numbers will not reflect a real disk.');
  }

  const started = now();
  const results: BenchResult[] = [];
  const seconds: Record<string, number> = {};
  for (const bench of selected) {
    process.stdout.write(`running ${bench.name} … `);
    const benchStart = now();
    results.push(await bench.run());
    seconds[bench.name] = nsToMs(now() - benchStart) / 1000;
    process.stdout.write(`${seconds[bench.name]!.toFixed(1)} s\n`);
  }
  const totalSeconds = nsToMs(now() - started) / 1000;

  mkdirSync(OUTPUT_DIR, { recursive: true });
  const json = {
    machine: facts,
    totalSeconds,
    secondsPerBenchmark: seconds,
    ratios: Object.fromEntries(
      results.flatMap((result) => result.ratios.map((ratio) => [ratio.label, ratio.value])),
    ),
    benchmarks: results,
  };
  writeFileSync(join(OUTPUT_DIR, 'results.json'), JSON.stringify(json, null, 2) + '\n');
  writeFileSync(join(OUTPUT_DIR, 'results.md'), markdown(facts, results, totalSeconds));

  console.log('');
  console.log(plainTable(results));
  console.log('');
  for (const line of ratioLines(results)) console.log(line);
  console.log('');
  console.log(
    `whole run ${totalSeconds.toFixed(1)} s · results in ${join(OUTPUT_DIR, 'results.json')} and results.md`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
