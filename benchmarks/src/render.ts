// Re-renders a results JSON into Markdown and HTML (e.g. after a report change), beside the JSON file:
// tsx src/render.ts results/latest.json
import { readFileSync, writeFileSync } from 'node:fs';
import { renderHtml } from './report-html.js';
import { renderMarkdown } from './report-markdown.js';
import { checkTargets, type RunResults } from './results.js';

for (const file of process.argv.slice(2)) {
  const results = JSON.parse(readFileSync(file, 'utf8')) as RunResults;
  results.targets = checkTargets(results);
  const markdown = renderMarkdown(results);
  const base = file.replace(/\.json$/, '');
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${base}.md`, markdown);
  writeFileSync(`${base}.html`, renderHtml(results, markdown));
  console.log(`rendered ${base}.{md,html}`);
}
