/**
 * LocalCloud's own page at its root (development only: the server listens on loopback): the
 * collections and their documents, the meter and the recent invocations with their database
 * operations, the open-API outbox, and the storage files — what Firebase's emulator UI shows.
 * One static page; it reads the `/_localcloud/...` JSON routes, so it needs no build.
 */
import type { LocalCloud } from './index';

export function consolePage(envId: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>LocalCloud · ${escapeHtml(envId)}</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#f6f7f9}
header{background:#0b7a45;color:#fff;padding:10px 16px;display:flex;gap:16px;align-items:baseline}
header b{font-size:18px} nav{display:flex;gap:8px;padding:8px 16px;background:#fff;border-bottom:1px solid #ddd}
nav button{border:0;background:none;padding:6px 10px;cursor:pointer;border-radius:4px}
nav button.on{background:#e6f4ec;color:#0b7a45;font-weight:600}
main{display:flex;gap:16px;padding:16px} aside{min-width:220px} section{flex:1;min-width:0}
ul{list-style:none;margin:0;padding:0} li{padding:4px 8px;border-radius:4px;cursor:pointer;display:flex;justify-content:space-between}
li.on,li:hover{background:#e6f4ec} pre{background:#fff;border:1px solid #e3e3e3;border-radius:4px;padding:8px;margin:0 0 8px;white-space:pre-wrap;word-break:break-all}
table{border-collapse:collapse;width:100%;background:#fff} th{white-space:nowrap} td,th{border-bottom:1px solid #eee;padding:4px 8px;text-align:left}
.muted{color:#888} .bad{color:#d93025}
</style></head>
<body>
<header><b>LocalCloud</b><span>env ${escapeHtml(envId)}</span><span id="total" class="total"></span></header>
<nav><button data-tab="collections" class="on">数据库</button><button data-tab="invocations">调用与计量</button><button data-tab="outbox">开放接口发件箱</button><button data-tab="storage">云存储</button></nav>
<main id="main"></main>
<script>
const $ = (html) => { const t = document.createElement('template'); t.innerHTML = html.trim(); return t.content.firstChild; };
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const get = async (path) => (await fetch(path)).json();
const main = document.getElementById('main');
let tab = 'collections';
let chosen = null;
let offset = 0;
const PAGE = 20;

async function total() {
  const meter = await get('/_localcloud/meter?limit=1');
  const t = meter.total;
  document.getElementById('total').textContent = '数据库操作 ' + (t.reads + t.writes + t.other) + '（读 ' + t.reads + '，写 ' + t.writes + '）';
}

async function collections() {
  const list = await get('/_localcloud/collections');
  main.replaceChildren($('<aside><ul class="collections"></ul></aside>'), $('<section class="documents"></section>'));
  const ul = main.querySelector('.collections');
  for (const c of list) {
    const li = $('<li data-name="' + esc(c.name) + '"><span>' + esc(c.name) + '</span><span class="muted">' + c.count + '</span></li>');
    if (c.name === chosen) li.classList.add('on');
    li.onclick = () => { chosen = c.name; offset = 0; collections(); };
    ul.append(li);
  }
  if (chosen) await documents();
}

async function documents() {
  const page = await get('/_localcloud/collections/' + encodeURIComponent(chosen) + '?offset=' + offset + '&limit=' + PAGE);
  const section = main.querySelector('.documents');
  section.replaceChildren($('<h3>' + esc(chosen) + ' <span class="muted">' + (page.total ? offset + 1 : 0) + '–' + Math.min(offset + PAGE, page.total) + ' / ' + page.total + '</span></h3>'));
  for (const doc of page.documents) section.append($('<pre class="document">' + esc(JSON.stringify(doc, null, 2)) + '</pre>'));
  const more = $('<p><button class="prev">上一页</button> <button class="next">下一页</button></p>');
  more.querySelector('.prev').disabled = offset === 0;
  more.querySelector('.next').disabled = offset + PAGE >= page.total;
  more.querySelector('.prev').onclick = () => { offset = Math.max(0, offset - PAGE); documents(); };
  more.querySelector('.next').onclick = () => { offset += PAGE; documents(); };
  section.append(more);
}

async function invocations() {
  const meter = await get('/_localcloud/meter?limit=50');
  const rows = [...meter.invocations].reverse().map((i) => // newest first
    '<tr class="invocation"><td>' + new Date(i.startedAt).toLocaleTimeString() + '</td><td>' + esc(i.functionName) + '</td><td>' +
    esc(i.openid ?? '') + '</td><td>' + (i.durationMs ?? '') + ' ms</td><td class="' + (i.ok === false ? 'bad' : '') + '">' +
    (i.ok === false ? esc(i.errorCode ?? '失败') : '成功') + '</td><td class="ops">' + (i.ops.reads + i.ops.writes + i.ops.other) +
    '（读 ' + i.ops.reads + '，写 ' + i.ops.writes + '）</td><td class="muted">' +
    esc(Object.entries(i.ops.byCollection).map(([c, n]) => c + ' ' + n.reads + '/' + n.writes).join(', ')) + '</td></tr>');
  main.replaceChildren($('<section><table><tr><th>时间</th><th>函数</th><th>OPENID</th><th>耗时</th><th>结果</th><th>数据库操作</th><th>各集合 读/写</th></tr>' + rows.join('') + '</table></section>'));
}

async function outbox() {
  const sent = await get('/_localcloud/outbox');
  main.replaceChildren($('<section class="outbox"></section>'));
  const section = main.querySelector('.outbox');
  if (!sent.length) section.append($('<p class="muted">没有调用开放接口</p>'));
  for (const item of sent) section.append($('<pre>' + esc(JSON.stringify(item, null, 2)) + '</pre>'));
}

async function storage() {
  const files = await get('/_localcloud/storage-files');
  const rows = files.map((f) => '<tr><td><a href="/_localcloud/storage/' + encodeURI(f.path) + '">' + esc(f.path) + '</a></td><td>' + f.bytes + ' B</td></tr>');
  main.replaceChildren($('<section><table class="files"><tr><th>路径</th><th>大小</th></tr>' + (rows.join('') || '<tr><td class="muted">没有文件</td></tr>') + '</table></section>'));
}

const views = { collections, invocations, outbox, storage };
for (const button of document.querySelectorAll('nav button'))
  button.onclick = () => {
    tab = button.dataset.tab;
    document.querySelectorAll('nav button').forEach((b) => b.classList.toggle('on', b === button));
    views[tab]().then(total);
  };
collections().then(total).then(() => document.body.setAttribute('data-ready', ''));
</script></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** The page's own reads: collections with their counts, a page of documents, the storage files. */
export function inspect(
  cloud: LocalCloud,
  parts: string[],
  query: URLSearchParams,
): { status: number; body: unknown } | null {
  const store = cloud.db.store;
  if (parts[1] === 'collections' && parts.length === 2)
    return {
      status: 200,
      body: store
        .listCollections()
        .sort()
        .map((name) => ({ name, count: store.count(name) })),
    };
  if (parts[1] === 'collections' && parts.length === 3) {
    const name = decodeURIComponent(parts[2]);
    if (!store.hasCollection(name)) return { status: 404, body: { message: `no collection named ${name}` } };
    const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0);
    const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 20) || 20));
    const documents: unknown[] = [];
    let index = 0;
    for (const row of store.scan(name)) {
      if (index >= offset && documents.length < limit) documents.push(row.doc);
      index++;
    }
    return { status: 200, body: { total: index, offset, documents } };
  }
  if (parts[1] === 'storage-files') return { status: 200, body: cloud.storage.list() };
  return null;
}
