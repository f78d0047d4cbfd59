// The default transport and proxies: a real CONNECT proxy on loopback (node:http's `connect`
// event, counting tunnels, the bytes sent through them and the Proxy-Authorization it saw) in front of the onfido-sandbox
// server; HTTP(S)_PROXY honoured, NO_PROXY bypassing it; the NO_PROXY rules on their own.

import assert from "node:assert/strict";
import { createServer } from "node:http";
import { connect } from "node:net";
import test, { after, before } from "node:test";

import { startSandboxServer } from "./helpers.mjs";
import { FetchTransport, OnfidoV2 as Onfido, isOnfidoConfigError, proxyFor } from "../pkg/dist/index.mjs";

const PROXY_VARIABLES = ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY"];
let sandbox;
let proxy;

/** A CONNECT-only forward proxy on loopback; refuses (403) any target that is not on loopback. */
function startProxy() {
  const state = { tunnels: [], authorizations: [], refused: 0, forwarded: 0 };
  const server = createServer((_req, res) => {
    res.writeHead(405).end("CONNECT only");
  });
  server.on("connect", (req, client, head) => {
    const [host, port] = [req.url.slice(0, req.url.lastIndexOf(":")), Number(req.url.slice(req.url.lastIndexOf(":") + 1))];
    if (host !== "127.0.0.1" && host !== "localhost") {
      state.refused++;
      client.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    state.tunnels.push(req.url);
    state.authorizations.push(req.headers["proxy-authorization"]);
    const upstream = connect(port, host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.on("data", (chunk) => (state.forwarded += chunk.length));
      client.pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}`, state, server }));
  });
}

const saved = {};
function setEnv(values) {
  for (const name of PROXY_VARIABLES) delete process.env[name];
  Object.assign(process.env, values);
}

before(async () => {
  for (const name of PROXY_VARIABLES) saved[name] = process.env[name];
  sandbox = await startSandboxServer();
  proxy = await startProxy();
});

after(async () => {
  for (const name of PROXY_VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  proxy?.server.closeAllConnections?.();
  await new Promise((resolve) => proxy?.server.close(resolve) ?? resolve());
  await sandbox?.stop();
});

async function applicantVia(transportOptions) {
  const onfido = new Onfido({ apiToken: "test_proxy", baseUrl: sandbox.url, transport: new FetchTransport(transportOptions) });
  const applicant = await onfido.applicants.create({ first_name: "Pro", last_name: "Xy" });
  return (await onfido.applicants.retrieve(applicant.id)).first_name;
}

test("HTTP_PROXY: every request goes through one CONNECT tunnel to the sandbox", async () => {
  setEnv({ HTTP_PROXY: proxy.url });
  const before = proxy.state.tunnels.length;
  assert.equal(await applicantVia(), "Pro");
  const port = new URL(sandbox.url).port;
  const opened = proxy.state.tunnels.slice(before);
  assert.ok(opened.length >= 1, "went through the proxy");
  assert.ok(opened.every((t) => t === `127.0.0.1:${port}`), opened.join());
});

test("lower case http_proxy wins, and credentials in its URL become Proxy-Authorization", async () => {
  setEnv({ HTTP_PROXY: "http://127.0.0.1:9", http_proxy: proxy.url.replace("http://", "http://scott:tiger@") });
  const before = proxy.state.forwarded;
  assert.equal(await applicantVia(), "Pro");
  assert.ok(proxy.state.forwarded > before);
  assert.equal(proxy.state.authorizations.at(-1), `Basic ${Buffer.from("scott:tiger").toString("base64")}`);
});

test("NO_PROXY: the sandbox's host, host:port, a suffix or * bypasses the proxy; another port does not", async () => {
  const port = Number(new URL(sandbox.url).port);
  for (const noProxy of ["127.0.0.1", `127.0.0.1:${port}`, "example.com, 127.0.0.1", "*", `localhost ${"127.0.0.1"}`]) {
    setEnv({ HTTP_PROXY: proxy.url, NO_PROXY: noProxy });
    const before = proxy.state.forwarded;
    assert.equal(await applicantVia(), "Pro", noProxy);
    assert.equal(proxy.state.forwarded, before, `NO_PROXY=${noProxy} bypasses the proxy`);
  }
  setEnv({ HTTP_PROXY: proxy.url, no_proxy: `127.0.0.1:${port + 1}` });
  const before = proxy.state.forwarded;
  assert.equal(await applicantVia(), "Pro");
  assert.ok(proxy.state.forwarded > before, "a NO_PROXY entry for another port does not match");
});

test("the proxy option overrides the environment; proxy: false ignores it; a given fetch is left alone", async () => {
  setEnv({ HTTP_PROXY: "http://127.0.0.1:9" }); // nothing listens there
  let before = proxy.state.forwarded;
  assert.equal(await applicantVia({ proxy: proxy.url }), "Pro");
  assert.ok(proxy.state.forwarded > before);
  before = proxy.state.forwarded;
  assert.equal(await applicantVia({ proxy: false }), "Pro");
  assert.equal(await applicantVia({ fetch: (url, init) => fetch(url, init) }), "Pro");
  assert.equal(proxy.state.forwarded, before);
  // the environment is read when the transport is made
  setEnv({ HTTP_PROXY: proxy.url });
  const transport = new FetchTransport();
  setEnv({});
  const onfido = new Onfido({ apiToken: "test_proxy", baseUrl: sandbox.url, transport });
  await onfido.applicants.create({ first_name: "Pro", last_name: "Xy" });
  assert.ok(proxy.state.forwarded > before);
});

test("a bad proxy URL is a config error naming no credentials, and nothing is sent", async () => {
  setEnv({});
  const before = proxy.state.forwarded;
  const onfido = new Onfido({ apiToken: "test_proxy", baseUrl: sandbox.url, transport: new FetchTransport({ proxy: "not a url with secret:pw" }) });
  const error = await onfido.applicants.create({ first_name: "A", last_name: "B" }).catch((e) => e);
  assert.ok(isOnfidoConfigError(error), String(error));
  assert.equal(error.field, "proxy");
  assert.ok(!error.message.includes("pw"));
  assert.equal(proxy.state.forwarded, before);
});

test("proxyFor: which proxy a URL goes through (the rules NO_PROXY follows)", () => {
  const env = { HTTPS_PROXY: "http://p:3128" };
  const api = "https://api.eu.onfido.com/v3.6/applicants";
  assert.equal(proxyFor(api, {}, env), "http://p:3128");
  assert.equal(proxyFor(api, {}, {}), undefined);
  assert.equal(proxyFor(api, {}, { HTTP_PROXY: "http://h:1" }), "http://h:1", "https falls back to HTTP_PROXY");
  assert.equal(proxyFor("http://127.0.0.1:8080/", {}, { HTTPS_PROXY: "http://p:3128" }), undefined, "http URLs use HTTP_PROXY only");
  assert.equal(proxyFor(api, {}, { https_proxy: "http://lower:1", HTTPS_PROXY: "http://upper:1" }), "http://lower:1");
  assert.equal(proxyFor(api, {}, { HTTPS_PROXY: "  " }), undefined, "blank is unset");
  const bypassed = (noProxy, url = api) => proxyFor(url, {}, { ...env, NO_PROXY: noProxy }) === undefined;
  assert.ok(bypassed("onfido.com"), "a domain matches its subdomains");
  assert.ok(bypassed(".onfido.com"));
  assert.ok(bypassed("*.onfido.com"));
  assert.ok(bypassed("api.eu.onfido.com"));
  assert.ok(bypassed("API.EU.ONFIDO.COM."), "case and a trailing dot do not matter");
  assert.ok(bypassed("example.org,onfido.com"));
  assert.ok(bypassed("example.org onfido.com"));
  assert.ok(bypassed("*"));
  assert.ok(bypassed("onfido.com:443"));
  assert.ok(!bypassed("onfido.com:8443"));
  assert.ok(!bypassed("fido.com"), "a suffix matches at a dot only");
  assert.ok(!bypassed("eu.onfido.com.evil"));
  assert.ok(!bypassed(""));
  assert.ok(bypassed("localhost", "https://localhost:8443/"));
  assert.ok(bypassed("127.0.0.1", "https://127.0.0.1/"));
  assert.ok(bypassed("::1", "https://[::1]:8443/"));
  assert.ok(bypassed("[::1]:8443", "https://[::1]:8443/"));
  assert.ok(!bypassed("[::1]:9", "https://[::1]:8443/"));
  assert.ok(!bypassed("127.0.0.1", "https://localhost/"), "names are compared as written, not resolved");
  assert.equal(proxyFor(api, { proxy: false }, env), undefined);
  assert.equal(proxyFor(api, { proxy: "http://explicit:1" }, {}), "http://explicit:1");
  assert.equal(proxyFor(api, { noProxy: "onfido.com" }, env), undefined);
  assert.equal(proxyFor(api, { noProxy: "" }, { ...env, NO_PROXY: "*" }), "http://p:3128", "the option wins over NO_PROXY");
});
