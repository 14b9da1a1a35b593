/**
 * `npm run bench`: runs the benchmarks and writes a report (figures, machine,
 * command) to tests/bench/REPORT.md. Figures are ratios against a peer
 * measured in the same run, never pass/fail timings.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAppend } from './append.js';
import { benchOpen, benchStaticScroll, launch } from './browser-open.js';
import { startTestServer } from '../support/server.js';


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

out('');
out('## Open and scroll in Chromium (headless, 1100×800), from the local cache');
out('');
// Its own build, so a rebuild of dist/client during the run cannot disturb it.
const clientDir = path.join(here, '../../.tmp/bench-client');
execFileSync('npx', ['vite', 'build', '--outDir', clientDir, '--emptyOutDir'], { stdio: 'ignore' });
const server = await startTestServer({ clientDir });
const browser = await launch(['--enable-precise-memory-info']);
try {
  const floor = await benchStaticScroll(browser);
  const peer = await benchOpen(server, browser, 1_000);
  const big = await benchOpen(server, browser, Number(process.env.BENCH_MESSAGES ?? 100_000));
  out('| messages | first open (from server) ms | open from cache: newest painted ms | open from cache: document loaded ms | JS heap after open MB |');
  out('| --- | --- | --- | --- | --- |');
  for (const r of [peer, big]) out(`| ${r.messages} | ${r.firstOpenMs.toFixed(0)} | ${r.cachedOpenMs.toFixed(0)} | ${r.cachedLoadedMs.toFixed(0)} | ${r.heapMB.toFixed(1)} |`);
  out('');
  out(`- ${big.messages} vs ${peer.messages} messages: newest painted ×${(big.cachedOpenMs / peer.cachedOpenMs).toFixed(2)}, document loaded ×${(big.cachedLoadedMs / peer.cachedLoadedMs).toFixed(2)}, heap ×${(big.heapMB / peer.heapMB).toFixed(2)}`);
  out('- "newest painted": click on the conversation → its newest message on screen in a painted frame (timed in the page). The newest rows come from the cached tail while the document loads; "document loaded" is when every row is reachable and writes are possible.');
  out('');
  out('Frames while scrolling up (rAF intervals; "> 16.7 ms" counts frames over 17.7 ms, i.e. a 60 Hz frame missed beyond 1 ms of jitter):');
  out('');
  out('| messages | run | frames | median ms | > 16.7 ms | > 50 ms | worst ms |');
  out('| --- | --- | --- | --- | --- | --- | --- |');
  out(`| – | static page, no script: 120 px/frame, 1,000 frames | ${floor.frames} | ${floor.medianMs.toFixed(1)} | ${floor.over16} (${((100 * floor.over16) / Math.max(1, floor.frames)).toFixed(1)}%) | ${floor.over50} | ${floor.worstMs.toFixed(1)} |`);
  for (const r of [peer, big]) {
    for (const [name, f] of [['idle page (no scrolling)', r.idle], ['steady: 120 px/frame, 1,000 frames', r.steady], ['harsh: 1.5 screens/frame, bottom → top', r.harsh]] as const) {
      out(`| ${r.messages} | ${name} | ${f.frames} | ${f.medianMs.toFixed(1)} | ${f.over16} (${((100 * f.over16) / Math.max(1, f.frames)).toFixed(1)}%) | ${f.over50} | ${f.worstMs.toFixed(1)} |`);
    }
  }
  out('');
  out('- targets: open < 500 ms, heap < 120 MB, no frame over 50 ms, < 1% over 16.7 ms');
} finally {
  await browser.close();
  await server.dispose();
}

writeFileSync(path.join(here, 'REPORT.md'), lines.join('\n') + '\n');
