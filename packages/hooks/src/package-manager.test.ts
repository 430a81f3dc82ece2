import { describe, expect, it } from 'vitest';
import { detectPackageManager, installArgs } from './package-manager.js';

describe('detectPackageManager', () => {
  it('packageManager first, then the lockfile, npm when neither says', () => {
    expect(detectPackageManager('{"packageManager": "pnpm@10.34.9"}', ['package-lock.json'])).toBe('pnpm');
    expect(detectPackageManager('{"packageManager": "yarn@4.5.0"}', [])).toBe('yarn');
    expect(detectPackageManager('{}', ['pnpm-lock.yaml'])).toBe('pnpm');
    expect(detectPackageManager(undefined, ['yarn.lock'])).toBe('yarn');
    expect(detectPackageManager(undefined, [])).toBe('npm');
    expect(detectPackageManager('not json', [])).toBe('npm');
  });

  it('npm installs a directory dependency as a copy', () => {
    expect(installArgs('npm', true)).toEqual(['install', '--install-links']);
    expect(installArgs('pnpm', true)).toEqual(['install']);
  });
});
