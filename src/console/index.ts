/** The console (issue #16): the HTTP API (api/) and the web page it serves (web/, built to dist/console-web). */
export * from "./api/index.js";
