// Usage: node tests/katex/check.mjs FILE.md ...
// Renders every $$ … $$ (display) and $ … $ (inline) math of each Markdown file with KaTeX in strict mode,
// throwing on any error. Prints one line per file; exits 1 if any math fails to parse.
import { readFileSync } from "node:fs";
import katex from "katex";

let failures = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  const display = [...text.matchAll(/\$\$([\s\S]+?)\$\$/g)].map((m) => m[1]);
  const rest = text.replace(/\$\$[\s\S]+?\$\$/g, "");
  const inline = [...rest.matchAll(/\$([^$\n]+?)\$/g)].map((m) => m[1]);
  let count = 0;
  for (const [tex, displayMode] of [...display.map((t) => [t, true]), ...inline.map((t) => [t, false])]) {
    try {
      katex.renderToString(tex, { displayMode, throwOnError: true, strict: "error" });
      count += 1;
    } catch (error) {
      failures += 1;
      console.log(`${file}: KaTeX cannot parse ${displayMode ? "display" : "inline"} math: ${error.message}\n${tex.trim()}`);
    }
  }
  console.log(`${file}: ${count} math block(s) parse (${display.length} display, ${inline.length} inline)`);
}
process.exit(failures === 0 ? 0 : 1);
