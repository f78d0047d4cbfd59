// Webhook receivers for Express and Fastify. Neither is a dependency: requests and replies are
// used through the few members named below (Node's own `IncomingMessage`/`ServerResponse` API,
// which both frameworks extend) and typed structurally.

import { bodyTypeError } from "./raw-body.js";
import { verifyWebhook, type HeadersInput } from "./rules.js";
import { isOnfidoDecodeError, isOnfidoSignatureError } from "./errors.js";
import type { WebhookEvent } from "./models.js";

/** The webhook's token, or a function returning it (read on each request). */
export type WebhookSecret = string | (() => string);

/** The status and text a refused notification is answered with: 401 for its signature, 400 for its body. */
export function webhookRefusal(error: unknown): { status: 401 | 400; message: string } | undefined {
  if (isOnfidoSignatureError(error)) return { status: 401, message: "invalid webhook signature" };
  if (isOnfidoDecodeError(error)) return { status: 400, message: "invalid webhook body" };
  return undefined;
}

function secretOf(secret: WebhookSecret): string {
  const value = typeof secret === "function" ? secret() : secret;
  if (typeof value !== "string") throw new TypeError(`onfido-core: the webhook secret must be a string (or a function returning one), not ${typeof value}`);
  return value;
}

function isRawBody(body: unknown): body is Uint8Array | ArrayBuffer | string {
  return body instanceof Uint8Array || body instanceof ArrayBuffer || typeof body === "string";
}

/** What the Express middleware reads of a request, and the event it leaves there. */
export interface ExpressWebhookRequest {
  body?: unknown;
  headers: HeadersInput;
  /** The verified event, set by `expressWebhook` before it calls `next()`. */
  onfidoEvent?: WebhookEvent;
}

/** What the Express middleware uses of a response (Node's `ServerResponse`). */
export interface ExpressWebhookResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(text: string): unknown;
}

/**
 * Express middleware that verifies an Onfido notification; put `express.raw({ type: "application/json" })`
 * before it so that `req.body` is the raw `Buffer`:
 *
 * ```js
 * app.post("/onfido/webhooks", express.raw({ type: "application/json" }), expressWebhook(process.env.ONFIDO_WEBHOOK_TOKEN),
 *   (req, res) => { console.log(req.onfidoEvent.payload.action); res.sendStatus(204); });
 * ```
 *
 * A verified event is left on `req.onfidoEvent` and `next()` is called; a wrong or missing
 * signature is answered 401, a body that is not an event 400 (never naming the secret). A body
 * that is not raw bytes (a parsed object from `express.json()`, or none) is passed to
 * `next(error)` as a `TypeError` saying to use `express.raw`.
 */
export function expressWebhook(
  secret: WebhookSecret,
): (req: ExpressWebhookRequest, res: ExpressWebhookResponse, next: (error?: unknown) => void) => void {
  return (req, res, next) => {
    const body = req.body;
    if (!isRawBody(body)) return next(bodyTypeError(body));
    let event: WebhookEvent;
    try {
      event = verifyWebhook(body, req.headers, secretOf(secret));
    } catch (error) {
      const refusal = webhookRefusal(error);
      if (refusal === undefined) return next(error);
      res.statusCode = refusal.status;
      res.setHeader("content-type", "text/plain; charset=utf-8");
      res.end(refusal.message);
      return;
    }
    req.onfidoEvent = event;
    next();
  };
}

/** What the Fastify plugin reads of a request. */
export interface FastifyWebhookRequest {
  body: unknown;
  headers: HeadersInput;
}

/** What the Fastify plugin uses of a reply. */
export interface FastifyWebhookReply {
  readonly sent: boolean;
  code(status: number): FastifyWebhookReply;
  type(contentType: string): FastifyWebhookReply;
  send(payload?: unknown): FastifyWebhookReply;
}

/** The options of `fastifyWebhook` (`app.register(fastifyWebhook, options)`). */
export interface FastifyWebhookOptions<Request = any, Reply = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The webhook's token, or a function returning it. */
  secret: WebhookSecret;
  /** The route's path (under the plugin's prefix). Default: `/`. */
  url?: string;
  /**
   * Called with each verified event. What it returns (or sends with `reply`) is the answer;
   * nothing sent and `undefined` returned is answered 204.
   */
  handler(event: WebhookEvent, request: Request, reply: Reply): unknown;
}

interface FastifyInstanceLike {
  removeContentTypeParser(contentType: string | string[]): unknown;
  addContentTypeParser(
    contentType: string,
    options: { parseAs: "buffer"; bodyLimit?: number },
    parser: (request: unknown, body: Uint8Array, done: (error: Error | null, body?: unknown) => void) => void,
  ): unknown;
  post(url: string, handler: (request: FastifyWebhookRequest, reply: FastifyWebhookReply) => Promise<unknown>): unknown;
}

/**
 * A Fastify plugin for one webhook route: `app.register(fastifyWebhook, { secret, url: "/onfido/webhooks", handler })`.
 *
 * Inside the plugin (and only there: Fastify encapsulates it), `application/json` bodies are kept
 * as the raw `Buffer` the signature covers. A verified event goes to `handler(event, request, reply)`;
 * a wrong or missing signature is answered 401, a body that is not an event 400.
 */
export async function fastifyWebhook(instance: unknown, options: FastifyWebhookOptions): Promise<void> {
  if (typeof options?.handler !== "function") throw new TypeError("onfido-core: fastifyWebhook needs a handler(event, request, reply) option");
  if (options.secret === undefined) throw new TypeError("onfido-core: fastifyWebhook needs a secret option (the webhook's token)");
  const app = instance as FastifyInstanceLike;
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
  app.post(options.url ?? "/", async (request, reply) => {
    const body = request.body;
    if (!isRawBody(body)) throw bodyTypeError(body);
    let event: WebhookEvent;
    try {
      event = verifyWebhook(body, request.headers, secretOf(options.secret));
    } catch (error) {
      const refusal = webhookRefusal(error);
      if (refusal === undefined) throw error;
      return reply.code(refusal.status).type("text/plain; charset=utf-8").send(refusal.message);
    }
    const answer = await options.handler(event, request, reply);
    if (answer === undefined && !reply.sent) return reply.code(204).send();
    return answer;
  });
}
