import { BUILD_TARGETS, staleBuildMessage } from './stale-build.js';
import type { BuildTargetTimes } from './stale-build.js';

const file = (path: string, mtimeMs: number) => ({ path, mtimeMs });

const server = (
  sourceFiles: BuildTargetTimes['sourceFiles'],
  outputFiles = [file('server/dist/main.js', 1000), file('server/dist/app.module.js', 1005)],
): BuildTargetTimes => ({
  output: 'server/dist',
  outputFiles,
  sourceFiles,
});

describe('staleBuildMessage', () => {
  it('passes a build newer than every source', () => {
    expect(
      staleBuildMessage([
        server([file('server/src/main.ts', 900), file('server/src/app.module.ts', 1005)]),
      ]),
    ).toBeUndefined();
  });

  it('names the output and the newest source changed since the build', () => {
    expect(
      staleBuildMessage([
        server([
          file('server/src/main.ts', 900),
          file('server/src/a.ts', 1006),
          file('server/src/b.ts', 1200),
        ]),
      ]),
    ).toBe('server/dist is older than server/src/b.ts; run `npm run build` first');
  });

  it('compares with the newest output file, so a file the build no longer writes does not count', () => {
    expect(
      staleBuildMessage([
        server(
          [file('server/src/main.ts', 1004)],
          [file('server/dist/gone.js', 10), file('server/dist/main.js', 1005)],
        ),
      ]),
    ).toBeUndefined();
  });

  it('ignores unit specs, which no build compiles', () => {
    expect(
      staleBuildMessage([
        server([file('server/src/main.spec.ts', 5000), file('admin-ui/src/a.spec.tsx', 5000)]),
      ]),
    ).toBeUndefined();
  });

  it('reports a missing output', () => {
    expect(staleBuildMessage([server([file('server/src/main.ts', 1)], [])])).toBe(
      'server/dist is missing; run `npm run build` first',
    );
  });

  it('checks every target, the first stale one named', () => {
    const fresh = server([file('server/src/main.ts', 1)]);
    const staleUi: BuildTargetTimes = {
      output: 'admin-ui/dist',
      outputFiles: [file('admin-ui/dist/index.html', 1000)],
      sourceFiles: [file('admin-ui/index.html', 1001)],
    };
    expect(staleBuildMessage([fresh, staleUi])).toBe(
      'admin-ui/dist is older than admin-ui/index.html; run `npm run build` first',
    );
  });

  it('watches the shared, server, console and bench builds with the console page and Vite config', () => {
    expect(BUILD_TARGETS).toEqual([
      { output: 'shared/dist', sources: ['shared/src'] },
      { output: 'server/dist', sources: ['server/src'] },
      {
        output: 'admin-ui/dist',
        sources: ['admin-ui/src', 'admin-ui/index.html', 'admin-ui/vite.config.ts'],
      },
      { output: 'bench/dist', sources: ['bench/src'] },
    ]);
  });
});
