"""What a reader meets at 320 px, measured in the page by the survey of tests/browser/test_browser_pages.py: tables that
hide no answer and whose text is no smaller than 14 px, and long words in headings broken only where a hyphen shows.

Each is a function run in the page (page.evaluate) that returns the problems it sees, as sentences.
"""

from __future__ import annotations

MIN_TABLE_TEXT = 14  # CSS px: table text is body size on a phone (16 px), never under this

# Every table in the article: its visible text is at least MIN_TABLE_TEXT px, and if it scrolls sideways in a box,
# then scrolled to its end every row's first cell (its row header) is still inside the box.
TABLES = f"""() => {{
  const problems = [];
  const shown = e => {{ const r = e.getBoundingClientRect(); return r.width > 1 && r.height > 1; }};
  document.querySelectorAll("article table").forEach((table, n) => {{
    const head = (table.querySelector("th") || table).textContent.replace(/\\u00ad/g, "").trim().slice(0, 40);
    const name = `table ${{n + 1}} ("${{head}}")`;
    const small = new Set();
    table.querySelectorAll("*").forEach(e => {{
      const text = [...e.childNodes].some(c => c.nodeType === 3 && c.textContent.trim());
      const size = parseFloat(getComputedStyle(e).fontSize);
      if (text && shown(e) && size < {MIN_TABLE_TEXT}) small.add(`${{e.tagName.toLowerCase()}} ${{size}} px`);
    }});
    small.forEach(s => problems.push(`${{name}}: text of ${{s}}`));
    let box = null;
    for (let e = table; e && e !== document.body; e = e.parentElement) {{
      const overflow = getComputedStyle(e).overflowX;
      if ((overflow === "auto" || overflow === "scroll") && e.scrollWidth > e.clientWidth + 1) {{ box = e; break; }}
    }}
    if (!box) return;
    box.scrollLeft = box.scrollWidth;
    const edges = box.getBoundingClientRect();
    const gone = [...table.rows].filter(row => {{
      const cell = row.cells[0];
      if (!cell) return false;
      const r = cell.getBoundingClientRect();
      return r.left < edges.left - 1 || r.right > edges.right + 1;
    }});
    box.scrollLeft = 0;
    if (gone.length) problems.push(`${{name}}: scrolls sideways, and ${{gone.length}} of its rows lose their header`);
  }});
  return problems;
}}"""

# Every word of a heading that the line breaks inside: the break must follow a soft hyphen or a hyphen, which shows
# as a hyphen at the line's end; any other break splits the word where Swedish does not ("Samverkanshand|boken").
BROKEN_WORDS = """() => {
  const problems = [];
  document.querySelectorAll("article h1, article h2, article h3, article h4").forEach(heading => {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent;
      for (const word of text.matchAll(/\\S+/g)) {
        let top = null;
        for (let i = word.index; i < word.index + word[0].length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          // The character's own box: a range at a line's start also has an empty box at the line before's end.
          const rect = [...range.getClientRects()].filter(r => r.width > 0).pop();
          if (!rect) continue;
          if (top !== null && rect.top > top + 1 && !["\\u00ad", "-"].includes(text[i - 1])) {
            const whole = word[0].replace(/\\u00ad/g, "");
            const rest = text.slice(i).replace(/\\u00ad/g, "").slice(0, 12);
            problems.push(`${heading.tagName.toLowerCase()} "${whole}" breaks before "${rest}"`);
            break;
          }
          top = rect.top;
        }
      }
    }
  });
  return problems;
}"""
