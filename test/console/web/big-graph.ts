/**
 * A synthetic footprint graph of a large organisation for the page's size test, in the contract's
 * names: one seed, organisations and emails around it, domains under those, and each domain's
 * address and name server, every edge with its evidence. Deterministic (no randomness).
 */
export function bigGraph(target = 1200): { nodes: unknown[]; edges: unknown[] } {
  const nodes: { id: string; type: string; label: string; confidence: number; seed?: boolean }[] = [];
  const edges: { id: string; source: string; target: string; kind: string; confidence: number; evidence: unknown[] }[] = [];
  const add = (type: string, label: string, confidence: number): string => {
    const id = `${type}:${label}`;
    nodes.push({ id, type, label, confidence });
    return id;
  };
  const link = (source: string, to: string, kind: string, confidence: number, field: string, value: string): void => {
    edges.push({ id: `e${edges.length}`, source, target: to, kind, confidence, evidence: [{ server: "rdap.example.net", protocol: "rdap", field, value, text: `${field}: ${value}` }] });
  };
  const seed = add("domain", "bigcorp.example", 1);
  nodes[0]!.seed = true;
  for (let g = 0; nodes.length < target; g++) {
    const org = add(g % 2 === 0 ? "organization" : "email", g % 2 === 0 ? `BigCorp Division ${g}` : `hostmaster${g}@bigcorp.example`, 0.9);
    link(seed, org, g % 2 === 0 ? "registrant-org" : "registrant-email", 0.9, g % 2 === 0 ? "registrant.organization" : "registrant.email", String(g));
    for (let d = 0; d < 12 && nodes.length < target; d++) {
      const domain = add("domain", `d${g}-${d}.bigcorp-example.com`, 0.5 + ((g + d) % 5) / 10);
      link(org, domain, "same-registrant", 0.85, "registrant.organization", `BigCorp Division ${g}`);
      const ip = add("ip", `198.18.${g % 256}.${d}`, 0.6);
      link(domain, ip, "resolves-to", 0.8, "dns.A", `198.18.${g % 256}.${d}`);
      if (d % 3 === 0) {
        const ns = add("nameserver", `ns${d}.d${g}.bigcorp-example.com`, 0.7);
        link(domain, ns, "uses-nameserver", 0.9, "nameservers", `ns${d}.d${g}.bigcorp-example.com`);
      }
    }
  }
  return { nodes, edges };
}
