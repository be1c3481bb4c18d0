import type { RegisterCommand } from "./index.js";

// Owner: fills in `whoislens detect`. Registers nothing until implemented.
export const registerDetect: RegisterCommand = () => {};
