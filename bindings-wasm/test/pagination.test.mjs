// Issue 14 point 10 in Node: a listing whose `Link` keeps naming the same page ends with the core's
// decode error after one repeat, instead of requesting that page forever.

import assert from "node:assert/strict";
import test from "node:test";

import { OnfidoV2 as Onfido, OnfidoDecodeError } from "../pkg/dist/index.mjs";

const TOKEN = "test_pagination";

/** A transport that records requests and answers every one with `answer`. */
function recording(answer) {
  const calls = [];
  return {
    calls,
    async send(request) {
      calls.push(request);
      return answer(request, calls.length);
    },
  };
}

const json = (status, text, headers = []) => ({
  status,
  headers: [["content-type", "application/json"], ...headers],
  body: new TextEncoder().encode(text),
});

test("a listing whose next page never advances stops with a decode error after one repeat", async () => {
  const link = [["link", '<https://api.onfido.com/v2/applicants?page=2>; rel="next"']];
  const transport = recording(() => json(200, '{"applicants": []}', link));
  const onfido = new Onfido({ apiToken: TOKEN, transport, retry: false });
  await assert.rejects(onfido.applicants.list().toArray(), (e) => e instanceof OnfidoDecodeError && /the next page \(2\) is not after this one \(2\)/.test(e.message));
  assert.equal(transport.calls.length, 2, "two requests, not 1,001");
  assert.deepEqual(transport.calls.map((r) => new URL(r.url).searchParams.get("page")), [null, "2"]);
  transport.calls.length = 0;
  const pages = [];
  await assert.rejects(async () => {
    for await (const page of onfido.applicants.list().pages()) pages.push(page);
  }, OnfidoDecodeError);
  // The core's driver refuses the second answer as a whole (its `next` goes nowhere new), so only
  // the first page is yielded before the error.
  assert.equal(pages.length, 1);
  // A next page before this one (page 3 says "next: 1") is refused too.
  const back = recording(() => json(200, '{"applicants": []}', [["link", '<https://api.onfido.com/v2/applicants?page=1>; rel="next"']]));
  const c = new Onfido({ apiToken: TOKEN, transport: back, retry: false });
  await assert.rejects(c.applicants.list({ page: 3 }).toArray(), /the next page \(1\) is not after this one \(3\)/);
  assert.equal(back.calls.length, 1);
});
