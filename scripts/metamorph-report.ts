// Issue #13 (w23): which layout transformation moves which field, over the corpus and the fixtures.
// npx vite-node scripts/metamorph-report.ts [--cases]   (--cases lists every break, not only the counts)
import { breaksOf, corpusThere, metamorphSubjects, parseSubject, type Break } from "../test/parse/whois/metamorph-subjects.js";
import { METAMORPHS } from "../test/parse/whois/metamorphs.js";

if (!corpusThere) console.warn("../shared/corpus is absent: the fixtures alone are transformed");
const subjects = metamorphSubjects();
const breaks: Break[] = [];
for (const subject of subjects) {
  const baseline = subject.fingerprint(parseSubject(subject, subject.text));
  for (const metamorph of METAMORPHS) breaks.push(...breaksOf(subject, [metamorph], baseline));
}
console.log(`${subjects.length} answers x ${METAMORPHS.length} transformations: ${breaks.length} moved values`);
for (const metamorph of METAMORPHS) {
  const mine = breaks.filter((b) => b.metamorph === metamorph.name);
  const byField = new Map<string, Set<string>>();
  for (const b of mine) byField.set(b.field, (byField.get(b.field) ?? new Set()).add(b.subject));
  const fields = [...byField].map(([field, ids]) => `${field} ${ids.size}`).join(", ");
  console.log(`${metamorph.name.padEnd(20)} ${String(new Set(mine.map((b) => b.subject)).size).padStart(4)} answers  ${fields}`);
}
if (process.argv.includes("--cases")) {
  for (const b of breaks) console.log(`- ${b.metamorph} ${b.subject} ${b.field}: ${JSON.stringify(b.before)} -> ${JSON.stringify(b.after)}`);
}
