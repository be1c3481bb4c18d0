"""Asks Debian's dnstwist for its permutations, one fuzzer at a time, generation only.

dnstwist.run(format='list') goes through dnstwist's own argument parsing and Fuzzer, and returns before
any DNS, HTTP or WHOIS work starts (the 'list' branch of run() comes before the scanner threads), so
this sends no traffic. Input (stdin): {"domains": [...], "fuzzers": [...], "dictionary": FILE|null, "tld": FILE|null}.
Output (stdout): {domain: {fuzzer: [ascii names]}}.
"""
import io
import json
import sys

sys.path.insert(0, "/usr/lib/python3/dist-packages")
import dnstwist  # noqa: E402

request = json.load(sys.stdin)
out = {}
real_stdout = sys.stdout
for domain in request["domains"]:
    out[domain] = {}
    for fuzzer in request["fuzzers"]:
        kwargs = {"domain": domain, "fuzzers": fuzzer, "format": "list"}
        if fuzzer == "dictionary" and request.get("dictionary"):
            kwargs["dictionary"] = request["dictionary"]
        if fuzzer == "tld-swap" and request.get("tld"):
            kwargs["tld"] = request["tld"]
        sys.stdout = io.StringIO()
        try:
            rows = dnstwist.run(**kwargs) or []
        except Exception as error:  # dnstwist reports "no permutations" as a parser error
            rows = []
            if "do not generate" not in str(error):
                raise
        finally:
            sys.stdout = real_stdout
        out[domain][fuzzer] = sorted(row["domain"] for row in rows if row["fuzzer"] == fuzzer)
json.dump(out, real_stdout)
