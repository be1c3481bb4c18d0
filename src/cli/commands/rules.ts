import type { RegisterCommand } from "./index.js";

// Owner: fills in `whoislens rules`. Registers nothing until implemented.
export const registerRules: RegisterCommand = () => {};
