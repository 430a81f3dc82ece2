// HTML text from repository strings: every string goes through `esc`, so a description holding
// `<script>` or `"><img onerror=…>` is shown as text, in element content and in attributes alike.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const SPECIAL = /[&<>"']/;

export function esc(text: string): string {
  // Most strings (names, versions, dates) have nothing to escape: a test is far cheaper than a replace.
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string) : text;
}

/** A file name for any artifact or registry name: `[A-Za-z0-9_-]` kept, every other character `~XX` (its UTF-8 bytes in hex). */
export function slug(name: string): string {
  return [...Buffer.from(name, 'utf8')].map((b) => (/[A-Za-z0-9_-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `~${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** `…T10:00:00+02:00` → `2025-03-01 10:00 +02:00`: the instant as its author wrote it. */
export function shortDate(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?(Z|[+-]\d{2}:\d{2})?$/.exec(iso);
  return m ? `${m[1]} ${m[2]}${m[3] && m[3] !== 'Z' && m[3] !== '+00:00' ? ` ${m[3]}` : ' UTC'}` : iso;
}

/** A whole page: the stylesheet and script are files beside it (`root` is the way back to the site's top). */
export function page(title: string, root: string, body: string, footer: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${root}style.css">
</head>
<body>
${body}
<footer>${footer}</footer>
<script src="${root}site.js"></script>
</body>
</html>
`;
}
