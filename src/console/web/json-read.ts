/** Reading the API's JSON without trusting its shape: an object, a list, or an empty one. Pure (no DOM). */
export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value when it is a plain object, else an empty one. */
export function obj(value: unknown): Obj {
  return isObj(value) ? value : {};
}

/** The value when it is an array, else an empty one. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
