import autocannon from 'autocannon';

export interface LoadResult {
  label: string;
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
}

/**
 * Drives a server on this machine (loopback only) with autocannon for a bounded time. `paths`
 * rotates through the given request paths so caches and plans see varied input.
 */
export async function load(options: { label: string; url: string; paths: string[]; connections: number; seconds: number; headers?: Record<string, string> }): Promise<LoadResult> {
  let i = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers,
    requests: [
      {
        setupRequest: (req) => {
          const path = options.paths[i++ % options.paths.length]!;
          return { ...req, path };
        },
      },
    ],
  });
  return toLoadResult(options.label, result);
}

/** An autocannon result as one row of a benchmark's table. */
export function toLoadResult(label: string, result: autocannon.Result): LoadResult {
  return {
    label,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export function printResults(title: string, baseline: LoadResult, measured: LoadResult[], notes: string[] = []): void {
  const row = (r: LoadResult) =>
    `| ${r.label} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} | ${(r.rps / baseline.rps * 100).toFixed(1)}% | ${r.errors + r.non2xx} |`;
  const lines = [
    `## ${title}`,
    '',
    '| run | req/s | p50 ms | p90 ms | p99 ms | max ms | vs baseline | errors + non-2xx |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    row(baseline),
    ...measured.map(row),
    '',
    ...notes,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
