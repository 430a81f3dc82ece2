// The stylesheet and the script of the page: files of their own beside the HTML (nothing from a
// CDN, no request anywhere), so the site works from file:// and on GitHub/GitLab Pages.

export const STYLE_CSS = `:root { --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg-alt: #f6f8fa; --accent: #0969da; --ok: #1a7f37; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
.muted, footer { color: var(--muted); }
footer { margin-top: 3rem; font-size: .85rem; }
.controls { display: flex; gap: 1rem; align-items: center; margin: 1rem 0; flex-wrap: wrap; }
#filter { flex: 1; min-width: 16rem; padding: .45rem .6rem; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg-alt); font-weight: 600; }
td.holder { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
td.holder.held { color: var(--ok); font-weight: 600; }
.desc { color: var(--muted); font-size: .85rem; }
tr.deprecated, tr.deprecated a { color: #8c959f; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 1rem; font-size: .8rem; border: 1px solid var(--line); background: var(--bg-alt); margin-right: .25rem; }
.badge.deprecated { border-color: #cf222e; color: #cf222e; }
dl.card { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dl.card dt { font-weight: 600; }
dl.card dd { margin: 0; }
dl.card dl.card { font-size: .9rem; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; }
ul.commits { margin: .25rem 0; padding-left: 1.25rem; }
.up { color: var(--ok); }
.down { color: #cf222e; }
`;

export const SITE_JS = `// Filter the models by name, label or stage; deprecated models only when asked.
(function () {
  var filter = document.getElementById('filter');
  var toggle = document.getElementById('show-deprecated');
  var empty = document.getElementById('empty');
  if (!filter || !toggle || !empty) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll('#matrix tbody tr'));
  function apply() {
    var terms = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var words = (row.getAttribute('data-search') || '').split(' ');
      var match = terms.every(function (term) {
        return words.some(function (word) { return word.indexOf(term) >= 0; });
      });
      var visible = match && (toggle.checked || !row.classList.contains('deprecated'));
      row.hidden = !visible;
      if (visible) shown++;
    });
    empty.hidden = shown > 0;
  }
  filter.addEventListener('input', apply);
  toggle.addEventListener('change', apply);
  apply();
})();
`;
