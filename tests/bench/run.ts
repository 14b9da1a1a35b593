/**
 * `npm run bench`: runs the benchmarks and writes a report (figures, machine,
 * command) to tests/bench/REPORT.md. Figures are ratios against a peer
 * measured in the same run, never pass/fail timings.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAppend } from './append.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const lines: string[] = [];
const out = (s: string): void => {
  console.log(s);
  lines.push(s);
};

out('# Benchmark report');
out('');
out(`- date: ${new Date().toISOString()}`);
out(`- machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`);
out(`- node: ${process.version}`);
out('- command: `npm run bench`');
out('');
out('## Append cost per message (µs), 500 appends after a history of N');
out('');
out('| N | layout | client µs/append | server validate+apply µs/append |');
out('| --- | --- | --- | --- |');
benchAppend(1_000, 'paged'); // warm up the JIT so the first row is not penalised
benchAppend(1_000, 'flat');
const results = [];
for (const history of [1_000, 100_000]) {
  for (const layout of ['paged', 'flat'] as const) {
    if (layout === 'flat' && history > 20_000) continue; // the peer grows too slow to fill to 100k here
    const r = benchAppend(history, layout);
    results.push(r);
    out(`| ${history} | ${layout} | ${r.clientUsPerAppend.toFixed(1)} | ${r.serverUsPerAppend.toFixed(1)} |`);
  }
}
const paged1k = results.find((r) => r.layout === 'paged' && r.history === 1_000)!;
const paged100k = results.find((r) => r.layout === 'paged' && r.history === 100_000)!;
const flat1k = results.find((r) => r.layout === 'flat' && r.history === 1_000)!;
out('');
out(`- paged, 100k vs 1k history: client ×${(paged100k.clientUsPerAppend / paged1k.clientUsPerAppend).toFixed(2)}, server ×${(paged100k.serverUsPerAppend / paged1k.serverUsPerAppend).toFixed(2)} (target: the same within noise)`);
out(`- paged vs flat peer at 1k history: client ×${(paged1k.clientUsPerAppend / flat1k.clientUsPerAppend).toFixed(2)}`);

writeFileSync(path.join(here, 'REPORT.md'), lines.join('\n') + '\n');
