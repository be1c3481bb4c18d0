import type { RegisterCommand } from "./index.js";

// Owner: fills in `whoislens db`. Registers nothing until implemented.
export const registerDb: RegisterCommand = () => {};
