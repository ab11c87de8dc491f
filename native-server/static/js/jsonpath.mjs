// Finds where a JSON path ("$.earning[2].points") sits in a JSON text, so the editor can
// select the value an error names. A small scanner over the text (JSON.parse keeps no
// positions); returns {start, end} of the deepest part of the path that exists, or null.
export function parsePath(path) {
  const parts = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  let m;
  const body = path.replace(/^\$/, '');
  while ((m = re.exec(body))) parts.push(m[1] !== undefined ? m[1] : m[2] !== undefined ? Number(m[2]) : JSON.parse(`"${m[3]}"`));
  return parts;
}

export function locate(text, path) {
  const parts = parsePath(path);
  let i = 0;
  const ws = () => { while (i < text.length && /\s/.test(text[i])) i++; };
  const skipString = () => { i++; while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1; i++; };
  const readString = () => { const s = i; skipString(); try { return JSON.parse(text.slice(s, i)); } catch { return null; } };
  function skipValue() {
    ws();
    const c = text[i];
    if (c === '"') return skipString();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      while (i < text.length && text[i] !== close) {
        if (c === '{') { ws(); skipString(); ws(); i++; }
        skipValue(); ws();
        if (text[i] === ',') { i++; ws(); }
        else break;
      }
      i++;
      return;
    }
    while (i < text.length && !/[,}\]\s]/.test(text[i])) i++;
  }
  // Walks down; `found` is the span of the deepest value reached.
  ws();
  let found = { start: i, end: text.length };
  for (const part of parts) {
    ws();
    const c = text[i];
    let hit = false;
    if (c === '{' && typeof part === 'string') {
      i++;
      for (ws(); i < text.length && text[i] !== '}'; ws()) {
        const keyStart = i;
        const key = readString();
        ws(); i++;  // ':'
        ws();
        if (key === part) { hit = true; found = { start: keyStart, end: i }; break; }
        skipValue(); ws();
        if (text[i] === ',') i++;
        else break;
      }
    } else if (c === '[' && typeof part === 'number') {
      i++;
      for (let n = 0; ws(), i < text.length && text[i] !== ']'; n++) {
        if (n === part) { hit = true; break; }
        skipValue(); ws();
        if (text[i] === ',') i++;
        else break;
      }
    }
    if (!hit) return found;
    ws();
    const s = i;
    skipValue();
    found = { start: found.start < s && typeof part === 'string' ? found.start : s, end: i };
    i = s;
  }
  return found;
}
