import { joinName, withLabel, type DomainParts, type Emit, type FuzzContext } from "./types.js";

/** A dictionary word joined to the label, before or after, with and without a hyphen; in a hyphenated label, also in place of its first or last part. */
export function dictionary(ctx: FuzzContext, emit: Emit): void {
  const parts = ctx.label.split("-");
  for (const word of ctx.dictionary) {
    if (word === "" || word === ctx.label) continue;
    emit(withLabel(ctx, `${ctx.label}-${word}`));
    emit(withLabel(ctx, ctx.label + word));
    emit(withLabel(ctx, `${word}-${ctx.label}`));
    emit(withLabel(ctx, word + ctx.label));
    if (parts.length > 1) {
      emit(withLabel(ctx, [...parts.slice(0, -1), word].join("-")));
      emit(withLabel(ctx, [word, ...parts.slice(1)].join("-")));
    }
  }
}

/** The same label under another public suffix from the list. */
export function tldSwap(ctx: FuzzContext, emit: Emit): void {
  for (const tld of ctx.tlds) if (tld !== ctx.suffix) emit(joinName(ctx.sub, ctx.label, tld));
}

/**
 * Other ways the parts of a name get run together; each row says when it applies and what it makes.
 * The same rows as dnstwist's "various" fuzzer, written as data.
 */
const VARIOUS: readonly { when: (p: DomainParts) => boolean; make: (p: DomainParts) => string; example: string }[] = [
  { when: (p) => p.suffix.includes("."), make: (p) => joinName(p.sub, p.label, p.suffix.split(".").at(-1) ?? ""), example: "example.co.uk → example.uk" },
  { when: (p) => p.suffix.includes("."), make: (p) => joinName(p.sub, p.label + p.suffix), example: "example.co.uk → exampleco.uk" },
  { when: (p) => !p.suffix.includes("."), make: (p) => joinName(p.sub, p.label + p.suffix, p.suffix), example: "example.com → examplecom.com" },
  { when: (p) => !p.suffix.includes(".") && p.suffix !== "com", make: (p) => joinName(p.sub, `${p.label}-${p.suffix}`, "com"), example: "example.de → example-de.com" },
  { when: (p) => p.sub !== "", make: (p) => joinName(p.sub + p.label, p.suffix), example: "www.example.com → www.example.com run together: wwwexample.com (sub keeps its inner dots)" },
  { when: (p) => p.sub !== "", make: (p) => joinName(p.sub.replaceAll(".", "") + p.label, p.suffix), example: "a.b.example.com → abexample.com" },
  { when: (p) => p.sub !== "", make: (p) => joinName(`${p.sub}-${p.label}`, p.suffix), example: "www.example.com → www-example.com" },
  { when: (p) => p.sub !== "", make: (p) => joinName(`${p.sub.replaceAll(".", "-")}-${p.label}`, p.suffix), example: "a.b.example.com → a-b-example.com" },
];

export function various(ctx: FuzzContext, emit: Emit): void {
  for (const row of VARIOUS) if (row.when(ctx)) emit(row.make(ctx));
}
