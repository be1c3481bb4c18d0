/**
 * A real dovecot IMAP server for the tests: a throwaway config in a temp folder (plaintext login on
 * 127.0.0.1 only, passwd-file user, Maildir), run in the foreground as the current user. Mail is
 * delivered the way an MDA does it: a file written to Maildir/tmp and renamed into Maildir/new.
 * Run as root (CI containers), dovecot refuses root for its login and mail processes: then logins run
 * as `nobody`, mail as nobody's uid, and the mail folder belongs to it.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

export function dovecotBinary(): string | undefined {
  for (const bin of ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"]) {
    try {
      execFileSync(bin, ["--version"], { stdio: "ignore" });
      return bin;
    } catch {
      // next
    }
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(port, "127.0.0.1");
      c.setTimeout(1000, () => { c.destroy(); resolve(false); });
      c.once("data", () => { c.destroy(); resolve(true); });
      c.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`dovecot did not answer on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Dovecot { port: number; user: string; password: string; deliver(raw: string): void; stop(): Promise<void>; log(): string }

export async function startDovecot(bin: string): Promise<Dovecot> {
  const root = mkdtempSync(join(tmpdir(), "wl-dovecot-"));
  const user = "canary", password = "s3cret-test-only";
  for (const d of ["run", "state", `home/${user}/Maildir/new`, `home/${user}/Maildir/cur`, `home/${user}/Maildir/tmp`]) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, "passwd"), `${user}:{PLAIN}${password}\n`);
  const me = userInfo();
  const root0 = me.uid === 0;
  const group = execFileSync("id", ["-gn"]).toString().trim();
  // as root: unprivileged ids for dovecot's login/mail processes, and folders they can reach
  const mailUid = root0 ? 65534 : me.uid, mailGid = root0 ? 65534 : me.gid;
  const loginUser = root0 ? "nobody" : me.username, loginGroup = root0 ? "nogroup" : group;
  if (root0) {
    chmodSync(tmpdir(), 0o711);
    chmodSync(root, 0o711);
    for (const d of ["home", `home/${user}`, `home/${user}/Maildir`, `home/${user}/Maildir/new`, `home/${user}/Maildir/cur`, `home/${user}/Maildir/tmp`]) chownSync(join(root, d), mailUid, mailGid);
  }
  const port = await freePort();
  writeFileSync(join(root, "dovecot.conf"), [
    `base_dir = ${root}/run`, `state_dir = ${root}/state`, `log_path = ${root}/dovecot.log`,
    "protocols = imap", "listen = 127.0.0.1", "ssl = no", "disable_plaintext_auth = no", "auth_mechanisms = plain login",
    `default_login_user = ${loginUser}`, `default_internal_user = ${loginUser}`, `default_internal_group = ${loginGroup}`,
    "passdb {", "  driver = passwd-file", `  args = scheme=PLAIN username_format=%u ${root}/passwd`, "}",
    "userdb {", "  driver = static", `  args = uid=${mailUid} gid=${mailGid} home=${root}/home/%u`, "}",
    "mail_location = maildir:~/Maildir",
    "service imap-login {", "  chroot =", "  inet_listener imap {", "    address = 127.0.0.1", `    port = ${port}`, "  }", "  inet_listener imaps {", "    port = 0", "  }", "}",
    "service anvil {", "  chroot =", "}", "service stats {", "  chroot =", "}",
    "",
  ].join("\n"));
  const child: ChildProcess = spawn(bin, ["-F", "-c", join(root, "dovecot.conf")], { stdio: "ignore" });
  try {
    await waitForPort(port, 15_000);
  } catch (error) {
    child.kill("SIGTERM");
    let log = "";
    try {
      log = readFileSync(join(root, "dovecot.log"), "utf8").slice(-2000);
    } catch {
      // no log written
    }
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  let n = 0;
  return {
    port, user, password,
    deliver(raw: string) {
      const name = `${Date.now()}.M${++n}P${process.pid}.whoislens-test`;
      writeFileSync(join(root, `home/${user}/Maildir/tmp`, name), raw.replace(/\r?\n/g, "\r\n"));
      if (root0) chownSync(join(root, `home/${user}/Maildir/tmp`, name), mailUid, mailGid);
      renameSync(join(root, `home/${user}/Maildir/tmp`, name), join(root, `home/${user}/Maildir/new`, name));
    },
    log: () => {
      try {
        return readFileSync(join(root, "dovecot.log"), "utf8");
      } catch {
        return "";
      }
    },
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    }),
  };
}
