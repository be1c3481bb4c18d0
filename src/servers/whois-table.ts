/**
 * Data: port-43 WHOIS servers by TLD (and by the few second-level suffixes that
 * run their own server). Sources: the IANA root zone database ("WHOIS Server" of
 * each delegation record), the hosts seen answering in shared/corpus, and each
 * registry's own documentation; GNU whois' tld_serv_list was used only to check.
 * A TLD missing here is resolved at whois.iana.org (its `whois:` line), so a row
 * is only needed to save that hop; a doubtful host is left out rather than
 * guessed. Since ICANN's WHOIS sunset (28 Jan 2025) gTLD registries may stop
 * answering on port 43; lookups ask RDAP first and these rows are the fallback.
 */

/** Legacy and sponsored gTLDs, plus the infrastructure TLDs IANA itself serves. */
export const LEGACY_GTLD_WHOIS: Readonly<Record<string, string>> = Object.freeze({
  com: "whois.verisign-grs.com", net: "whois.verisign-grs.com", org: "whois.publicinterestregistry.org", info: "whois.nic.info",
  biz: "whois.nic.biz", name: "whois.nic.name", mobi: "whois.nic.mobi", pro: "whois.nic.pro", aero: "whois.aero", asia: "whois.nic.asia",
  cat: "whois.nic.cat", coop: "whois.nic.coop", jobs: "whois.nic.jobs", museum: "whois.nic.museum", tel: "whois.nic.tel",
  travel: "whois.nic.travel", xxx: "whois.nic.xxx", post: "whois.dotpostregistry.net", edu: "whois.educause.edu", gov: "whois.dotgov.gov",
  int: "whois.iana.org", arpa: "whois.iana.org",
});

/** Country-code TLDs (ISO 3166 two-letter codes plus ac, eu, su, uk). Without a row: no known port-43 service, ask IANA. */
export const CCTLD_WHOIS: Readonly<Record<string, string>> = Object.freeze({
  ac: "whois.nic.ac", ad: "whois.nic.ad", ae: "whois.aeda.net.ae", af: "whois.nic.af", ag: "whois.nic.ag", ai: "whois.nic.ai",
  am: "whois.amnic.net", ao: "whois.nic.ao", ar: "whois.nic.ar", as: "whois.nic.as", at: "whois.nic.at", au: "whois.auda.org.au",
  aw: "whois.nic.aw", ax: "whois.ax", az: "whois.az", ba: "whois.nic.ba", bb: "whois.telecoms.gov.bb", be: "whois.dns.be",
  bf: "whois.registre.bf", bg: "whois.register.bg", bh: "whois.nic.bh", bi: "whois1.nic.bi", bj: "whois.nic.bj",
  bm: "whois.afilias-srs.net", bn: "whois.bnnic.bn", bo: "whois.nic.bo", br: "whois.registro.br", bt: "whois.netnames.net",
  bw: "whois.nic.net.bw", by: "whois.cctld.by", bz: "whois.afilias-grs.info", ca: "whois.cira.ca", cc: "ccwhois.verisign-grs.com",
  cd: "whois.nic.cd", cf: "whois.dot.cf", ch: "whois.nic.ch", ci: "whois.nic.ci", cl: "whois.nic.cl", cm: "whois.netcom.cm",
  cn: "whois.cnnic.cn", co: "whois.registry.co", cr: "whois.nic.cr", cx: "whois.nic.cx", cz: "whois.nic.cz", de: "whois.denic.de",
  dk: "whois.punktum.dk", dm: "whois.dmdomains.dm", do: "whois.nic.do", dz: "whois.nic.dz", ec: "whois.nic.ec", ee: "whois.tld.ee",
  es: "whois.nic.es", eu: "whois.eu", fi: "whois.fi", fj: "www.whois.fj", fm: "whois.nic.fm", fo: "whois.nic.fo", fr: "whois.nic.fr",
  ga: "whois.dot.ga", gd: "whois.nic.gd", ge: "whois.nic.ge", gf: "whois.mediaserv.net", gg: "whois.gg", gh: "whois.nic.gh",
  gi: "whois2.afilias-grs.net", gl: "whois.nic.gl", gn: "whois.ande.gov.gn", gp: "whois.nic.gp", gq: "whois.dominio.gq",
  gs: "whois.nic.gs", gt: "whois.gt", gy: "whois.registry.gy", hk: "whois.hkirc.hk", hm: "whois.registry.hm", hn: "whois.nic.hn",
  hr: "whois.dns.hr", ht: "whois.nic.ht", hu: "whois.nic.hu", id: "whois.id", ie: "whois.weare.ie", il: "whois.isoc.org.il",
  im: "whois.nic.im", in: "whois.nixiregistry.in", io: "whois.nic.io", iq: "whois.cmc.iq", ir: "whois.nic.ir", is: "whois.isnic.is",
  it: "whois.nic.it", je: "whois.je", jp: "whois.jprs.jp", ke: "whois.kenic.or.ke", kg: "whois.kg", ki: "whois.nic.ki", kn: "whois.nic.kn",
  kr: "whois.kr", kw: "whois.nic.kw", ky: "whois.kyregistry.ky", kz: "whois.nic.kz", la: "whois.nic.la", lb: "whois.lbdr.org.lb",
  lc: "whois.afilias-grs.info", li: "whois.nic.li", lk: "whois.nic.lk", ls: "whois.nic.ls", lt: "whois.domreg.lt", lu: "whois.dns.lu",
  lv: "whois.nic.lv", ly: "whois.nic.ly", ma: "whois.registre.ma", md: "whois.nic.md", me: "whois.nic.me", mg: "whois.nic.mg",
  mk: "whois.marnet.mk", ml: "whois.dot.ml", mn: "whois.nic.mn", mo: "whois.monic.mo", mp: "whois.nic.mp", mq: "whois.mediaserv.net",
  mr: "whois.nic.mr", ms: "whois.nic.ms", mu: "whois.nic.mu", mw: "whois.nic.mw", mx: "whois.mx", my: "whois.mynic.my", mz: "whois.nic.mz",
  na: "whois.na-nic.com.na", nc: "whois.nc", nf: "whois.nic.nf", ng: "whois.nic.net.ng", nl: "whois.domain-registry.nl",
  no: "whois.norid.no", nu: "whois.iis.nu", nz: "whois.irs.net.nz", om: "whois.registry.om", pe: "kero.yachay.pe", pf: "whois.registry.pf",
  pk: "whois.pknic.net.pk", pl: "whois.dns.pl", pm: "whois.nic.pm", pr: "whois.afilias-srs.net", ps: "whois.pnina.ps", pt: "whois.dns.pt",
  pw: "whois.nic.pw", qa: "whois.registry.qa", re: "whois.nic.re", ro: "whois.rotld.ro", rs: "whois.rnids.rs", ru: "whois.tcinet.ru",
  rw: "whois.ricta.org.rw", sa: "whois.nic.net.sa", sb: "whois.nic.net.sb", sc: "whois2.afilias-grs.net", se: "whois.iis.se",
  sg: "whois.sgnic.sg", sh: "whois.nic.sh", si: "whois.register.si", sk: "whois.sk-nic.sk", sl: "whois.nic.sl", sm: "whois.nic.sm",
  sn: "whois.nic.sn", so: "whois.nic.so", ss: "whois.nic.ss", st: "whois.nic.st", su: "whois.tcinet.ru", sx: "whois.sx",
  sy: "whois.tld.sy", tc: "whois.nic.tc", td: "whois.nic.td", tf: "whois.nic.tf", tg: "whois.nic.tg", th: "whois.thnic.co.th",
  tj: "whois.nic.tj", tk: "whois.dot.tk", tl: "whois.nic.tl", tm: "whois.nic.tm", tn: "whois.ati.tn", to: "whois.tonic.to",
  tr: "whois.trabis.gov.tr", tv: "whois.nic.tv", tw: "whois.twnic.net.tw", tz: "whois.tznic.or.tz", ua: "whois.ua", ug: "whois.co.ug",
  uk: "whois.nic.uk", us: "whois.nic.us", uy: "whois.nic.org.uy", uz: "whois.cctld.uz", vc: "whois.afilias-grs.info", ve: "whois.nic.ve",
  vg: "whois.nic.vg", vn: "whois.vnnic.vn", vu: "whois.dnrs.vu", wf: "whois.nic.wf", ws: "whois.website.ws", yt: "whois.nic.yt",
  // .za itself has no registry WHOIS; this is co.za's server (by far the largest second level), see SUFFIX_WHOIS for the others.
  za: "whois.registry.net.za", zm: "whois.zicta.zm",
});

/** Internationalized ccTLDs (A-labels), served by the ASCII ccTLD's registry. */
export const IDN_CCTLD_WHOIS: Readonly<Record<string, string>> = Object.freeze({
  "xn--p1ai": "whois.tcinet.ru", // .рф
  "xn--fiqs8s": "cwhois.cnnic.cn", // .中国
  "xn--fiqz9s": "cwhois.cnnic.cn", // .中國
  "xn--j6w193g": "whois.hkirc.hk", // .香港
  "xn--kprw13d": "whois.twnic.net.tw", // .台湾
  "xn--kpry57d": "whois.twnic.net.tw", // .台灣
  "xn--3e0b707e": "whois.kr", // .한국
  "xn--90ais": "whois.cctld.by", // .бел
  "xn--90a3ac": "whois.rnids.rs", // .срб
  "xn--d1alf": "whois.marnet.mk", // .мкд
  "xn--mgba3a4f16a": "whois.nic.ir", // .ایران
  "xn--mgbaam7a8h": "whois.aeda.net.ae", // .امارات
  "xn--mgberp4a5d4ar": "whois.nic.net.sa", // .السعودية
  "xn--o3cw4h": "whois.thnic.co.th", // .ไทย
  "xn--wgbl6a": "whois.registry.qa", // .قطر
  "xn--mgb9awbf": "whois.registry.om", // .عمان
  "xn--ygbi2ammx": "whois.pnina.ps", // .فلسطين
  "xn--y9a3aq": "whois.amnic.net", // .հայ
  "xn--80ao21a": "whois.nic.kz", // .қаз
  "xn--lgbbat1ad8j": "whois.nic.dz", // .الجزائر
  "xn--yfro4i67o": "whois.sgnic.sg", // .新加坡
  "xn--clchc0ea0b2g2a9gcd": "whois.sgnic.sg", // .சிங்கப்பூர்
  "xn--fzc2c9e2c": "whois.nic.lk", // .ලංකා
  "xn--xkc2al3hye2a": "whois.nic.lk", // .இலங்கை
  "xn--e1a4c": "whois.eu", // .ею
  "xn--mgbx4cd0ab": "whois.mynic.my", // .مليسيا
  "xn--ogbpf8fl": "whois.tld.sy", // .سورية
  "xn--mgbtx2b": "whois.cmc.iq", // .عراق
});

/** New gTLDs whose registries answered on port 43 in the corpus or document a host; all of them also have RDAP in the bootstrap. */
export const NEW_GTLD_WHOIS: Readonly<Record<string, string>> = Object.freeze({
  berlin: "whois.nic.berlin", college: "whois.nic.college", cymru: "whois.nic.cymru", design: "whois.nic.design", lat: "whois.nic.lat",
  london: "whois.nic.london", love: "whois.nic.love", scot: "whois.nic.scot", space: "whois.nic.space", tech: "whois.nic.tech",
  top: "whois.nic.top", wales: "whois.nic.wales", xyz: "whois.nic.xyz",
  app: "whois.nic.google", dev: "whois.nic.google", page: "whois.nic.google", // Google Registry serves its TLDs from one host
  online: "whois.nic.online", site: "whois.nic.site", store: "whois.nic.store", website: "whois.nic.website", fun: "whois.nic.fun", // Radix
  shop: "whois.nic.shop", club: "whois.nic.club",
});

/**
 * Second-level suffixes with their own WHOIS server, matched before the TLD
 * (longest suffix wins): academic UK (Jisc), the .za second levels (ZACR),
 * CentralNic's private SLDs, and a few community registries seen in the corpus.
 */
export const SUFFIX_WHOIS: Readonly<Record<string, string>> = Object.freeze({
  "ac.uk": "whois.ja.net", "gov.uk": "whois.ja.net",
  "co.za": "whois.registry.net.za", "org.za": "org-whois.registry.net.za", "net.za": "net-whois.registry.net.za",
  "web.za": "web-whois.registry.net.za", "gov.za": "whois.gov.za",
  "priv.at": "whois.nic.priv.at", "eu.org": "whois.eu.org", "za.net": "whois.za.net", "za.org": "whois.za.org", "co.ca": "whois.co.ca", "co.pl": "whois.co.pl",
  "br.com": "whois.centralnic.com", "cn.com": "whois.centralnic.com", "de.com": "whois.centralnic.com", "eu.com": "whois.centralnic.com",
  "gb.net": "whois.centralnic.com", "jpn.com": "whois.centralnic.com", "ru.com": "whois.centralnic.com", "sa.com": "whois.centralnic.com",
  "se.net": "whois.centralnic.com", "uk.com": "whois.centralnic.com", "uk.net": "whois.centralnic.com", "us.com": "whois.centralnic.com",
  "za.com": "whois.centralnic.com",
});
