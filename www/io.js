// Files in and out: reading picked or dropped files, downloading and
// copying exports. Formats themselves live in the WASM module.

/** Reads `File`s as text: `[{name, content}]`. */
export async function readFiles(files) {
  return Promise.all([...files].map(async (f) => ({ name: f.name, content: await f.text() })));
}

/** Saves each `{name, mime, content}` as a download. */
export function download(files) {
  for (const f of files) {
    const url = URL.createObjectURL(new Blob([f.content], { type: `${f.mime};charset=utf-8` }));
    const a = document.createElement('a');
    a.href = url;
    a.download = f.name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }
}

/** Copies the files to the clipboard, with a header per file when several. */
export async function copy(files) {
  const text = files.length === 1 ? files[0].content : files.map((f) => `==> ${f.name} <==\n${f.content}`).join('\n');
  await navigator.clipboard.writeText(text);
}

/** Calls `onFiles(files)` for files dropped anywhere on the page. */
export function onDrop(overlay, onFiles) {
  let depth = 0;
  const hasFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  window.addEventListener('dragenter', (e) => { if (hasFiles(e)) { depth++; overlay.hidden = false; } });
  window.addEventListener('dragleave', () => { if (--depth <= 0) { depth = 0; overlay.hidden = true; } });
  window.addEventListener('dragover', (e) => { if (hasFiles(e)) e.preventDefault(); });
  window.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    if (e.dataTransfer.files.length) onFiles(e.dataTransfer.files);
  });
}
