// The HTTP/1.1 keep-alive client of bench/lib/serve-load.mjs, on raw sockets, one request at a time per
// socket (no pipelining): node's http client costs several times the CPU of the servers it drives, and on
// 2 cores its own queueing at half the peak rate is what a p99 would measure. Responses are read by their
// Content-Length (both servers of bench:serve send one).
//
// A server may close a keep-alive socket it finds idle (node's http server after keepAliveTimeout, nginx
// after keepalive_timeout, …), and its FIN can cross our next request on the wire. So, as HTTP clients do
// (RFC 9112 §9.3.1: a client may retry an idempotent request when the connection closed before any of
// the response arrived):
// - a socket the server ended is never handed a request again (it leaves the idle list at 'end');
// - a request whose reused socket closed before a byte of the answer came back is sent again on a new
//   socket, once; a fresh socket failing that way is the server's error and counts as one;
// - requests waiting for a socket get a new one when a socket dies, so none waits for ever.
import net from "node:net";

/**
 * @param {{ host?: string, port: number, request: Buffer, maxSockets: number, retries?: number }} options
 */
export function keepAliveClient({ host = "127.0.0.1", port, request, maxSockets, retries = 1 }) {
  const idle = [];
  const waiting = [];
  const stats = { opened: 0, retried: 0, serverClosedIdle: 0 };
  let open = 0;
  let closing = false;

  function dispatch(job) {
    const socket = idle.pop();
    if (socket) socket.assign(job);
    else if (open < maxSockets) newSocket().assign(job);
    else waiting.push(job);
  }

  function newSocket() {
    open += 1;
    stats.opened += 1;
    const socket = net.connect({ host, port });
    socket.setNoDelay(true);
    let buffer = Buffer.alloc(0);
    let current;
    let answered = 0; // responses completed on this socket: a reused socket may have been closed as idle
    let gotBytes = false;
    let usable = true;
    const unusable = () => {
      usable = false;
      const at = idle.indexOf(socket);
      if (at >= 0) {
        idle.splice(at, 1);
        stats.serverClosedIdle += 1;
      }
    };
    socket.on("end", unusable); // the server's FIN: no new request on this socket
    socket.on("error", unusable); // 'close' follows and settles the request
    socket.on("close", () => {
      unusable();
      open -= 1;
      const job = current;
      current = undefined;
      if (job) {
        if (!gotBytes && answered > 0 && job.tries < retries && !closing) {
          job.tries += 1;
          stats.retried += 1;
          newSocket().assign(job); // a new connection: another idle one may be closing too
        } else job.reject(new Error(gotBytes ? "connection closed mid-answer" : "connection closed before an answer"));
      }
      // a request waiting for a socket must not wait on one that is gone
      if (!closing && waiting.length > 0 && open < maxSockets) newSocket().assign(waiting.shift());
    });
    socket.on("data", (chunk) => {
      gotBytes = true;
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      const headEnd = buffer.indexOf("\r\n\r\n");
      if (headEnd < 0) return;
      const head = buffer.subarray(0, headEnd).toString("latin1");
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? Number.NaN);
      if (!Number.isFinite(length)) {
        current?.reject(new Error("no content-length"));
        current = undefined;
        socket.destroy();
        return;
      }
      if (buffer.length < headEnd + 4 + length) return;
      buffer = buffer.subarray(headEnd + 4 + length);
      const done = current;
      current = undefined;
      gotBytes = false;
      answered += 1;
      if (/\r\nconnection: *close/i.test(head)) {
        usable = false;
        socket.end();
      } else release(socket);
      if (head.startsWith("HTTP/1.1 200")) done?.resolve();
      else done?.reject(new Error(head.slice(0, 12)));
    });
    socket.assign = (job) => {
      if (!usable || socket.destroyed) {
        // never write to a socket the server has ended: ask another (this one's 'close' accounts for it)
        dispatch(job);
        return;
      }
      current = job;
      socket.write(request);
    };
    function release(s) {
      if (!usable) return;
      const next = waiting.shift();
      if (next) s.assign(next);
      else idle.push(s);
    }
    return socket;
  }

  return {
    stats,
    /** One request; resolves on a 200 answer. */
    once() {
      return new Promise((resolve, reject) => dispatch({ resolve, reject, tries: 0 }));
    },
    close() {
      closing = true;
      for (const socket of idle.splice(0)) socket.destroy();
    },
  };
}
