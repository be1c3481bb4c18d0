export { toSigma, sigmaYaml, stableUuid, type SigmaDocument, type SigmaOptions } from "./sigma.js";
export { toSuricata, suricataRules, suricataString, suricataContent, SID_BASE, SID_LIMIT, type SuricataOptions } from "./suricata.js";
