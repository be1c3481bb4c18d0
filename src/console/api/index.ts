export { startConsole, type ConsoleOptions, type RunningConsole } from "./start.js";
export { buildConsoleApp, consoleRoutes, CSP_DIRECTIVES, type AppOptions } from "./app.js";
export { openApiDocument } from "./openapi.js";
export { TokenStore, TokenCache, hashToken, type TokenInfo } from "./tokens.js";
export { CONSOLE_DEFAULTS, type ConsoleLimits } from "./defaults.js";
export { ApiError } from "./http-errors.js";
export { graphView } from "./footprint.js";
export type { AnyRoute, RouteSpec, Produces } from "./routes.js";
export { AlertHub } from "./alerts.js";
