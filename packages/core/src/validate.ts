// Argument checks shared by every write command: fail before git is ever called.
import { ModelregError } from './errors.js';
import { NAME_RULE } from './messages.js';
import { isValidArtifactName, isValidStageName } from './names.js';
import { isValidVersion, nearestVersion } from './semver.js';

export function assertArtifactName(name: string): void {
  if (!isValidArtifactName(name)) {
    throw new ModelregError('invalid-name', `invalid artifact name '${name}'`, { hint: `use ${NAME_RULE}` });
  }
}

export function assertStageName(stage: string): void {
  if (!isValidStageName(stage)) {
    throw new ModelregError('invalid-stage', `invalid stage name '${stage}'`, {
      hint: "use letters, digits, '_', '-' and '/' only, starting and ending with a letter or digit",
    });
  }
}

export function assertVersion(version: string): void {
  if (!isValidVersion(version)) {
    const near = nearestVersion(version);
    const suggestion = near ? `, e.g. '${near}'` : ', e.g. v1.2.3 or v1.2.3-rc.1';
    throw new ModelregError('invalid-version', `supplied version '${version}' cannot be parsed`, {
      hint: `versions are 'v' followed by SemVer 2.0.0${suggestion}`,
    });
  }
}
