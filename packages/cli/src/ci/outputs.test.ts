import { describe, expect, it } from 'vitest';
import { NO_EVENT, dotenvText, githubOutputText } from './outputs.js';

const event = { event: 'assignment', name: 'path/to:clf', version: 'v1.0.0', stage: 'prod', type: 'model', path: 'clf.pkl', description: 'A classifier' };

describe('githubOutputText', () => {
  it('writes name=value lines in gto-action order', () => {
    expect(githubOutputText(event)).toBe(
      'event=assignment\nname=path/to:clf\nversion=v1.0.0\nstage=prod\ntype=model\npath=clf.pkl\ndescription=A classifier\n',
    );
    expect(githubOutputText(NO_EVENT)).toBe('event=\nname=\nversion=\nstage=\ntype=\npath=\ndescription=\n');
  });

  it('uses the delimiter form for a value with a line break, with a delimiter not in the value', () => {
    const delims = ['EOF', 'D2'];
    const text = githubOutputText({ ...NO_EVENT, description: 'two\nlines EOF' }, () => delims.shift() as string);
    expect(text).toContain('description<<D2\ntwo\nlines EOF\nD2\n');
    expect(text).toContain('path=\n');
  });
});

describe('dotenvText', () => {
  it('writes MODELREG_ variables, one line each', () => {
    expect(dotenvText({ ...event, description: 'a\r\nb\nc' })).toBe(
      'MODELREG_EVENT=assignment\nMODELREG_NAME=path/to:clf\nMODELREG_VERSION=v1.0.0\nMODELREG_STAGE=prod\nMODELREG_TYPE=model\nMODELREG_PATH=clf.pkl\nMODELREG_DESCRIPTION=a b c\n',
    );
  });
});
