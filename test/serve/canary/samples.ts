/**
 * Mail-log samples written from each vendor's documentation of its log lines (docs/canary.md cites
 * them), with the canary addresses given by the test.
 * - Postfix: MAILLOG_README / OVERVIEW (smtpd client=, cleanup message-id=, qmgr from=, local to= …
 *   status=sent, qmgr removed; NOQUEUE reject lines with from= to= proto= helo=), long queue ids.
 * - Exim: the specification's "Log files" chapter (<= with H= [ip] P= S= id=, => with R= T=, ** with
 *   the error, Completed; reject lines with F=<> rejected RCPT <>), classic and 4.97 message ids.
 * - Exchange: "Message tracking in Exchange Server" (#Software/#Version/#Log-type/#Date/#Fields header,
 *   the field list of Exchange 2019, recipient-address `;`-separated, quoted cells with commas).
 */
export function postfixLog(to: { first: string; mangled: string }): string {
  return [
    "Dec  6 09:14:02 mx1 postfix/smtpd[2211]: connect from unknown[203.0.113.200]",
    "Dec  6 09:14:02 mx1 postfix/smtpd[2211]: 4XbQ3N1Hm7z9vXk: client=unknown[203.0.113.200]",
    "Dec  6 09:14:03 mx1 postfix/cleanup[2214]: 4XbQ3N1Hm7z9vXk: message-id=<20261206091402.1@bulk-mailer.example>",
    "Dec  6 09:14:03 mx1 postfix/qmgr[1012]: 4XbQ3N1Hm7z9vXk: from=<offers@bulk-mailer.example>, size=2210, nrcpt=1 (queue active)",
    `Dec  6 09:14:03 mx1 postfix/local[2215]: 4XbQ3N1Hm7z9vXk: to=<${to.first}>, relay=local, delay=0.4, delays=0.1/0.1/0/0.2, dsn=2.0.0, status=sent (delivered to mailbox)`,
    "Dec  6 09:14:03 mx1 postfix/qmgr[1012]: 4XbQ3N1Hm7z9vXk: removed",
    // an ordinary mail for a real mailbox: no canary
    "Dec  6 09:14:30 mx1 postfix/smtpd[2211]: 3F2A91C0B4: client=mail.partner.example[192.0.2.44]",
    "Dec  6 09:14:30 mx1 postfix/qmgr[1012]: 3F2A91C0B4: from=<invoices@partner.example>, size=9000, nrcpt=1 (queue active)",
    "Dec  6 09:14:31 mx1 postfix/virtual[2216]: 3F2A91C0B4: to=<maria.keller@decoy.example>, relay=virtual, delay=0.2, delays=0.1/0/0/0.1, dsn=2.0.0, status=sent (delivered to maildir)",
    // the spam tool's mangled copy, rejected at RCPT
    `Dec  6 09:15:10 mx1 postfix/smtpd[2230]: NOQUEUE: reject: RCPT from unknown[198.51.100.9]: 550 5.1.1 <${to.mangled}>: Recipient address rejected: User unknown in virtual mailbox table; from=<promo@cheap-leads.example> to=<${to.mangled}> proto=ESMTP helo=<bulk>`,
    "Dec  6 09:16:00 mx1 postfix/anvil[1100]: statistics: max connection rate 3/60s for (smtp:203.0.113.200) at Dec  6 09:14:02",
  ].join("\n") + "\n";
}

export function eximLog(to: string, bounce: string): string {
  return [
    "2026-12-06 09:20:11 1vRbXk-0003Ab-7Q <= offers@bulk-mailer.example H=mail.bulk-mailer.example (bulk) [192.0.2.200] P=esmtp S=1873 id=abc123@bulk-mailer.example",
    `2026-12-06 09:20:11 1vRbXk-0003Ab-7Q => ${to} R=localuser T=local_delivery`,
    "2026-12-06 09:20:11 1vRbXk-0003Ab-7Q Completed",
    "2026-12-06 09:20:40 +0100 [4411] 1tEAbC-00000000Abc-0XyZ <= news@partner.example H=mx.partner.example [192.0.2.45] P=esmtps X=TLS1.3:TLS_AES_256_GCM_SHA384:256 S=5120",
    "2026-12-06 09:20:40 +0100 [4411] 1tEAbC-00000000Abc-0XyZ => laura.smith@decoy.example R=localuser T=local_delivery",
    "2026-12-06 09:21:00 1vRbYz-0003Ac-8R <= <> R=1vRbXk-0003Ab-7Q U=Debian-exim P=local S=2444",
    `2026-12-06 09:21:00 1vRbYz-0003Ac-8R ** ${bounce} R=localuser T=local_delivery: Unrouteable address`,
    "2026-12-06 09:22:00 H=(spam) [198.51.100.9] F=<a@leads.example> rejected RCPT <someone@elsewhere.example>: relay not permitted",
  ].join("\n") + "\n";
}

export function exchangeLog(to: string): string {
  const fields = "date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,event-id,internal-message-id,message-id,network-message-id,recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,reference,message-subject,sender-address,return-path,message-info,directionality,tenant-id,original-client-ip,original-server-ip,custom-data,transport-traffic-type,log-id,schema-version";
  const row = (at: string, event: string, rcpts: string, sender: string, subject: string, client: string) =>
    `${at},${client},mail.sender.example,10.0.0.5,EX01,08DC1A2B3C4D5E6F;250 2.0.0 OK,EX01\\Default Frontend EX01,SMTP,${event},12884901890,<${event.toLowerCase()}.1@sender.example>,5e6f7a8b-1c2d-4e3f-9a0b-1c2d3e4f5a6b,${rcpts},,4321,${rcpts.split(";").length},,,"${subject}",${sender},${sender},,Incoming,,${client},10.0.0.5,,Email,5e6f7a8b-0000-4e3f-9a0b-1c2d3e4f5a6b,15.02.1118.007`;
  return [
    "#Software: Microsoft Exchange Server",
    "#Version: 15.02.1118.007",
    "#Log-type: Message Tracking Log",
    "#Date: 2026-12-06T09:00:00.000Z",
    `#Fields: ${fields}`,
    row("2026-12-06T09:30:00.123Z", "RECEIVE", `${to};helpdesk@decoy.example`, "offers@spam-house.example", "Your domain, renewed, today", "192.0.2.201"),
    row("2026-12-06T09:30:01.456Z", "DELIVER", to, "offers@spam-house.example", "Your domain, renewed, today", "192.0.2.201"),
    row("2026-12-06T09:31:00.000Z", "RECEIVE", "helpdesk@decoy.example", "boss@decoy.example", "lunch", "10.0.0.9"),
  ].join("\r\n") + "\r\n";
}

/**
 * The second style of each format: Postfix through rsyslog's RFC 3339 stamps with multi-instance
 * names (postfix-out/smtp, postfix/submission/smtpd) and a bounce; Exim with `log_selector =
 * +received_recipients` and a message frozen before delivery (only the `<=` line names the
 * recipients); Exchange 2013's shorter field list in another order of optional columns.
 */
export function postfixLogIso(to: string): string {
  return [
    "2026-12-06T09:50:00.120455+01:00 relay2 postfix/submission/smtpd[8812]: 1A2B3C4D5E: client=unknown[203.0.113.201], sasl_method=PLAIN, sasl_username=leadgen",
    "2026-12-06T09:50:00.220455+01:00 relay2 postfix-out/qmgr[801]: 1A2B3C4D5E: from=<campaign@leadgen.example>, size=4410, nrcpt=1 (queue active)",
    `2026-12-06T09:50:01.001000+01:00 relay2 postfix-out/smtp[8820]: 1A2B3C4D5E: to=<${to}>, relay=mx.decoy.example[192.0.2.25]:25, delay=0.9, delays=0.1/0/0.3/0.5, dsn=5.1.1, status=bounced (host mx.decoy.example[192.0.2.25] said: 550 5.1.1 No such user (in reply to RCPT TO command))`,
    "2026-12-06T09:50:01.002000+01:00 relay2 postfix-out/qmgr[801]: 1A2B3C4D5E: removed",
  ].join("\n") + "\n";
}

export function eximLogRecipients(to: string): string {
  return [
    `2026-12-06 10:05:00 1vRc00-0004Zz-1A <= spam@cheap-leads.example H=(leads) [198.51.100.9] P=esmtp S=999 for ${to} helpdesk@decoy.example`,
    "2026-12-06 10:05:00 1vRc00-0004Zz-1A Message is frozen",
  ].join("\n") + "\n";
}

export function exchange2013Log(to: string): string {
  return [
    "#Software: Microsoft Exchange Server",
    "#Version: 15.0.0.0",
    "#Log-type: Message Tracking Log",
    "#Date: 2026-12-06T10:10:00.000Z",
    "#Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,event-id,internal-message-id,message-id,recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,reference,message-subject,sender-address,return-path,message-info,directionality,tenant-id,original-client-ip,original-server-ip,custom-data",
    `2026-12-06T10:10:05.789Z,198.51.100.33,,10.1.1.1,EX2013,"08D1,1;250 2.0.0 OK",Default EX2013,SMTP,RECEIVE,998877,<q1@promo.example>,${to},,2048,1,,,"Re: your ""domain"" record",promo@promo.example,promo@promo.example,,Incoming,,,,`,
  ].join("\r\n") + "\r\n";
}
