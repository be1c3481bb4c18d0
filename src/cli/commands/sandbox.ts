import type { RegisterCommand } from "./index.js";

// Owner: fills in `whoislens sandbox`. Registers nothing until implemented.
export const registerSandbox: RegisterCommand = () => {};
