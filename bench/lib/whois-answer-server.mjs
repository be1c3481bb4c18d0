// A minimal port-43 server for benchmarks: answers every query with one fixed,
// realistic registry record. Runs in its own process so that the client's CPU
// figures exclude it; prints its port, then reports its own CPU time on "stats".
import net from "node:net";

const answer = Buffer.from(
  [
    "   Domain Name: EXAMPLE-BENCH.COM",
    "   Registry Domain ID: 2336799_DOMAIN_COM-VRSN",
    "   Registrar WHOIS Server: whois.registrar-one.test",
    "   Registrar URL: http://www.registrar-one.test",
    "   Updated Date: 2024-08-14T07:01:34Z",
    "   Creation Date: 1995-08-14T04:00:00Z",
    "   Registry Expiry Date: 2025-08-13T04:00:00Z",
    "   Registrar: Registrar One, LLC",
    "   Registrar IANA ID: 9999",
    "   Registrar Abuse Contact Email: abuse@registrar-one.test",
    "   Registrar Abuse Contact Phone: +1.5555550100",
    "   Domain Status: clientDeleteProhibited https://icann.org/epp#clientDeleteProhibited",
    "   Domain Status: clientTransferProhibited https://icann.org/epp#clientTransferProhibited",
    "   Domain Status: clientUpdateProhibited https://icann.org/epp#clientUpdateProhibited",
    "   Name Server: A.IANA-SERVERS.NET",
    "   Name Server: B.IANA-SERVERS.NET",
    "   DNSSEC: signedDelegation",
    "   DNSSEC DS Data: 370 13 2 BE74359954660069D5C63D200C39F5603827D7DD02B56F120EE9F3A86764247C",
    "   URL of the ICANN Whois Inaccuracy Complaint Form: https://www.icann.org/wicf/",
    ">>> Last update of whois database: 2024-11-24T10:00:00Z <<<",
    "",
    "For more information on Whois status codes, please visit https://icann.org/epp",
    "",
    "NOTICE: The expiration date displayed in this record is the date the",
    "registrar's sponsorship of the domain name registration in the registry is",
    "currently set to expire. This date does not necessarily reflect the expiration",
    "date of the domain name registrant's agreement with the sponsoring",
    "registrar.  Users may consult the sponsoring registrar's Whois database to",
    "view the registrar's reported date of expiration for this registration.",
    "",
    "TERMS OF USE: You are not authorized to access or query our Whois",
    "database through the use of electronic processes that are high-volume and",
    "automated except as reasonably necessary to register domain names or",
    "modify existing registrations.",
    "",
  ].join("\r\n"),
);

let queries = 0;
const server = net.createServer((socket) => {
  socket.once("data", () => {
    queries += 1;
    socket.end(answer);
  });
  socket.on("error", () => {});
});
server.listen(0, "127.0.0.1", () => {
  process.send?.({ port: server.address().port });
});
process.on("message", (message) => {
  if (message === "stats") process.send?.({ queries, cpu: process.cpuUsage() });
  if (message === "stop") server.close(() => process.exit(0));
});
