// Timing protocol shared by the JS tools (lib/timing.py is its Python twin).
//
// Throughput: one warm-up over the first documents, then timed passes over the
// whole corpus, each document annotated separately; up to RUNS passes, fewer
// when a pass takes longer than PASS_BUDGET_S; the median pass counts. Each
// pass records wall time and this process's CPU time (user + system): on a
// machine shared with other work the CPU figure moves much less.
// Article: WARMUP untimed calls, then ARTICLE_RUNS timed ones; the median counts.

const RUNS = Number(process.env.PEERS_RUNS || 3);
const PASS_BUDGET_S = Number(process.env.PEERS_PASS_BUDGET_S || 30);
const WARMUP = 3;
const ARTICLE_RUNS = Number(process.env.PEERS_ARTICLE_RUNS || 15);

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** chars = code points, as everywhere in this benchmark. */
const codePoints = (t) => { let n = 0; for (const _ of t) n++; return n; };

export function measureThroughput(extract, texts, performance) {
  const chars = texts.reduce((n, t) => n + codePoints(t), 0);
  for (const t of texts.slice(0, 20)) extract(t);
  const passes = [];
  const cpu = [];
  for (let r = 0; r < RUNS; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const t of texts) extract(t);
    const s = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    passes.push(s);
    cpu.push((c.user + c.system) / 1e6);
    if (s > PASS_BUDGET_S) break;
  }
  return {
    corpus_chars: chars,
    passes_s: passes,
    chars_per_s: chars / median(passes),
    cpu_passes_s: cpu,
    cpu_chars_per_s: chars / median(cpu),
  };
}

export function measureArticle(extract, text, performance) {
  for (let i = 0; i < WARMUP; i++) extract(text);
  const runs = [];
  for (let i = 0; i < ARTICLE_RUNS; i++) {
    const t0 = performance.now();
    extract(text);
    runs.push(performance.now() - t0);
  }
  return { article_chars: codePoints(text), article_ms: median(runs), article_runs_ms: runs };
}
