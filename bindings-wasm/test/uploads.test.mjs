// Uploads from a path, a file: URL, an fs.ReadStream, a Node Readable, a web ReadableStream, a Blob
// and bytes, over the in-process sandbox: the bytes arrive exactly (downloaded back), the file's
// own name is kept where it has one, an oversized stream is refused by the core's size check
// without being read to its end, and what is not a file is a TypeError.

import assert from "node:assert/strict";
import { Blob } from "node:buffer";
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import test, { after, before } from "node:test";

import { drivingLicence, photo } from "./helpers.mjs";
import { OnfidoV2 as Onfido, SandboxTransport, isOnfidoValidationError } from "../pkg/dist/index.mjs";

let dir;
let licencePath;
let photoPath;
let onfido;
let applicantId;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "onfido-uploads-"));
  licencePath = join(dir, "my licence.png");
  photoPath = join(dir, "selfie.png");
  writeFileSync(licencePath, drivingLicence);
  writeFileSync(photoPath, photo);
  onfido = new Onfido({ apiToken: "test_uploads", transport: new SandboxTransport() });
  applicantId = (await onfido.applicants.create({ first_name: "Up", last_name: "Load" })).id;
});

after(() => rmSync(dir, { recursive: true, force: true }));

async function roundTrip(file, extra = {}) {
  const document = await onfido.documents.upload(applicantId, { file, type: "passport", ...extra });
  const { content, contentType } = await onfido.documents.download(applicantId, document.id);
  assert.equal(contentType, "image/png");
  assert.ok(Buffer.from(content).equals(drivingLicence), "the bytes arrive exactly");
  return document;
}

function chunked(bytes, size) {
  const out = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

test("a path (string) or a file: URL: read, named after the file", async () => {
  assert.equal((await roundTrip(licencePath)).file_name, "my licence.png");
  assert.equal((await roundTrip(pathToFileURL(licencePath))).file_name, "my licence.png");
  assert.equal((await roundTrip(licencePath, { filename: "given.png" })).file_name, "given.png", "filename wins");
  const live = await onfido.livePhotos.upload({ applicant_id: applicantId, file: photoPath });
  assert.equal(live.file_name, "selfie.png");
  assert.equal(live.file_size, photo.length);
});

test("streams: fs.ReadStream (named), Node Readable and web ReadableStream (named after their bytes)", async () => {
  assert.equal((await roundTrip(createReadStream(licencePath, { highWaterMark: 4096 }))).file_name, "my licence.png");
  assert.equal((await roundTrip(Readable.from(chunked(drivingLicence, 1000)))).file_name, "upload.png");
  const web = new ReadableStream({
    start(controller) {
      for (const chunk of chunked(drivingLicence, 777)) controller.enqueue(new Uint8Array(chunk));
      controller.close();
    },
  });
  assert.equal((await roundTrip(web, { filename: "web.png" })).file_name, "web.png");
  assert.equal((await roundTrip(Readable.toWeb(createReadStream(licencePath)))).file_name, "upload.png");
  // string chunks (a stream with an encoding) are their text's UTF-8 bytes: PNG's 0x89 becomes C2 89, no longer a PNG
  const latin = createReadStream(licencePath, { encoding: "latin1" });
  const err = await onfido.documents.upload(applicantId, { file: latin, type: "passport" }).catch((e) => e);
  assert.ok(isOnfidoValidationError(err) && "file" in err.fields, String(err));
  const text = await onfido.documents.upload(applicantId, { file: Readable.from([drivingLicence.toString("latin1")]), type: "passport" }).catch((e) => e);
  assert.ok(isOnfidoValidationError(text) && "file" in text.fields, String(text));
});

test("bytes and Blobs as before", async () => {
  assert.equal((await roundTrip(drivingLicence, { filename: "b.png" })).file_name, "b.png");
  assert.equal((await roundTrip(new Uint8Array(drivingLicence))).file_name, "upload.png");
  assert.equal((await roundTrip(new Blob([drivingLicence]))).file_name, "upload.png");
  const arrayBuffer = drivingLicence.buffer.slice(drivingLicence.byteOffset, drivingLicence.byteOffset + drivingLicence.length);
  assert.equal((await roundTrip(arrayBuffer)).file_name, "upload.png");
});

test("an oversized stream is refused by the core's size check, read no further than 10 MiB + 1 byte", async () => {
  let pulled = 0;
  const chunk = Buffer.concat([drivingLicence, Buffer.alloc(65536 - drivingLicence.length)]); // starts as a PNG
  const endless = new Readable({
    read() {
      pulled += chunk.length;
      this.push(pulled > 64 * 1024 * 1024 ? null : chunk);
    },
  });
  const error = await onfido.documents.upload(applicantId, { file: endless, type: "passport" }).catch((e) => e);
  assert.ok(isOnfidoValidationError(error), String(error));
  assert.ok("file" in error.fields);
  assert.ok(pulled < 12 * 1024 * 1024, `read ${pulled} bytes`);
  const big = join(dir, "big.png");
  writeFileSync(big, Buffer.concat([drivingLicence, Buffer.alloc(11 * 1024 * 1024)]));
  const fromPath = await onfido.documents.upload(applicantId, { file: big, type: "passport" }).catch((e) => e);
  assert.ok(isOnfidoValidationError(fromPath) && "file" in fromPath.fields, String(fromPath));
});

test("what is not a file is a TypeError; a path that does not exist is the file system's error", async () => {
  const upload = (file) => onfido.documents.upload(applicantId, { file, type: "passport" });
  for (const file of [42, null, {}, [1, 2], ""]) await assert.rejects(upload(file), TypeError, String(file));
  // Left out, the file is a required field the core names.
  await assert.rejects(upload(undefined), (e) => isOnfidoValidationError(e) && "file" in e.fields);
  await assert.rejects(upload(new URL("https://example.com/x.png")), /file: URL/);
  await assert.rejects(upload(Readable.from([{ an: "object" }])), /object-mode/);
  await assert.rejects(upload(join(dir, "missing.png")), (e) => e.code === "ENOENT");
});
