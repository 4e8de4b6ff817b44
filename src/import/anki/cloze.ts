/**
 * Cloze deletions inside HTML fields (Anki's syntax, as found in packages and CSV files):
 * {{c1::answer}}, {{c1::answer::hint}}, nested deletions and {{c1,2::shared}}. The text is
 * already HTML and is not escaped again; it is sanitised on the main thread like all card HTML.
 */

export type ClozeNode = { type: 'text'; text: string } | { type: 'cloze'; ords: number[]; children: ClozeNode[]; hint?: string };

const OPEN = /\{\{c(\d+(?:\s*,\s*\d+)*)::/y;

export function parseCloze(text: string): ClozeNode[] {
  const root: ClozeNode[] = [];
  const stack: Array<{ ords: number[]; children: ClozeNode[]; raw: string }> = [];
  const target = (): ClozeNode[] => stack[stack.length - 1]?.children ?? root;
  const pushText = (t: string) => {
    if (t === '') return;
    const list = target();
    const last = list[list.length - 1];
    if (last?.type === 'text') last.text += t;
    else list.push({ type: 'text', text: t });
  };
  let i = 0;
  let textStart = 0;
  while (i < text.length) {
    if (text.startsWith('{{c', i)) {
      OPEN.lastIndex = i;
      const m = OPEN.exec(text);
      if (m) {
        pushText(text.slice(textStart, i));
        const ords = (m[1] ?? '').split(',').map((s) => Number(s.trim()));
        stack.push({ ords, children: [], raw: m[0] });
        i += m[0].length;
        textStart = i;
        continue;
      }
    }
    if (stack.length > 0 && text.startsWith('}}', i)) {
      pushText(text.slice(textStart, i));
      const open = stack.pop();
      if (open) {
        const node: ClozeNode = { type: 'cloze', ords: open.ords, children: open.children };
        const last = open.children[open.children.length - 1];
        if (last?.type === 'text') {
          const sep = last.text.indexOf('::');
          if (sep >= 0) {
            node.hint = last.text.slice(sep + 2);
            last.text = last.text.slice(0, sep);
          }
        }
        target().push(node);
      }
      i += 2;
      textStart = i;
      continue;
    }
    i++;
  }
  pushText(text.slice(textStart));
  // Unclosed deletions stay as the text they were.
  while (stack.length > 0) {
    const open = stack.pop();
    if (!open) break;
    const list = target();
    list.push({ type: 'text', text: open.raw });
    list.push(...open.children);
  }
  return root;
}

/** Cloze numbers used in a text, ascending. */
export function clozeNumbers(nodes: readonly ClozeNode[], into = new Set<number>()): number[] {
  for (const node of nodes) {
    if (node.type === 'cloze') {
      for (const ord of node.ords) if (Number.isInteger(ord) && ord > 0) into.add(ord);
      clozeNumbers(node.children, into);
    }
  }
  return [...into].sort((a, b) => a - b);
}

function plain(nodes: readonly ClozeNode[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.text : plain(n.children))).join('');
}

/**
 * The field as shown on card `ord` (a cloze number): on the question side deletions numbered
 * `ord` read "[...]" (or "[hint]"), on the answer side they are revealed; other deletions show
 * their text. Returns "" when the text has no deletion numbered `ord` (Anki does the same).
 */
export function renderClozeHtml(text: string, ord: number, side: 'question' | 'answer'): string {
  const nodes = parseCloze(text);
  if (!clozeNumbers(nodes).includes(ord)) return '';
  const walk = (list: readonly ClozeNode[]): string =>
    list
      .map((node) => {
        if (node.type === 'text') return node.text;
        if (!node.ords.includes(ord)) return walk(node.children);
        if (side === 'question') return `<span class="cloze">[${node.hint?.trim() ? node.hint : '...'}]</span>`;
        return `<span class="cloze">${walk(node.children)}</span>`;
      })
      .join('');
  return walk(nodes);
}

/** The answers of deletion `ord`, for {{cloze-only:…}} and {{type:cloze:…}}. */
export function clozeAnswers(text: string, ord: number): string[] {
  const out: string[] = [];
  const walk = (list: readonly ClozeNode[]) => {
    for (const node of list) {
      if (node.type !== 'cloze') continue;
      if (node.ords.includes(ord)) out.push(plain(node.children));
      else walk(node.children);
    }
  };
  walk(parseCloze(text));
  return out;
}
