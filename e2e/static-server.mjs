// A minimal static file server for the built site (dist/), used by the
// end-to-end tests and by scripts/serve.sh. Loopback only; no dependencies.
// It behaves as common static hosts do: gzip, and an ETag with
// "304 Not Modified" for a revalidation. It keeps a log of what it sent
// (path, status, body bytes, and every byte of the response on the wire),
// which the size budget is measured from.
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".webmanifest", ".svg", ".csv", ".txt"]);

export function startServer(root, port = 0, host = "127.0.0.1") {
  const base = resolve(root);
  /**
   * Every response: `{ path, status, bytes, wire, requestWire }`. `bytes` is
   * the body as sent (gzip); `wire` is everything the server wrote to the
   * connection for it (status line, headers, chunked framing, body: the
   * socket's byte count before and after); `requestWire` what it read for the
   * request (request line and headers; since the previous request on the
   * same connection).
   */
  const log = [];
  const readBefore = new WeakMap(); // connection → bytes read up to its last request
  const server = createServer(async (request, response) => {
    const socket = request.socket;
    const writtenBefore = socket.bytesWritten;
    const requestWire = socket.bytesRead - (readBefore.get(socket) ?? 0);
    readBefore.set(socket, socket.bytesRead);
    // Filled in when the response has been handed to the connection.
    const record = (entry) => {
      log.push(entry);
      response.on("finish", () => {
        entry.wire = socket.bytesWritten - writtenBefore;
      });
    };
    try {
      const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
      let file = normalize(join(base, path));
      if (!file.startsWith(base)) {
        response.writeHead(403).end();
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, "index.html");
      let body = await readFile(file);
      const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
      const headers = {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-cache",
        etag,
      };
      if (request.headers["if-none-match"] === etag) {
        record({ path, status: 304, bytes: 0, requestWire });
        response.writeHead(304, headers).end();
        return;
      }
      // Compress as any real static host does (the size budget is in gzip).
      if (/\bgzip\b/.test(request.headers["accept-encoding"] ?? "") && COMPRESSIBLE.has(extname(file))) {
        body = gzipSync(body, { level: 9 });
        headers["content-encoding"] = "gzip";
        headers.vary = "accept-encoding";
      }
      record({ path, status: 200, bytes: body.length, requestWire });
      response.writeHead(200, headers);
      response.end(body);
    } catch {
      record({ path: request.url, status: 404, bytes: 9, requestWire });
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  return new Promise((done) => {
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      done({ url: `http://${host}:${actual}/`, log, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

// `node e2e/static-server.mjs dist 8080` serves until interrupted.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [root = "dist", port = "8080"] = process.argv.slice(2);
  const { url } = await startServer(root, Number(port));
  console.log(`Serving ${resolve(root)} at ${url} (Ctrl+C to stop)`);
}
