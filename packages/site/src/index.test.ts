import { describe, expect, it } from 'vitest';
import { buildRegistry, type TagInput } from '@modelreg/core';
import { buildChangelog } from '@modelreg/changelog';
import { renderSite, slug, type SiteAnnotation, type SiteRegistry } from './index.js';

const sha = (n: number) => String(n).repeat(40).slice(0, 40);
const day = (d: number) => Date.parse(`2025-03-${String(d).padStart(2, '0')}T12:00:00Z`) / 1000;
const XSS = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';

function tag(name: string, n: number, d: number, message = name): TagInput {
  return { name, annotated: true, commit: sha(n), tagger: { name: 'Pat <b>Promoter</b>', email: 'pat@example.com', time: day(d), tz: '+0000' }, message };
}

function registry(name: string, tags: TagInput[], annotations: Record<string, SiteAnnotation> = {}): SiteRegistry {
  const reg = buildRegistry(tags);
  const commits = [...new Set(tags.flatMap((t) => (t.commit === null ? [] : [t.commit])))].map((c, i, all) => ({
    sha: c,
    parents: i + 1 < all.length ? [all[i + 1] as string] : [],
    author: 'Ann',
    authorEmail: 'ann@example.com',
    authorTime: day(1),
    authorTz: '+0000',
    message: `Train ${XSS}\n\nModel: churn\nModel-Metric: auc=0.9\n`,
  }));
  return { name, registry: reg, changelog: buildChangelog({ registry: reg, commits, head: tags[0]?.commit ?? null }), annotations: new Map(Object.entries(annotations)) };
}

const churn = () =>
  registry(
    'churn',
    [tag('churn@v1.0.0', 2, 2), tag('churn#prod#1', 2, 3, `Promote ${XSS}`), tag('old@v0.1.0', 1, 1), tag('old@deprecated', 1, 4)],
    { churn: { desc: XSS, labels: ['tabular', XSS], meta: { owner: 'ml-team', [XSS]: { nested: XSS } } } },
  );
const vision = () => registry('vision', [tag('models/cv=resnet@v2.0.0', 5, 5), tag('models/cv=resnet#staging#1', 5, 6)]);

describe('renderSite', () => {
  it('writes an index, a page per model, a stylesheet and a script, in sorted order', () => {
    const files = renderSite([churn(), vision()]);
    expect([...files.keys()]).toEqual(['index.html', 'models/churn/churn.html', 'models/churn/old.html', `models/vision/${slug('models/cv:resnet')}.html`, 'site.js', 'style.css']);
    expect(slug('models/cv:resnet')).toBe('models~2Fcv~3Aresnet');
  });

  it('the matrix shows each stage holder, latest, and deprecated models marked', () => {
    const index = renderSite([churn(), vision()]).get('index.html') as string;
    expect(index).toContain('<th>repo</th><th>model</th><th>latest</th><th>#prod</th><th>#staging</th>');
    expect(index).toMatch(/<td>churn<\/td><td><a href="models\/churn\/churn.html">churn<\/a>.*<td class="holder">v1\.0\.0<\/td><td class="holder held" data-stage="prod">v1\.0\.0<\/td><td class="holder" data-stage="staging">–<\/td><\/tr>/);
    expect(index).toMatch(/<tr class="deprecated" data-search="old repo:churn"><td>churn<\/td>/);
    expect(index).toMatch(/<td>vision<\/td>.*>models\/cv:resnet<\/a>.*data-stage="staging">v2\.0\.0</);
  });

  it('escapes every repository string: a <script> or an onerror attribute is text', () => {
    const files = renderSite([churn(), vision()]);
    for (const [path, text] of files) {
      if (!path.endsWith('.html')) continue;
      expect(text, path).not.toContain('<script>alert');
      expect(text, path).not.toContain('<img');
      expect(text, path).not.toContain('<b>');
      expect(text.match(/<script/g), path).toHaveLength(1); // our own script tag only
    }
    const page = files.get('models/churn/churn.html') as string;
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(page).toContain('Pat &lt;b&gt;Promoter&lt;/b&gt;');
  });

  it('the model page has the card, the stage timeline, versions and the changelog with metrics', () => {
    const page = renderSite([churn()]).get('models/churn/churn.html') as string;
    expect(page).toMatch(/<dt>owner<\/dt><dd>ml-team<\/dd>/);
    expect(page).toMatch(/<h2>Stage timeline<\/h2>\n<table class="timeline">.*<td>2025-03-03 12:00 UTC<\/td><td><span title="pat@example.com">Pat &lt;b&gt;Promoter&lt;\/b&gt;<\/span><\/td><td>assigned <strong>prod<\/strong><\/td><td>v1\.0\.0<\/td>/s);
    expect(page).toMatch(/<code>auc=0\.9<\/code>/);
    expect(page).toMatch(/<h2>Changelog<\/h2>\n<h3>v1\.0\.0/);
  });

  it('is deterministic, refers to nothing outside the site, and has a date only when asked', () => {
    const a = renderSite([churn(), vision()]);
    expect(renderSite([churn(), vision()])).toEqual(a);
    const all = [...a.values()].join('\n');
    expect(all).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(all).not.toMatch(/@import|url\(/);
    expect(a.get('index.html')).toMatch(/<footer>Made by modelreg from 2 registries\.<\/footer>/);
    expect(renderSite([churn()], { generatedAt: '2025-03-09 10:00 UTC' }).get('index.html')).toMatch(/<footer>Made by modelreg from one registry on 2025-03-09 10:00 UTC\.<\/footer>/);
  });

  it("a registry's config stages are its columns, in the config's order, used or not", () => {
    const index = renderSite([{ ...churn(), configStages: ['staging', 'prod', 'archived'] }, vision()]).get('index.html') as string;
    expect(index).toContain('<th>repo</th><th>model</th><th>latest</th><th>#staging</th><th>#prod</th><th>#archived</th></tr>');
  });

  it('a meta that is not a mapping is shown as written', () => {
    const page = renderSite([registry('churn', [tag('churn@v1.0.0', 2, 2)], { churn: { meta: 'see the wiki' } })]).get('models/churn/churn.html') as string;
    expect(page).toContain('<dt>meta</dt><dd>see the wiki</dd>');
  });
});
