import type { RegisterCommand } from "./index.js";

// Owner: fills in `whoislens lookup`. Registers nothing until implemented.
export const registerLookup: RegisterCommand = () => {};
