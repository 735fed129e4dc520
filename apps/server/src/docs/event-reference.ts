// GET /docs/events: the AsyncAPI document as one self-contained HTML page, rendered when the server is
// built. Search by name; each command shows its payload, ack, error codes and the room it joins, each event
// its payload, room, seq and who receives it, both with examples. No script or style is loaded from
// elsewhere, so the page works offline and behind any firewall.
import { marked } from 'marked';
import { COMMON_ERRORS, type JsonSchema } from '@bidwire/contract';
import type { AsyncApiDocument, AsyncApiMessage, AsyncApiOperation, CommandFacts, EventFacts } from './asyncapi.js';
import { ackKey } from './asyncapi.js';
import { ASYNCAPI_PATH, EVENT_REFERENCE_SCRIPT_PATH, OPENAPI_UI_PATH } from './guide.js';
import { escapeHtml, outline } from './schema-outline.js';

const md = (text: string) => marked.parse(text, { async: false });
const code = (s: string) => `<code>${escapeHtml(s)}</code>`;
const json = (value: unknown) => `<pre class="example">${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
const dl = (rows: Array<[string, string]>) =>
  `<dl class="facts">${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;

function examples(message: AsyncApiMessage): string {
  return message.examples
    .map((e) => `<details class="ex"${e.name === 'error' ? '' : ' open'}><summary>Example: ${escapeHtml(e.summary)}</summary>${json(e.payload)}</details>`)
    .join('');
}

/** The `data` schema of an ack (`{ ok: true, data }` branch), as the AsyncAPI document describes the ack. */
function ackData(ack: AsyncApiMessage): JsonSchema {
  const branches = (ack.payload.oneOf ?? ack.payload.anyOf) as JsonSchema[];
  const ok = branches.find((b) => (b.properties as Record<string, JsonSchema>).ok?.const === true);
  if (!ok) throw new Error(`The ack ${ack.name} has no { ok: true } branch.`);
  return (ok.properties as Record<string, JsonSchema>).data!;
}

function commandEntry(name: string, op: AsyncApiOperation, facts: CommandFacts, doc: AsyncApiDocument): string {
  const request = doc.components.messages[name]!;
  const ack = doc.components.messages[ackKey(name)]!;
  const rows: Array<[string, string]> = [
    ['Send', code(`socket.emit('${name}', payload, ack)`) + ' — SDK: ' + code(`client.${name}(payload)`)],
    ['Errors', facts.errors.map((c) => ((COMMON_ERRORS as readonly string[]).includes(c) ? `<span class="common">${code(c)}</span>` : code(c))).join(' ')],
  ];
  if (facts.joins) rows.push(['Joins room', code(facts.joins)]);
  if (facts.leaves) rows.push(['Leaves room', code(facts.leaves)]);
  if (facts.idempotent) rows.push(['Idempotent', 'yes: sending it twice changes nothing more than once']);
  if (facts.requestId) rows.push(['requestId', 'optional; a retry with the same one returns the first result']);
  return `<section class="entry command" id="${escapeHtml(name)}" data-name="${escapeHtml(name.toLowerCase())}">
<h3><a href="#${escapeHtml(name)}">${escapeHtml(name)}</a> <span class="badge send">command</span></h3>
${md(op.summary)}${dl(rows)}
<h4>Payload</h4>${outline(request.payload)}${examples(request)}
<h4>Ack</h4><p>Success: ${code('{ ok: true, data }')}, where ${code('data')} is:</p>${outline(ackData(ack))}
<p>Failure: ${code('{ ok: false, error: { code, message, details? } }')}, ${code('code')} one of the errors above; ${code('message')} is an English sentence, ${code('details')} (optional) says more, e.g. the field issues of ${code('VALIDATION_FAILED')}.</p>${examples(ack)}
</section>`;
}

function eventEntry(name: string, op: AsyncApiOperation, facts: EventFacts, doc: AsyncApiDocument): string {
  const message = doc.components.messages[name]!;
  const seq = { yes: 'yes: <code>seq</code> and <code>at</code>; missed ones come back with <code>resync</code>', no: 'no: live only, never replayed', 'in user and topic rooms': 'in user and topic rooms (durable there); none to roles or everyone' }[facts.seq];
  const rows: Array<[string, string]> = [
    ['Listen', code(`socket.on('${name}', handler)`) + ' — SDK: ' + code(`client.on('${name}', handler)`)],
    ['Who receives it', escapeHtml(facts.audience)],
    ['Room', facts.room ? code(facts.room) : '—'],
    ['seq', seq],
  ];
  return `<section class="entry event" id="${escapeHtml(name)}" data-name="${escapeHtml(name.toLowerCase())}">
<h3><a href="#${escapeHtml(name)}">${escapeHtml(name)}</a> <span class="badge receive">event</span></h3>
${md(op.summary)}${dl(rows)}
<h4>Payload</h4>${outline(message.payload)}${examples(message)}
</section>`;
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1d2330;background:#fafbfc}
header{position:sticky;top:0;z-index:2;background:#1d2330;color:#fff;padding:10px 20px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header h1{font-size:18px;margin:0}header a{color:#9cc7ff}header input{flex:1;min-width:220px;max-width:420px;padding:7px 10px;border-radius:6px;border:0;font-size:15px}
#count{font-size:13px;color:#c8d0dc}main{display:flex;gap:24px;padding:0 20px}nav{width:230px;flex:none;position:sticky;top:56px;align-self:flex-start;max-height:calc(100vh - 60px);overflow:auto;padding:12px 0;font-size:14px}
nav ul{list-style:none;margin:0 0 12px;padding:0}nav li a{display:block;padding:1px 6px;color:#1d2330;text-decoration:none;border-radius:4px}nav li a:hover{background:#e8edf3}
nav h2{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:#667;margin:12px 0 4px}#content{flex:1;min-width:0;padding-bottom:40vh}
.guide{background:#fff;border:1px solid #e1e6ec;border-radius:8px;padding:4px 18px;margin:16px 0}
.entry{background:#fff;border:1px solid #e1e6ec;border-radius:8px;padding:6px 18px 14px;margin:14px 0}.entry h3{margin:10px 0 4px;font-size:19px}.entry h3 a{color:inherit;text-decoration:none}
.entry h4{margin:14px 0 4px;font-size:14px;text-transform:uppercase;letter-spacing:.04em;color:#556}
.badge{font-size:12px;font-weight:600;padding:2px 8px;border-radius:10px;vertical-align:middle}.send{background:#e3f0ff;color:#0b5cad}.receive{background:#e5f6ea;color:#17693a}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:3px 14px;margin:8px 0}.facts dt{font-weight:600;color:#445}.facts dd{margin:0}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f1f3f6;padding:1px 4px;border-radius:4px}
ul.fields{list-style:none;margin:2px 0;padding-left:18px;border-left:2px solid #eef1f4}ul.fields li{margin:2px 0}.field{font-weight:600}
.type{color:#8a3ffc;font-family:ui-monospace,Menlo,monospace;font-size:13px}.req{color:#b42318;font-size:12px}.opt{color:#889;font-size:12px}.limits,.desc{color:#556;font-size:13px}
ol.one-of{padding-left:18px}.shape{font-size:13px;color:#667}pre.example{background:#0f1623;color:#d8e1ee;padding:10px 12px;border-radius:6px;overflow:auto;font-size:13px;margin:4px 0}
.common code{color:#778}details.ex summary{cursor:pointer;font-size:13px;color:#445;margin-top:6px}.hidden{display:none!important}
@media (max-width:800px){nav{display:none}}`;

export function renderEventReference(doc: AsyncApiDocument): string {
  const ops = Object.entries(doc.operations);
  const commands = ops.filter(([, op]) => op['x-bidwire'].kind === 'command');
  const events = ops.filter(([, op]) => op['x-bidwire'].kind === 'event');
  const index = (title: string, list: typeof ops) =>
    `<h2>${title}</h2><ul>${list.map(([name]) => `<li data-name="${escapeHtml(name.toLowerCase())}"><a href="#${escapeHtml(name)}">${escapeHtml(name)}</a></li>`).join('')}</ul>`;
  const body = [
    ...commands.map(([name, op]) => commandEntry(name, op, op['x-bidwire'] as CommandFacts, doc)),
    ...events.map(([name, op]) => eventEntry(name, op, op['x-bidwire'] as EventFacts, doc)),
  ].join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} — event reference (${escapeHtml(doc.info.version)})</title>
<link rel="icon" href="data:,"><style>${STYLE}</style></head>
<body>
<header><h1>${escapeHtml(doc.info.title)} <small>contract ${escapeHtml(doc.info.version)}</small></h1>
<input id="search" type="search" placeholder="Search a command or event by name (press /)" aria-label="Search a command or event by name" autocomplete="off">
<span id="count"></span><a href="${OPENAPI_UI_PATH}">REST API</a><a href="${ASYNCAPI_PATH}">asyncapi.json</a></header>
<main><nav>${index('Commands', commands)}${index('Events', events)}</nav>
<div id="content"><div class="guide" id="guide">${md(doc.info.description)}</div>
${body}
</div></main>
<script src="${EVENT_REFERENCE_SCRIPT_PATH}"></script>
</body></html>
`;
}
