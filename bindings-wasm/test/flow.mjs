// Every one of the 34 operations through the client's resource methods, on any transport
// (the sandbox server over HTTP, or the sandbox in process). Returns what later checks need.

import assert from "node:assert/strict";
import { drivingLicence, photo } from "./helpers.mjs";

export const ALL_OPERATIONS = [
  "create_applicant", "retrieve_applicant", "update_applicant", "delete_applicant", "restore_applicant", "list_applicants",
  "upload_document", "retrieve_document", "list_documents", "download_document",
  "upload_live_photo", "retrieve_live_photo", "list_live_photos", "download_live_photo",
  "retrieve_live_video", "list_live_videos", "download_live_video",
  "create_check", "retrieve_check", "list_checks", "resume_check",
  "retrieve_report", "list_reports", "resume_report", "cancel_report",
  "register_webhook", "retrieve_webhook", "list_webhooks",
  "retrieve_report_type_group", "list_report_type_groups",
  "pick_addresses", "generate_sdk_token", "extract_ocr", "submit_slv_code",
];

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

/** A multipart body by hand, for the sandbox's live video upload (an SDK-only endpoint). */
export function liveVideoUpload(baseUrl, token, applicantId, video) {
  const boundary = "----onfido-core-test-boundary";
  const head = (disposition, type) =>
    `--${boundary}\r\nContent-Disposition: form-data; ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ""}\r\n`;
  const body = Buffer.concat([
    Buffer.from(head('name="applicant_id"') + applicantId + "\r\n"),
    Buffer.from(head('name="file"; filename="video.mp4"', "video/mp4")),
    video,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return {
    method: "POST",
    url: `${baseUrl.replace(/\/$/, "")}/v2/live_videos`,
    headers: [
      ["Authorization", `Token token=${token}`],
      ["Content-Type", `multipart/form-data; boundary=${boundary}`],
    ],
    body: new Uint8Array(body),
  };
}

/**
 * Runs every operation. `sendRaw(request)` sends a request the client cannot build (the live
 * video upload); `origin` is the sandbox's origin.
 */
export async function everyOperation(onfido, { sendRaw, origin, token }) {
  const seen = recordOperations(onfido);

  // applicants
  const jane = await onfido.applicants.create({
    first_name: "Jane",
    last_name: "Doe",
    dob: "1990-01-01",
    addresses: [{ building_number: "100", street: "Main Street", town: "London", postcode: "SW4 6EH", country: "GBR" }],
  });
  assert.equal(jane.sandbox, true);
  assert.equal(jane.first_name, "Jane");
  assert.equal((await onfido.applicants.retrieve(jane.id)).id, jane.id);
  assert.equal((await onfido.applicants.update(jane.id, { first_name: "Janet" })).first_name, "Janet");
  const listed = await onfido.applicants.list().toArray();
  assert.ok(listed.some((a) => a.id === jane.id));
  const page = await onfido.applicants.listPage({ per_page: 50 });
  assert.ok(page.items.some((a) => a.id === jane.id) && page.totalCount >= 1);

  // documents: from a Buffer, and from a Blob
  const document = await onfido.documents.upload(jane.id, { file: drivingLicence, type: "driving_licence", side: "front", filename: "licence.png" });
  assert.equal(document.file_type, "png");
  assert.equal(document.file_size, drivingLicence.length);
  assert.equal(document.side, "front");
  const fromBlob = await onfido.documents.upload(jane.id, { file: new Blob([drivingLicence], { type: "image/png" }), type: "passport", filename: "passport.png" });
  assert.equal(fromBlob.file_size, drivingLicence.length);
  assert.equal((await onfido.documents.retrieve(jane.id, document.id)).id, document.id);
  const documents = await onfido.documents.list(jane.id);
  assert.equal(documents.length, 2);
  const download = await onfido.documents.download(jane.id, document.id);
  assert.ok(download.content instanceof Uint8Array);
  assert.equal(Buffer.compare(Buffer.from(download.content), drivingLicence), 0, "downloads are byte-exact");
  assert.equal(download.contentType, "image/png");

  // live photos: from a plain Uint8Array
  const livePhoto = await onfido.livePhotos.upload({ applicant_id: jane.id, file: new Uint8Array(photo), filename: "selfie.png" });
  assert.equal(livePhoto.file_size, photo.length);
  assert.equal((await onfido.livePhotos.retrieve(livePhoto.id)).id, livePhoto.id);
  assert.equal((await onfido.livePhotos.list({ applicant_id: jane.id })).length, 1);
  const photoDownload = await onfido.livePhotos.download(livePhoto.id);
  assert.equal(Buffer.compare(Buffer.from(photoDownload.content), photo), 0);

  // live videos (uploaded as the mobile SDKs would; a sandbox extension)
  const videoBytes = Buffer.concat([Buffer.from("\x00\x00\x00\x18ftypmp42", "latin1"), Buffer.from([0, 255, 1, 254, 13, 10, 0])]);
  const uploaded = await sendRaw(liveVideoUpload(origin, token, jane.id, videoBytes));
  assert.equal(uploaded.status, 201);
  const videos = await onfido.liveVideos.list({ applicant_id: jane.id });
  assert.equal(videos.length, 1);
  const video = await onfido.liveVideos.retrieve(videos[0].id);
  assert.equal(video.challenge.length, 2);
  const videoDownload = await onfido.liveVideos.download(video.id);
  assert.equal(Buffer.compare(Buffer.from(videoDownload.content), videoBytes), 0, "binary bytes survive, \\0 and \\r\\n included");

  // webhooks
  const hook = await onfido.webhooks.register({ url: "https://hooks.example/onfido", events: ["check.completed"] });
  assert.equal(hook.token?.length, 16);
  assert.deepEqual((await onfido.webhooks.retrieve(hook.id)).events, ["check.completed"]);
  assert.ok((await onfido.webhooks.list()).some((h) => h.id === hook.id));

  // report type groups
  const groups = await onfido.reportTypeGroups.list();
  assert.equal(groups.length, 2);
  assert.equal((await onfido.reportTypeGroups.retrieve(groups[0].id)).id, groups[0].id);

  // checks and reports
  const check = await onfido.checks.create(jane.id, {
    type: "express",
    reports: [{ name: "document" }, { name: "facial_similarity", variant: "standard" }, { name: "identity", variant: "kyc" }],
  });
  assert.equal(check.status, "complete");
  assert.equal(check.result, "clear");
  assert.equal((await onfido.checks.retrieve(jane.id, check.id)).reports.length, 3);
  const expanded = await onfido.checks.list(jane.id, { expand: "reports" });
  assert.ok(expanded[0].reports.every((r) => typeof r === "object"));
  const reports = await onfido.reports.list(check.id);
  assert.equal(reports.length, 3);
  const documentReport = reports.find((r) => r.name === "document");
  const report = await onfido.reports.retrieve(check.id, documentReport.id);
  assert.equal(report.sub_result, "clear");
  await onfido.checks.resume(check.id);
  await onfido.reports.resume(check.id, report.id);

  // a paused check (sandbox extension: `paused: true`) to resume and cancel for real
  const paused = await onfido.checks.create(jane.id, { type: "express", reports: [{ name: "watchlist" }, { name: "document" }], paused: true });
  assert.equal(paused.status, "paused");
  const pausedIds = paused.reports.map((r) => (typeof r === "string" ? r : r.id));
  await onfido.reports.cancel(paused.id, pausedIds[1]);
  await onfido.reports.resume(paused.id, pausedIds[0]);
  assert.equal((await onfido.checks.retrieve(jane.id, paused.id)).status, "complete");

  // misc
  const addresses = await onfido.addresses.pick({ postcode: "sw46eh" });
  assert.equal(addresses[0].postcode, "SW4 6EH");
  const sdkToken = await onfido.sdkTokens.generate({ applicant_id: jane.id, referrer: "https://*.example.com/*" });
  assert.equal(typeof sdkToken.token, "string");
  const ocr = await onfido.ocr.extract({ document_id: document.id });
  assert.equal(ocr.extracted_data?.ocr_results?.first_name, "JANET");
  assert.equal((await onfido.slv.submitCode({ code: "ABC123" })).success, true);

  // delete with checks: scheduled (410), restorable
  await onfido.applicants.delete(jane.id);
  await assert.rejects(onfido.applicants.retrieve(jane.id), (e) => e.status === 410 && e.type === "gone" && e.name === "OnfidoGoneError");
  await onfido.applicants.restore(jane.id);
  assert.equal((await onfido.applicants.retrieve(jane.id)).delete_at, null);

  assert.deepEqual([...ALL_OPERATIONS].filter((op) => !seen.has(op)), [], "every operation ran");
  assert.equal(seen.size, 34);
  return { jane, check, hook, sdkToken, report };
}
