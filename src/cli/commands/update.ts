import type { RegisterCommand } from "./index.js";

// Owner: fills in `whoislens update`. Registers nothing until implemented.
export const registerUpdate: RegisterCommand = () => {};
