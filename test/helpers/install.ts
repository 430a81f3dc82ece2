// The package as teams get it: this working tree as a checkout (its files as git has them, tracked
// and new, committed in a temp repository), the tarball `npm pack` makes of it (once per test
// file, as husky's test/all.sh does), and what npm, pnpm and the pre-commit framework need to reach
// the registry from a test.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestRepo, rawDate, tempDir } from './repo.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A checkout of this working tree: a repository whose one commit holds its files. */
export function snapshotCheckout(): TestRepo {
  const checkout = TestRepo.init();
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const f of files) {
    mkdirSync(dirname(join(checkout.dir, f)), { recursive: true });
    try {
      copyFileSync(join(ROOT, f), join(checkout.dir, f));
    } catch {
      // deleted in the working tree but still in the index
    }
  }
  checkout.git(['add', '-A']);
  checkout.git(['commit', '-q', '-m', 'snapshot'], rawDate('2025-05-01T09:00:00Z'));
  return checkout;
}

// npm reaches the registry through this machine's TLS and proxy settings; pre-commit points npm's
// global config at its own environment, so they must come from the environment (turbo.json
// passes them through to the e2e task).
const NETWORK = ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy'];

/** The environment for npm, pnpm and pre-commit in a test whose HOME is `home`. */
export function installEnv(home: string): Record<string, string> {
  return {
    ...Object.fromEntries(NETWORK.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k] as string])),
    PRE_COMMIT_HOME: join(home, 'pre-commit-cache'),
    // npm's cache and pnpm's store outlive the test, so only the first run downloads.
    npm_config_cache: join(ROOT, 'test', '.cache', 'npm'),
    npm_config_store_dir: join(ROOT, 'test', '.cache', 'pnpm-store'),
    npm_config_update_notifier: 'false',
    // Fail in seconds, not minutes, when the registry cannot be reached.
    npm_config_fetch_retries: '1',
    npm_config_fetch_retry_mintimeout: '2000',
    npm_config_fetch_retry_maxtimeout: '5000',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
}

/** `npm pack` of the checkout into a temp dir: the tarball's path. Scripts off: packing runs none for users either. */
export function pack(checkout: string): string {
  const dest = tempDir();
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dest], { cwd: checkout, env: { PATH: process.env.PATH, HOME: dest, ...installEnv(dest) }, stdio: 'ignore' });
  return join(dest, readdirSync(dest).find((f) => f.endsWith('.tgz'))!);
}
