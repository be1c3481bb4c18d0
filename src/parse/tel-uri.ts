/**
 * A number written as a tel: URI (RFC 3966) is the number: AFRINIC prints "phone: tel:+216-30-013-001" over port 43
 * (its answers as pasted in public notes and its database dump, https://ftp.afrinic.net/dbase/), RDAP's jCard "tel"
 * (RFC 7095 §3.3.1.3 uri value) and JSContact's phone "number" give the same URI. One reading for all three.
 */
export function withoutTelScheme(value: string): string {
  return value.length >= 4 && value.charCodeAt(3) === 0x3a && /^tel:/i.test(value) ? value.slice(4).trimStart() : value;
}
