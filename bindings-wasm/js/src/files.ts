// An upload's file read into bytes before the request is built (the core builds the multipart body
// and checks the bytes): a path, a file: URL, bytes, a Blob/File, a Node Readable or a web ReadableStream.

import type { BlobLike, FileInput, ReadableStreamLike, UrlLike } from "./models.js";

/**
 * The most bytes read from a path or a stream: one more than the largest file any operation
 * accepts (10 MiB), so that an oversized file is refused by the core's own size check (naming
 * `file`) without reading all of it.
 */
export const READ_LIMIT = 10 * 1024 * 1024 + 1;

/** What was read: the bytes, and the file's own name when it has one (a path's, a `File`'s, an `fs.ReadStream`'s). */
export interface ReadFile {
  content: Uint8Array;
  name?: string;
}

function baseName(path: string): string | undefined {
  const name = path.split(/[\\/]/).pop();
  return name ? name : undefined;
}

function isUrl(file: unknown): file is UrlLike {
  return typeof file === "object" && file !== null && typeof (file as UrlLike).href === "string" && typeof (file as UrlLike).protocol === "string";
}

function fileTypeError(file: unknown): TypeError {
  const what = file === null ? "null" : Array.isArray(file) ? "an array" : typeof file;
  return new TypeError(
    `file must be a path, a file: URL, a Buffer, Uint8Array, ArrayBuffer, Blob, Node Readable or ReadableStream, not ${what}`,
  );
}

/** Reads an upload's file (see `FileInput`). Throws a `TypeError` for anything else, and the file system's error for a path it cannot read. */
export async function readFileInput(file: FileInput): Promise<ReadFile> {
  if (file instanceof Uint8Array) return { content: file };
  if (file instanceof ArrayBuffer) return { content: new Uint8Array(file) };
  if (ArrayBuffer.isView(file)) {
    const view = file as ArrayBufferView;
    return { content: new Uint8Array(view.buffer, view.byteOffset, view.byteLength) };
  }
  if (typeof file === "string") {
    if (file === "") throw new TypeError("file must not be an empty path");
    return readPath(file);
  }
  if (isUrl(file)) {
    if (file.protocol !== "file:") throw new TypeError(`file must be a file: URL to read from disk, not a ${file.protocol} one (fetch it and pass the bytes)`);
    const { fileURLToPath } = await import("node:url");
    const path = fileURLToPath(file.href);
    return readPath(path);
  }
  if (file === null || typeof file !== "object") throw fileTypeError(file);
  if (typeof (file as BlobLike).arrayBuffer === "function") {
    const own = (file as BlobLike).name;
    const content = new Uint8Array(await (file as BlobLike).arrayBuffer());
    return typeof own === "string" && own ? { content, name: own } : { content };
  }
  if (typeof (file as ReadableStreamLike).getReader === "function") return { content: await readWebStream(file as ReadableStreamLike) };
  if (typeof (file as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function") {
    const path = (file as { path?: unknown }).path; // an fs.ReadStream knows its file
    const content = await readIterable(file as AsyncIterable<unknown>, () => (file as { destroy?: () => void }).destroy?.());
    const name = typeof path === "string" ? baseName(path) : undefined;
    return name === undefined ? { content } : { content, name };
  }
  throw fileTypeError(file);
}

async function readPath(path: string): Promise<ReadFile> {
  const { open } = await import("node:fs/promises");
  const handle = await open(path, "r");
  try {
    const buffer = new Uint8Array(READ_LIMIT);
    let length = 0;
    while (length < READ_LIMIT) {
      const { bytesRead } = await handle.read(buffer, length, READ_LIMIT - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    const content = buffer.slice(0, length);
    const name = baseName(path);
    return name === undefined ? { content } : { content, name };
  } finally {
    await handle.close();
  }
}

class Chunks {
  readonly parts: Uint8Array[] = [];
  length = 0;
  /** Adds a chunk; false once READ_LIMIT bytes are held (the rest is not needed). */
  add(chunk: unknown): boolean {
    let bytes: Uint8Array;
    if (chunk instanceof Uint8Array) bytes = chunk;
    else if (typeof chunk === "string") bytes = new TextEncoder().encode(chunk);
    else if (chunk instanceof ArrayBuffer) bytes = new Uint8Array(chunk);
    else throw new TypeError(`file: the stream gave a ${chunk === null ? "null" : typeof chunk} chunk, not bytes (an object-mode stream?)`);
    const room = READ_LIMIT - this.length;
    if (bytes.length > room) bytes = bytes.subarray(0, room);
    this.parts.push(bytes);
    this.length += bytes.length;
    return this.length < READ_LIMIT;
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}

async function readIterable(stream: AsyncIterable<unknown>, stop: () => void): Promise<Uint8Array> {
  const chunks = new Chunks();
  for await (const chunk of stream) {
    if (!chunks.add(chunk)) {
      stop();
      break;
    }
  }
  return chunks.bytes();
}

async function readWebStream(stream: ReadableStreamLike): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks = new Chunks();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!chunks.add(value)) {
        await reader.cancel?.();
        break;
      }
    }
  } finally {
    reader.releaseLock?.();
  }
  return chunks.bytes();
}
