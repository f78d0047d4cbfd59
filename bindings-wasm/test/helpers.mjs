// Shared by the tests: paths, fixtures, the sandbox server process.

import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const here = dirname(fileURLToPath(import.meta.url));
export const packageRoot = resolve(here, "..");
export const repoRoot = resolve(here, "..", "..");
export const dist = join(packageRoot, "pkg", "dist");

export const drivingLicence = readFileSync(join(repoRoot, "tests", "fixtures", "sample_driving_licence.png"));
export const photo = readFileSync(join(repoRoot, "tests", "fixtures", "sample_photo.png"));

/** The onfido-sandbox binary: $ONFIDO_SANDBOX_BIN, else the shared cargo target dir's debug build. */
export function sandboxBinary() {
  if (process.env.ONFIDO_SANDBOX_BIN) return process.env.ONFIDO_SANDBOX_BIN;
  const target = process.env.CARGO_TARGET_DIR || join(process.env.HOME || "", ".cache", "onfido-core", "target");
  const path = join(target, "debug", "onfido-sandbox");
  if (!existsSync(path)) throw new Error(`no onfido-sandbox at ${path}: run cargo build -p onfido-sandbox or set ONFIDO_SANDBOX_BIN`);
  return path;
}

/**
 * Starts `onfido-sandbox --port 0` with a piped stdin (the server stops if this process dies) and resolves to
 * `{ url, stop }` once it prints `listening on URL`.
 */
export function startSandboxServer(args = []) {
  const child = spawn(sandboxBinary(), ["--port", "0", ...args], { stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error("onfido-sandbox did not start within 20 s")), 20_000);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`onfido-sandbox exited early (${code})`)));
    lines.once("line", (line) => {
      clearTimeout(timer);
      const match = /^listening on (\S+)/.exec(line);
      if (!match) return reject(new Error(`unexpected first line from onfido-sandbox: ${line}`));
      child.removeAllListeners("exit");
      // SIGTERM: closing stdin alone leaves the server waiting on fetch's idle keep-alive connections.
      const stop = () =>
        new Promise((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once("exit", () => done());
          child.kill("SIGTERM");
          setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
        });
      resolvePromise({ url: match[1], stop, child });
    });
  });
}
