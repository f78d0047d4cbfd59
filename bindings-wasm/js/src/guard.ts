// What may cross into the WebAssembly core, checked on this side first (issue 14).
//
// wasm-bindgen trusts its callers: a number where a `&str` is expected, or an object where bytes
// are, makes the module read out of its memory and trap ("memory access out of bounds"); a value
// nested 100,000 levels deep overflows the engine's stack in `JSON.stringify` ("Maximum call
// stack size exceeded"); a cyclic one cannot be written at all. Every entry point of the package
// checks its arguments here and throws the package's own errors, naming the argument or the
// field. The limits and messages are the core's (`onfido_core::bounds`), so a value refused by the
// Python or Kotlin package is refused here with the same words.

import { OnfidoConfigError, OnfidoValidationError } from "./errors.js";

/** How deeply a value may nest: the core's `bounds::MAX_DEPTH`. */
export const MAX_DEPTH = 64;
/** How many values (counted once per path) a value may hold: the core's `bounds::MAX_VALUES`. */
export const MAX_VALUES = 1_000_000;
/** The longest string argument (an id, a token, a URL, a pattern, a header value): 1 MiB of text. */
export const MAX_STRING = 1 << 20;
/** The longest JSON text an input may be (an upload's file is in it, base64): 64 MiB. */
export const MAX_JSON = 64 << 20;
/**
 * The largest response body handed to the core: 1 GiB. Reading a body copies it (a download
 * twice) into a WebAssembly memory that cannot pass 4 GiB nor shrink; the API's largest files are
 * far smaller.
 */
export const MAX_BODY = 1 << 30;

/** What a value is, for messages (never the value itself: it may be a secret). */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "undefined":
      return "undefined";
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "bigint":
      return "a BigInt";
    case "boolean":
      return "a boolean";
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
    default:
      return "an object";
  }
}

/** A client-side validation error on one field, worded as the core words them. */
export function invalid(field: string, message: string): OnfidoValidationError {
  return new OnfidoValidationError(`invalid input: ${field}: ${message}`, { [field]: [message] });
}

/** A string argument of at most `MAX_STRING` characters, else an `OnfidoValidationError` on `field`. */
export function text(value: unknown, field: string): string {
  if (typeof value !== "string") throw invalid(field, `must be a string, not ${kindOf(value)}`);
  if (value.length > MAX_STRING) throw invalid(field, `is longer than ${MAX_STRING} characters`);
  return value;
}

/** An optional string argument (`undefined` stays absent). */
export function optionalText(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : text(value, field);
}

/** A settings value that must be a string when given, else an `OnfidoConfigError` on `field`. */
export function configText(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    throw new OnfidoConfigError(`invalid configuration: ${field}: must be a string, not ${kindOf(value)}`, field);
  }
  if (value.length > MAX_STRING) {
    throw new OnfidoConfigError(`invalid configuration: ${field}: is longer than ${MAX_STRING} characters`, field);
  }
  return value;
}

/** A plain object argument (or `undefined`, read as `{}`), else an `OnfidoValidationError` on `field`. */
export function record(value: unknown, field: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw invalid(field, `must be an object, not ${kindOf(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Bytes (`Uint8Array`, `Buffer`) for the core, else an `OnfidoValidationError` on `field`. */
export function bytes(value: unknown, field: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw invalid(field, `must be a Uint8Array, not ${kindOf(value)}`);
}

/** `[[name, value], ...]` with string names and values, else an `OnfidoValidationError` on `field`. */
export function headerPairs(value: unknown, field: string): Array<[string, string]> {
  if (!Array.isArray(value)) throw invalid(field, `must be an array of [name, value] pairs, not ${kindOf(value)}`);
  if (value.length > MAX_VALUES) throw invalid(field, `holds more than ${MAX_VALUES} values`);
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < value.length; i++) {
    const pair: unknown = value[i];
    if (!Array.isArray(pair) || pair.length !== 2) throw invalid(`${field}[${i}]`, `must be a [name, value] pair, not ${kindOf(pair)}`);
    pairs.push([text(pair[0], `${field}[${i}][0]`), text(pair[1], `${field}[${i}][1]`)]);
  }
  return pairs;
}

/** The name of a child at `key` of the value at `path` inside the argument `field` (the core's `bounds::field_path`). */
function childPath(field: string, path: string, key: string | number): string {
  const inner = typeof key === "number" ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`;
  if (inner === "") return field;
  if (field === "input" && !inner.startsWith("[")) return inner;
  return inner.startsWith("[") ? `${field}${inner}` : `${field}.${inner}`;
}

/** What `JSON.stringify` writes for a value before looking inside it: `toJSON`, boxed primitives. */
function prepared(value: unknown, key: string): unknown {
  if (value !== null && typeof value === "object") {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return (toJSON as (key: string) => unknown).call(value, key);
    if (value instanceof Number || value instanceof String || value instanceof Boolean) return value.valueOf();
  }
  return value;
}

/** One container being written: its items, how far along, and whether a member was written. */
interface Open {
  readonly value: object;
  readonly path: string;
  readonly keys: string[] | undefined; // an object's own enumerable keys; undefined for an array
  readonly length: number;
  index: number;
  wrote: boolean;
}

/**
 * A value as JSON text, the way `JSON.stringify` writes it, but without recursion and within the
 * core's bounds: at most `MAX_DEPTH` containers deep, none inside itself, at most `MAX_VALUES`
 * values and `MAX_JSON` characters. Anything else is an `OnfidoValidationError` naming the field
 * (`address.postcode`, `report.breakdown.x`), as are BigInts, which JSON cannot hold.
 */
export function boundedJson(value: unknown, field: string): string {
  const out: string[] = [];
  let size = 0;
  let seen = 0;
  const push = (piece: string): void => {
    size += piece.length;
    if (size > MAX_JSON) throw invalid(field, `is longer than ${MAX_JSON} characters as JSON`);
    out.push(piece);
  };
  /** The text of a value that holds nothing, `undefined` for what JSON leaves out. */
  const scalar = (v: unknown, path: string): string | undefined => {
    switch (typeof v) {
      case "string":
        if (v.length > MAX_JSON) throw invalid(path, `is longer than ${MAX_JSON} characters`);
        return JSON.stringify(v);
      case "number":
        return Number.isFinite(v) ? String(v) : "null";
      case "boolean":
        return v ? "true" : "false";
      case "bigint":
        throw invalid(path, "cannot be written as JSON (a BigInt)");
      case "object":
        return "null"; // null
      default:
        return undefined; // undefined, functions, symbols
    }
  };
  const isContainer = (v: unknown): v is object => v !== null && typeof v === "object";
  const open: Open[] = [];
  const ancestors = new Set<object>();
  const enter = (v: object, path: string): void => {
    const keys = Array.isArray(v) ? undefined : Object.keys(v);
    open.push({ value: v, path, keys, length: keys === undefined ? (v as unknown[]).length : keys.length, index: 0, wrote: false });
    ancestors.add(v);
    push(keys === undefined ? "[" : "{");
  };

  const root = prepared(value, "");
  if (!isContainer(root)) return scalar(root, field) ?? "null";
  enter(root, "");
  while (open.length > 0) {
    const top = open[open.length - 1]!;
    if (top.index >= top.length) {
      push(top.keys === undefined ? "]" : "}");
      ancestors.delete(top.value);
      open.pop();
      continue;
    }
    const i = top.index++;
    if (++seen > MAX_VALUES) throw invalid(field, `holds more than ${MAX_VALUES} values`);
    const key: string | number = top.keys === undefined ? i : top.keys[i]!;
    const path = top.keys === undefined ? `${top.path}[${i}]` : top.path === "" ? String(key) : `${top.path}.${key}`;
    const child = prepared((top.value as Record<string | number, unknown>)[key], String(key));
    const prefix = (top.wrote ? "," : "") + (top.keys === undefined ? "" : `${JSON.stringify(key)}:`);
    if (isContainer(child)) {
      if (ancestors.has(child)) throw invalid(childPath(field, top.path, key), "contains itself");
      if (open.length >= MAX_DEPTH) throw invalid(childPath(field, top.path, key), `is nested deeper than ${MAX_DEPTH} levels`);
      push(prefix);
      top.wrote = true;
      enter(child, path);
      continue;
    }
    let written = scalar(child, childPath(field, top.path, key));
    if (written === undefined) {
      if (top.keys !== undefined) continue; // left out of objects
      written = "null"; // null in arrays
    }
    push(prefix + written);
    top.wrote = true;
  }
  return out.join("");
}

/** Whether a parsed JSON value nests deeper than `limit` containers (no cycles in parsed JSON). */
export function deeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [v, depth] = pending.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v as object)) pending.push([child, depth + 1]);
  }
  return false;
}
