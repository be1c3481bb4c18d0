import type { RegisterCommand } from "./index.js";

// Owner: fills in `whoislens bulk`. Registers nothing until implemented.
export const registerBulk: RegisterCommand = () => {};
