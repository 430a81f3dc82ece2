import { describe, expect, it } from 'vitest';
import { dvcFileKind, isDvcTrackingFile } from './annotation-files.js';
import { dvcFilesTracking, dvcOutputs, dvcTrackedOutputs, isTrackedByDvc, outputsChangedBy } from './dvc-tracking.js';

const lines = (...l: string[]) => l.join('\n') + '\n';

const STAGES = lines(
  'stages:',
  '  train:',
  '    cmd: python train.py',
  '    outs:',
  '    - model.pkl',
  '    - eval/plots:',
  '        cache: false',
  '    metrics:',
  '    - metrics.json:',
  '        cache: false',
  '  tok:',
  '    wdir: ../shared',
  '    cmd: x',
  '    outs: [tok.json]',
  '  each:',
  '    foreach: [a, b]',
  '    do:',
  '      cmd: x ${item}',
  '      outs:',
  '      - out/${item}.bin',
);

const LOCK = (model: string) =>
  lines("schema: '2.0'", 'stages:', '  train:', '    cmd: python train.py', '    outs:', '    - path: model.pkl', '      hash: md5', `      md5: ${model}`, '    - path: metrics.json', '      md5: 111');

describe('dvcFileKind', () => {
  it.each([
    ['dvc.yaml', 'stages'],
    ['a/b/dvc.yaml', 'stages'],
    ['dvc.lock', 'lock'],
    ['nlp/dvc.lock', 'lock'],
    ['data/data.xml.dvc', 'dvc'],
    ['.dvc', null],
    ['.dvc/config', null],
    ['notes.dvc.txt', null],
  ])('%s is %s', (file, kind) => {
    expect(dvcFileKind(file)).toBe(kind);
    expect(isDvcTrackingFile(file)).toBe(kind === 'lock' || kind === 'dvc');
  });
});

describe('dvcOutputs', () => {
  it('reads a stage’s outs and metrics in string and mapping form, relative to the file and its wdir; templates are skipped', () => {
    expect([...dvcOutputs('models/dvc.yaml', STAGES)]).toEqual([
      ['models/model.pkl', null],
      ['models/eval/plots', null],
      ['models/metrics.json', null],
      ['shared/tok.json', null],
    ]);
  });

  it('reads dvc.lock entries with their hashes, in the 2.0 and the 1.0 format', () => {
    expect([...dvcOutputs('dvc.lock', LOCK('abc'))]).toEqual([
      ['model.pkl', 'md5:abc'],
      ['metrics.json', 'md5:111'],
    ]);
    expect([...dvcOutputs('sub/dvc.lock', lines('train:', '  cmd: x', '  outs:', '  - path: m.pkl', '    md5: 9'))]).toEqual([['sub/m.pkl', 'md5:9']]);
  });

  it('reads a .dvc file’s outs (a file or a directory), relative to the .dvc file', () => {
    expect([...dvcOutputs('data/images.dvc', lines('outs:', '- md5: f00.dir', '  nfiles: 3', '  path: images'))]).toEqual([['data/images', 'md5:f00.dir']]);
  });

  it('declares nothing for files that are not YAML or leave the repository', () => {
    expect(dvcOutputs('dvc.lock', 'stages: [\n').size).toBe(0);
    expect(dvcOutputs('x.dvc', lines('outs:', '- path: ../../etc/passwd', '- path: /abs', '- path: s3://b/k'))).toEqual(new Map());
    expect(dvcOutputs('README.md', 'outs: [a]\n').size).toBe(0);
  });
});

describe('isTrackedByDvc', () => {
  const outputs = dvcTrackedOutputs([
    { path: 'dvc.yaml', content: STAGES },
    { path: 'data/images.dvc', content: lines('outs:', '- md5: f00.dir', '  path: images') },
  ]);
  it.each([
    ['model.pkl', true],
    ['data/images', true],
    ['data/images/cat.png', true],
    ['eval', true],
    ['data', true],
    ['model.pk', false],
    ['data/imagesX', false],
  ])('%s: %s', (path, tracked) => {
    expect(isTrackedByDvc(path, outputs)).toBe(tracked);
  });
});

describe('outputsChangedBy', () => {
  it('a dvc.lock change changes the outputs whose hash differs, added and removed ones too', () => {
    expect(outputsChangedBy([{ path: 'dvc.lock', before: LOCK('abc'), after: LOCK('def') }])).toEqual(['model.pkl']);
    expect(outputsChangedBy([{ path: 'dvc.lock', before: LOCK('abc'), after: LOCK('abc').replace('cmd: python train.py', 'cmd: python3 train.py') }])).toEqual([]);
    expect(outputsChangedBy([{ path: 'dvc.lock', before: null, after: LOCK('abc') }])).toEqual(['metrics.json', 'model.pkl']);
    expect(outputsChangedBy([{ path: 'dvc.lock', before: LOCK('abc'), after: null }])).toEqual(['metrics.json', 'model.pkl']);
  });

  it('any change to a .dvc file changes its outputs; other files change none', () => {
    const dvc = (md5: string) => lines('outs:', `- md5: ${md5}`, '  path: data.xml');
    expect(outputsChangedBy([{ path: 'data/data.xml.dvc', before: dvc('1'), after: dvc('2') }])).toEqual(['data/data.xml']);
    expect(outputsChangedBy([{ path: 'data/data.xml.dvc', before: dvc('1'), after: null }])).toEqual(['data/data.xml']);
    expect(outputsChangedBy([{ path: 'dvc.yaml', before: STAGES, after: '' }])).toEqual([]);
  });
});

describe('dvcFilesTracking', () => {
  it('names the .dvc files for a path and the directories above it, and the dvc.lock beside each dvc.yaml', () => {
    expect(dvcFilesTracking(['data/images/cat.png', 'model.pkl'], ['dvc.yaml', 'nlp/dvc.yaml'])).toEqual([
      'data.dvc',
      'data/images.dvc',
      'data/images/cat.png.dvc',
      'dvc.lock',
      'model.pkl.dvc',
      'nlp/dvc.lock',
    ]);
  });
});
