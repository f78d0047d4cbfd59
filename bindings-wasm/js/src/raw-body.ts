// The error for a webhook body that is not the raw bytes (no imports: rules.ts and frameworks.ts share it).

const RAW_BODY_HINT =
  "signatures cover the raw bytes as received: use express.raw({ type: 'application/json' }) for this route " +
  "(not express.json()), or with Fastify register fastifyWebhook, whose content-type parser keeps the raw Buffer";

/** A `TypeError` saying why `body` cannot be verified and what to pass instead. */
export function bodyTypeError(body: unknown): TypeError {
  if (body === undefined || body === null) {
    return new TypeError(`onfido-core: no webhook body (${String(body)}): nothing read the request's body; ${RAW_BODY_HINT}`);
  }
  if (typeof body === "object" && !ArrayBuffer.isView(body) && !(body instanceof ArrayBuffer)) {
    const what = Array.isArray(body) ? "an array" : "an object";
    return new TypeError(`onfido-core: the webhook body is ${what}, JSON already parsed (by express.json() or another body parser); ${RAW_BODY_HINT}`);
  }
  return new TypeError(`onfido-core: the webhook body must be a Buffer, Uint8Array, ArrayBuffer or string, not ${typeof body}; ${RAW_BODY_HINT}`);
}
