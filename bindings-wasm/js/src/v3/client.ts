// The v3.6 (and v3.4) client: the generated resources (`resources.ts`) on the shared client
// (`../client.ts`), which builds and parses v3 requests by operation id through the core.

import type { CommonOptions } from "../client.js";
import { Resources } from "./resources.js";

/** `Onfido`'s options: `apiVersion` `v3.6` (default) or `v3.4`. */
export interface OnfidoV3Options extends CommonOptions {
  /** `v3.6` (default) or `v3.4` (the same methods; v3.4 lacks 45 operations and some fields). */
  apiVersion?: "v3.6" | "v3.4" | undefined;
}

/**
 * An Onfido API v3.6 client (`apiVersion: "v3.4"`: the same methods, v3.4's fields), every
 * operation as a method named as in every runtime (`api/METHODS.md`).
 *
 * ```js
 * const onfido = new Onfido({ apiToken: process.env.ONFIDO_API_TOKEN, region: "eu" });
 * const applicant = await onfido.applicants.create({ first_name: "Jane", last_name: "Doe" });
 * ```
 *
 * Requests are built, retried and parsed by the Rust core; the transport sends them (global
 * `fetch` by default; `new SandboxTransport()` for the offline sandbox). API v2: `OnfidoV2`.
 */
export class Onfido extends Resources {
  constructor(options: OnfidoV3Options = {}) {
    super(options, { speaks: ["v3.6", "v3.4"], refusal: "this client speaks v3.6 and v3.4; OnfidoV2 speaks v2" });
  }
}
