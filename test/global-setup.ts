import { execFileSync } from "node:child_process";

// Tests that spawn ./bin/whoislens need dist/ to match the sources under test.
export default function setup(): void {
  execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
}
