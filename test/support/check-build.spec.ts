import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkBuildAt } from './check-build.js';
import { BUILD_TARGETS } from './stale-build.js';

/**
 * The stale-build check as Jest runs it: globalSetup is check-build.js, and on a repository
 * whose build is older than a source it throws the message (a warning would let the run test
 * yesterday's server). staleBuildMessage itself is covered by stale-build.spec.ts.
 */
describe('the stale-build check in Jest', () => {
  let root: string;
  const write = (path: string, seconds: number) => {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, '');
    utimesSync(full, seconds, seconds);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'pd-check-build-'));
    // A repository built after its last edit: every source at 1000 s, every output at 2000 s.
    for (const target of BUILD_TARGETS) {
      for (const source of target.sources)
        write(/\.\w+$/.test(source) ? source : join(source, 'index.ts'), 1000);
      write(join(target.output, 'index.js'), 2000);
    }
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('lets a fresh build through', () => {
    expect(() => checkBuildAt(root)).not.toThrow();
  });

  it('stops with the message when a server source is newer than server/dist', () => {
    write('server/src/audit/audit.service.ts', 3000);
    expect(() => checkBuildAt(root)).toThrow(
      new Error(
        'server/dist is older than server/src/audit/audit.service.ts; run `npm run build` first',
      ),
    );
  });

  it('is the globalSetup of every Jest run', async () => {
    const configFile = fileURLToPath(new URL('../../jest.config.js', import.meta.url));
    const { default: config } = (await import(pathToFileURL(configFile).href)) as {
      default: { globalSetup?: string };
    };
    expect(config.globalSetup).toBe('<rootDir>/test/support/check-build.js');
  });
});
