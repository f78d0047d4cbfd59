// Every one of the 84 v3.6 operations through the generated methods of `Onfido`, on any transport
// (the onfido-sandbox server over HTTP, or the sandbox in process), each answer checked.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { drivingLicence, photo, repoRoot } from "./helpers.mjs";

export const DESCRIPTION = JSON.parse(readFileSync(join(repoRoot, "api", "onfido-v3.json"), "utf8"));
export const EVERY_OPERATION = new Set(DESCRIPTION.operations.map((op) => op.id));
export const V34_OPERATIONS = new Set(DESCRIPTION.operations.filter((op) => op["v3.4"]).map((op) => op.id));
export const WORKFLOW = "e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8a9b";
const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from("onfido-core node v3 test ".repeat(1500))]);
// Resources the sandbox holds without a way to create them through the API (as its vectors name them).
const LIVE_VIDEO = "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f";
const MOTION_CAPTURE = "3d4e5f6a-7b8c-4d9e-8f1a-2b3c4d5e6f7a";
const BIOMETRIC_TOKEN = "3a4b5c6d-7e8f-4a9b-9c0d-1e2f3a4b5c6f";
const SIGNED_FILE = "4a5b6c7d-8e9f-4a0b-8c1d-2e3f4a5b6c7a";

/** Records the operation of every call the client's methods make (`_call`; `_list` and `_page` for listings with pages). */
export function recordOperations(onfido) {
  const seen = new Set();
  for (const entry of ["_call", "_list", "_page"]) {
    const original = onfido[entry].bind(onfido);
    onfido[entry] = (operation, ...rest) => {
      seen.add(operation);
      return original(operation, ...rest);
    };
  }
  return seen;
}

const isDownload = (d) => d !== null && typeof d === "object" && d.content instanceof Uint8Array && d.content.length > 0;

/** Calls each of the 84 methods once with inputs the sandbox accepts; returns the operations run. */
export async function everyMethod(c) {
  const seen = recordOperations(c);

  const applicant = await c.applicants.create({
    first_name: "Jane",
    last_name: "Doe",
    dob: new Date("1990-01-31T00:00:00Z"),
    address: { country: "GBR", postcode: "S2 2DF", town: "Sheffield" },
  });
  assert.equal(applicant.dob, "1990-01-31", "a Date at a date field is sent as yyyy-mm-dd");
  assert.equal(applicant.address.town, "Sheffield");
  const a = applicant.id;
  assert.equal((await c.applicants.find(a)).first_name, "Jane");
  assert.equal((await c.applicants.update(a, { email: "jane@example.com" })).email, "jane@example.com");
  const listed = await c.applicants.listPage({ per_page: 50 });
  assert.ok(Array.isArray(listed.items) && listed.items.some((x) => x.id === a));
  assert.ok((await c.applicants.list({ per_page: 50 }).toArray()).some((x) => x.id === a));
  assert.ok(Array.isArray(await c.applicants.findConsents(a)));

  const document = await c.documents.upload({ applicant_id: a, type: "passport", side: "front", file: drivingLicence, filename: "sample_driving_licence.png" });
  assert.equal(document.file_name, "sample_driving_licence.png");
  assert.equal((await c.documents.find(document.id)).id, document.id);
  assert.deepEqual((await c.documents.list({ applicant_id: a })).map((d) => d.id), [document.id]);
  assert.equal(Buffer.compare(Buffer.from((await c.documents.download(document.id)).content), drivingLicence), 0, "byte-exact");
  assert.ok(isDownload(await c.documents.downloadNfcFace(document.id)));
  assert.ok(isDownload(await c.documents.downloadVideo(document.id)));
  const livePhoto = await c.livePhotos.upload({ applicant_id: a, file: new Uint8Array(photo) });
  assert.equal((await c.livePhotos.find(livePhoto.id)).file_size, photo.length);
  assert.deepEqual((await c.livePhotos.list({ applicant_id: a })).map((p) => p.id), [livePhoto.id]);
  assert.equal(Buffer.compare(Buffer.from((await c.livePhotos.download(livePhoto.id)).content), photo), 0);
  const idPhoto = await c.idPhotos.upload({ applicant_id: a, file: new Blob([photo], { type: "image/png" }), filename: "id.png" });
  assert.equal((await c.idPhotos.find(idPhoto.id)).id, idPhoto.id);
  assert.ok((await c.idPhotos.list({ applicant_id: a })).every((p) => typeof p.id === "string")); // (a fixture)
  assert.ok(isDownload(await c.idPhotos.download(idPhoto.id))); // (the sandbox answers a fixture's bytes)
  const signing = await c.signingDocuments.upload({ applicant_id: a, file: PDF, filename: "contract.pdf" });
  assert.equal((await c.signingDocuments.find(signing.id)).id, signing.id);
  assert.ok((await c.signingDocuments.list({ applicant_id: a })).every((s) => typeof s.id === "string")); // (a fixture)
  assert.equal(Buffer.from((await c.signingDocuments.download(signing.id)).content).subarray(0, 4).toString(), "%PDF");
  assert.ok(Array.isArray(await c.liveVideos.list({ applicant_id: a })));
  assert.equal((await c.liveVideos.find(LIVE_VIDEO)).id, LIVE_VIDEO);
  assert.ok(isDownload(await c.liveVideos.download(LIVE_VIDEO)) && isDownload(await c.liveVideos.downloadFrame(LIVE_VIDEO)));
  assert.ok(Array.isArray(await c.motionCaptures.list({ applicant_id: a })));
  assert.equal((await c.motionCaptures.find(MOTION_CAPTURE)).id, MOTION_CAPTURE);
  assert.ok(isDownload(await c.motionCaptures.download(MOTION_CAPTURE)) && isDownload(await c.motionCaptures.downloadFrame(MOTION_CAPTURE)));

  const check = await c.checks.create({ applicant_id: a, report_names: ["document", "facial_similarity_photo"], document_ids: [document.id] });
  assert.equal(check.report_ids.length, 2);
  assert.equal((await c.checks.find(check.id)).status, "complete");
  assert.deepEqual((await c.checks.list({ applicant_id: a })).map((x) => x.id), [check.id]);
  const pdf = await c.checks.download(check.id);
  assert.equal(Buffer.from(pdf.content).subarray(0, 4).toString(), "%PDF");
  assert.equal(pdf.contentType, "application/pdf");
  const reports = await c.reports.list({ check_id: check.id });
  assert.deepEqual(reports.map((r) => r.name).sort(), ["document", "facial_similarity_photo"]);
  const report = await c.reports.find(check.report_ids[0]);
  assert.ok(report.breakdown && typeof report.breakdown === "object");
  const waiting = await c.checks.create({ applicant_id: a, report_names: ["document"], applicant_provides_data: true });
  assert.equal(await c.reports.cancel(waiting.report_ids[0]), undefined);
  assert.equal(await c.checks.resume(check.id), undefined);
  assert.equal(await c.reports.resume(report.id), undefined);
  // (the sandbox answers these three with fixtures)
  assert.ok(Array.isArray((await c.repeatAttempts.list(report.id)).repeat_attempts));
  const feedback = await c.resultsFeedback.create({ check_id: check.id, report_id: report.id, expected_result: "consider", feedback_notes: "Fraudulent" });
  assert.ok(["clear", "consider"].includes(feedback.expected_result));
  assert.ok((await c.extractions.create({ document_id: document.id })).document_id);

  const hook = await c.webhooks.create({ url: "https://example.com/onfido/webhook", events: ["check.completed"] });
  assert.equal((await c.webhooks.find(hook.id)).url, "https://example.com/onfido/webhook");
  assert.equal((await c.webhooks.update(hook.id, { enabled: false })).enabled, false);
  assert.ok((await c.webhooks.list()).some((h) => h.id === hook.id));

  const run = await c.workflowRuns.create({ applicant_id: a, workflow_id: WORKFLOW, tags: ["node"] });
  assert.ok(!Number.isNaN(Date.parse(run.created_at)), "timestamps are ISO text");
  assert.equal((await c.workflowRuns.find(run.id)).status, "approved");
  assert.ok((await c.workflowRuns.listPage({ page: 1 })).items.some((r) => r.id === run.id));
  assert.ok(isDownload(await c.workflowRuns.downloadSignedEvidenceFile(run.id)));
  assert.ok(isDownload(await c.workflowRuns.downloadEvidenceFolder(run.id)));
  const tasks = await c.tasks.list(run.id);
  assert.equal((await c.tasks.find(run.id, tasks[1].id)).id, tasks[1].id);
  assert.equal(await c.tasks.complete(run.id, tasks[1].id, { data: { first_name: "Jane" } }), undefined);
  const timeline = await c.timelineFiles.create(run.id);
  assert.ok(timeline.workflow_timeline_file_id);
  assert.ok(isDownload(await c.timelineFiles.find(run.id, timeline.workflow_timeline_file_id)));
  const resend = [{ resource_id: check.id, event: "check.completed" }, { resource_id: run.id, event: "workflow_run.completed" }];
  assert.equal(await c.webhooks.resend({ data: resend }), undefined);
  assert.ok(isDownload(await c.electronicSignatures.downloadQesDocument({ workflow_run_id: run.id, file_id: SIGNED_FILE })));
  assert.ok(isDownload(await c.electronicSignatures.downloadAesDocument({ workflow_run_id: run.id, id: SIGNED_FILE })));
  assert.ok(isDownload(await c.electronicSignatures.downloadSesDocument({ workflow_run_id: run.id, id: SIGNED_FILE })));

  const monitor = await c.watchlistMonitors.create({ applicant_id: a, report_name: "watchlist_standard" });
  assert.equal((await c.watchlistMonitors.find(monitor.id)).report_name, "watchlist_standard");
  assert.ok((await c.watchlistMonitors.list({ applicant_id: a })).some((m) => m.id === monitor.id));
  const matches = await c.watchlistMonitors.listMatches(monitor.id);
  const changed = await c.watchlistMonitors.updateMatch(monitor.id, { enable: [matches[0].id], disable: [matches[1].id] });
  assert.equal(changed.find((m) => m.id === matches[0].id).enabled, true);
  const location = await c.watchlistMonitors.forceReportCreation(monitor.id);
  assert.equal(typeof location, "string");
  assert.equal((await c.reports.find(location.split("/").pop())).name, "watchlist_standard");

  assert.ok(Array.isArray(await c.biometricTokens.list("user-123")));
  // (the sandbox answers biometric tokens with fixtures)
  assert.ok((await c.biometricTokens.find("user-123", BIOMETRIC_TOKEN)).biometric_token.uuid);
  assert.ok((await c.biometricTokens.update("user-123", BIOMETRIC_TOKEN, { status: "declined" })).biometric_token.uuid);
  assert.ok(await c.biometricTokens.invalidate("user-123", BIOMETRIC_TOKEN));
  assert.ok(await c.biometricTokens.invalidateAll("user-123"));
  assert.ok(Array.isArray(await c.passkeys.list("jane")));
  assert.equal((await c.passkeys.find("jane", "pk_01HZX")).id, "pk_01HZX");
  assert.ok(["ACTIVE", "INACTIVE"].includes((await c.passkeys.update("jane", "pk_01HZX", { state: "INACTIVE" })).state)); // (a fixture)
  assert.equal(await c.passkeys.delete("jane", "pk_01HZX"), undefined);
  assert.equal(await c.passkeys.deleteAll("jane"), undefined);

  assert.equal(await c.api.ping(), "OK");
  assert.ok((await c.addresses.pick({ postcode: "SW4 6EH" })).every((x) => typeof x.postcode === "string")); // (a template)
  assert.equal((await c.sdkTokens.generate({ applicant_id: a, referrer: "https://*.example.com/*" })).token.split(".").length, 3);
  assert.equal(await c.watchlistMonitors.delete(monitor.id), undefined);
  assert.equal(await c.webhooks.delete(hook.id), undefined);
  assert.equal(await c.applicants.delete(a), undefined);
  assert.equal(await c.applicants.restore(a), undefined);

  assert.deepEqual([...EVERY_OPERATION].filter((op) => !seen.has(op)), [], "every operation ran");
  assert.deepEqual([...seen].filter((op) => !EVERY_OPERATION.has(op)), []);
  assert.equal(seen.size, 84);
  return seen;
}

/** The getting-started flow: applicant → document → live photo → check → reports → downloads. */
export async function gettingStarted(c, version) {
  const applicant = await c.applicants.create({ first_name: "Jane", last_name: "Consider", dob: "1990-01-31" });
  assert.equal(applicant.href, `/${version}/applicants/${applicant.id}`);
  const document = await c.documents.upload({ applicant_id: applicant.id, type: "driving_licence", side: "front", file: drivingLicence });
  const livePhoto = await c.livePhotos.upload({ applicant_id: applicant.id, file: photo });
  const check = await c.checks.create({ applicant_id: applicant.id, report_names: ["document", "facial_similarity_photo"] });
  assert.equal(check.status, "in_progress");
  assert.equal(check.result ?? null, null);
  const done = await c.checks.find(check.id);
  assert.deepEqual([done.status, done.result], ["complete", "consider"]);
  const reports = await c.reports.list({ check_id: check.id });
  assert.deepEqual(reports.map((r) => r.name).sort(), ["document", "facial_similarity_photo"]);
  for (const report of reports) {
    const found = await c.reports.find(report.id);
    assert.deepEqual([found.status, found.result, found.check_id], ["complete", "consider", check.id]);
    assert.ok(!Number.isNaN(Date.parse(found.created_at)));
  }
  assert.equal(Buffer.compare(Buffer.from((await c.documents.download(document.id)).content), drivingLicence), 0);
  assert.equal(Buffer.compare(Buffer.from((await c.livePhotos.download(livePhoto.id)).content), photo), 0);
  const pdf = await c.checks.download(check.id);
  assert.equal(pdf.contentType, "application/pdf");
  assert.equal(Buffer.from(pdf.content).subarray(0, 4).toString(), "%PDF");
  return { applicant, check };
}
