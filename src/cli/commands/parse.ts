import type { RegisterCommand } from "./index.js";

// Owner: fills in `whoislens parse`. Registers nothing until implemented.
export const registerParse: RegisterCommand = () => {};
