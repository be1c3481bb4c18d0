/**
 * Second world, the same forwarded events as render-winxml.ts but as the binary log a Windows Event Collector
 * keeps (ForwardedEvents.evtx, copied off the collector while it runs): the file header still marked dirty, the
 * EventData of every record a nested Binary XML substitution, the DNS Client events with the querying user's SID
 * (Microsoft Learn, "Windows Event Log: EventType complex type"; libyal libevtx, "Windows XML Event Log (EVTX)
 * format"). Written through the evaluation set's EVTX writer (src/detect/eval/render-evtx.ts) from objects laid
 * out here, not from the first world's JSON.
 */
import { writeEvtx } from "../../../src/detect/eval/render-evtx.js";
import { forwardedEvents, type ForwardedEvent } from "./render-winxml.js";

const at = (o: Record<string, string>) => ({ "#attributes": o });
const data = (items: [string, string][]) => ({ Data: items.map(([name, text]) => ({ "@Name": name, "#text": text })) });
let record = 5_120_000;

function event(e: ForwardedEvent): Record<string, unknown> {
  const wfp = e.kind === "wfp";
  const system = {
    Provider: at(wfp ? { Name: "Microsoft-Windows-Security-Auditing", Guid: "{54849625-5478-4994-A5BA-3E3B0328C30D}" } : { Name: "Microsoft-Windows-DNS-Client", Guid: "{1C95126E-7EEA-49A9-A3FE-A378B03DDB4D}" }),
    EventID: wfp ? 5156 : 3008,
    Version: wfp ? 1 : 0,
    Level: wfp ? 0 : 4,
    Task: wfp ? 12810 : 0,
    Opcode: 0,
    Keywords: wfp ? "0x8020000000000000" : "0x8000000000000000",
    TimeCreated: at({ SystemTime: new Date(e.ms).toISOString() }),
    EventRecordID: ++record,
    Execution: at({ ProcessID: String(wfp ? 4 : e.pid), ThreadID: String(e.pid + 40) }),
    Channel: wfp ? "ForwardedEvents" : "Microsoft-Windows-DNS-Client/Operational",
    Computer: e.computer,
    Security: wfp ? at({}) : at({ UserID: "S-1-5-21-3623811015-3361044348-30300820-1013" }),
  };
  const eventData = wfp
    ? data([["ProcessID", String(e.pid)], ["Application", e.app], ["Direction", "%%14593"], ["SourceAddress", e.src], ["SourcePort", String(e.sport)],
      ["DestAddress", e.dst], ["DestPort", String(e.dport)], ["Protocol", "6"], ["FilterRTID", "70235"], ["LayerName", "%%14611"], ["LayerRTID", "48"]])
    : data([["QueryName", e.app], ["QueryType", "1"], ["QueryOptions", "140737488355328"], ["QueryStatus", "0"], ["QueryResults", `::ffff:${e.dst};`]]);
  return { Event: { System: system, EventData: eventData } };
}

export function forwardedEventsEvtx(): Buffer {
  return writeEvtx(forwardedEvents().map(event), { dirty: true, nested: true });
}
