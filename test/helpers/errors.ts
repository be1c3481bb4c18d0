import { expect } from "vitest";
import { WhoislensError } from "../../src/errors.js";

/** The WhoislensError code a promise rejects with, or "resolved" (any other rejection fails the test). */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WhoislensError);
    return (error as WhoislensError).code;
  }
  return "resolved";
}
