// Outbound proxies for the default transport: which proxy (if any) a URL goes through, from
// HTTPS_PROXY / HTTP_PROXY / NO_PROXY or an explicit option; the tunnel itself is undici's
// `ProxyAgent` (an optional peer dependency, loaded only when a request needs a proxy).

import { OnfidoConfigError } from "./errors.js";
import type { FetchLike } from "./transport.js";

/** Where a `FetchTransport` sends through a proxy. */
export interface ProxyOptions {
  /**
   * The proxy's URL (`http://proxy.internal:3128`, credentials allowed: `http://user:pass@…`) for
   * every request, or `false` for none. Default: the environment's `https_proxy`, `HTTPS_PROXY`,
   * then `http_proxy`, `HTTP_PROXY` for https URLs (`http_proxy`/`HTTP_PROXY` for http ones),
   * except for hosts in `no_proxy`/`NO_PROXY`.
   */
  proxy?: string | false | undefined;
  /**
   * Hosts never proxied, as `NO_PROXY` writes them: comma- or space-separated names (each also
   * matching its subdomains; a leading `.` or `*.` is the same), IP addresses (`127.0.0.1`, `::1`
   * or `[::1]`), any of these with `:port`, or `*` for every host. Default: `no_proxy`/`NO_PROXY`.
   */
  noProxy?: string | undefined;
}

type Env = Record<string, string | undefined>;

function envValue(env: Env, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

interface NoProxyEntry {
  host: string;
  port: number | undefined;
}

function parseNoProxy(value: string): NoProxyEntry[] | "all" {
  const entries: NoProxyEntry[] = [];
  for (const raw of value.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === "*") return "all";
    let port: number | undefined;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed) {
      entry = bracketed[1] ?? "";
      port = bracketed[2] === undefined ? undefined : Number(bracketed[2]);
    } else if (entry.split(":").length === 2) {
      // host:port (a bare IPv6 address has more than one colon and no port)
      const [host, p] = entry.split(":") as [string, string];
      if (/^\d+$/.test(p)) {
        entry = host;
        port = Number(p);
      }
    }
    entry = entry.replace(/^\*?\./, "").replace(/\.$/, "");
    if (entry) entries.push({ host: entry, port });
  }
  return entries;
}

/** The host of a URL as NO_PROXY compares it: lower case, IPv6 without brackets, no trailing dot. */
function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
}

/** Which proxy `url` goes through under these options and environment, or `undefined` for none. */
export function proxyFor(url: string, options: ProxyOptions = {}, env: Env = processEnv()): string | undefined {
  if (options.proxy === false) return undefined;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return undefined;
  }
  const https = target.protocol === "https:";
  const proxy =
    options.proxy ?? (https ? envValue(env, "https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY") : envValue(env, "http_proxy", "HTTP_PROXY"));
  if (!proxy) return undefined;
  const noProxy = options.noProxy ?? envValue(env, "no_proxy", "NO_PROXY") ?? "";
  const entries = parseNoProxy(noProxy);
  if (entries === "all") return undefined;
  const host = hostOf(target);
  const port = target.port ? Number(target.port) : https ? 443 : 80;
  for (const entry of entries) {
    if (entry.port !== undefined && entry.port !== port) continue;
    if (host === entry.host || host.endsWith(`.${entry.host}`)) return undefined;
  }
  return proxy;
}

function processEnv(): Env {
  return (globalThis as { process?: { env?: Env } }).process?.env ?? {};
}

/** A proxy URL with any credentials replaced, for messages. */
export function redactProxy(proxy: string): string {
  try {
    const url = new URL(proxy);
    return `${url.protocol}//${url.username || url.password ? "***@" : ""}${url.host}`;
  } catch {
    return "<an invalid URL>";
  }
}

// undici, loaded once on first need; its name in a variable so that bundlers and tsc leave it alone.
const UNDICI = "undici";
let undici: Promise<{ fetch: unknown; ProxyAgent: new (uri: string) => unknown }> | undefined;
const agents = new Map<string, unknown>();

/** A `fetch` that sends through `proxy` (undici's own `fetch` with its `ProxyAgent`, one per proxy). */
export async function proxiedFetch(proxy: string): Promise<FetchLike> {
  try {
    new URL(proxy);
  } catch {
    throw new OnfidoConfigError(`invalid proxy URL ${redactProxy(proxy)} (from the proxy option or HTTPS_PROXY/HTTP_PROXY)`, "proxy");
  }
  undici ??= import(UNDICI);
  let module: Awaited<typeof undici>;
  try {
    module = await undici;
  } catch {
    undici = undefined;
    throw new OnfidoConfigError(
      `a proxy is configured (${redactProxy(proxy)}, from the proxy option or HTTPS_PROXY/HTTP_PROXY) but the optional ` +
        "dependency undici, which sends through it, is not installed: npm install undici (or pass proxy: false, " +
        "or set NO_PROXY for this host)",
      "proxy",
    );
  }
  let agent = agents.get(proxy);
  if (agent === undefined) {
    agent = new module.ProxyAgent(proxy);
    agents.set(proxy, agent);
  }
  const fetch = module.fetch as (url: string, init: unknown) => ReturnType<FetchLike>;
  return (url, init) => fetch(url, { ...init, dispatcher: agent });
}
