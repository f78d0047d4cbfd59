// The v2 client: the generated resources (`resources.ts`) on the shared client (`../client.ts`).

import type { OnfidoOptions } from "../client.js";
import { Resources } from "./resources.js";

/**
 * An Onfido API v2 client (superseded by v3.6: `Onfido`).
 *
 * ```js
 * const onfido = new OnfidoV2({ apiToken: process.env.ONFIDO_API_TOKEN, region: "eu" });
 * const applicant = await onfido.applicants.create({ first_name: "Jane", last_name: "Doe" });
 * ```
 *
 * Requests are built, retried and parsed by the Rust core; the transport sends them (global
 * `fetch` by default; `new SandboxTransport()` for the offline sandbox). 429s are retried by default.
 */
export class Onfido extends Resources {
  constructor(options: OnfidoOptions = {}) {
    super(options, { speaks: ["v2"], refusal: "this client speaks v2; Onfido speaks v3.6 and v3.4" });
  }
}
