import type { RegisterCommand } from "./index.js";

// Owner: fills in `whoislens demo`. Registers nothing until implemented.
export const registerDemo: RegisterCommand = () => {};
