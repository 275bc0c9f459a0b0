/**
 * A vitest reporter beside the default one: after the run, the ten slowest test files (tests and hooks, plus
 * import), so the suite's time shows where it goes and a file that grows slow is seen in every CI log.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SlowestFiles implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const timed = modules.map((m) => {
      const d = m.diagnostic();
      return { file: m.relativeModuleId, project: m.project.name, ms: d.duration + d.collectDuration + d.setupDuration };
    });
    const slowest = timed.sort((a, b) => b.ms - a.ms).slice(0, 10);
    if (slowest.length === 0) return;
    const lines = slowest.map((t) => `  ${(t.ms / 1000).toFixed(1).padStart(6)} s  ${t.file}  (${t.project})`);
    process.stdout.write(`\nslowest test files:\n${lines.join('\n')}\n`);
  }
}
