import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  readonly json: { error?: { code: string; message: string } } | undefined;
}

/**
 * One request with full control of its headers (Host, Origin, Sec-Fetch-*), as a browser or a
 * hostile page would send it; fetch would not let a test set them all.
 */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, {
      method: options.method ?? "GET",
      headers: options.headers,
    });
    outgoing.on("error", reject);
    outgoing.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        text += chunk;
      });
      response.on("end", () => {
        let json: RawResponse["json"];
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
      });
    });
    outgoing.end(options.body);
  });
}

/**
 * Bytes written straight to the worker's socket, for what no HTTP client sends: broken
 * requests, oversized headers, a body that trickles in. Resolves with all it answered once the
 * worker closes the connection.
 */
export function socketExchange(
  url: string,
  write: (send: (bytes: string) => void, closed: () => boolean) => void,
): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = "";
    let isClosed = false;
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      answer += chunk;
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      // The worker may cut the connection while bytes are still on their way: that is an answer.
      if (error.code !== "ECONNRESET" && error.code !== "EPIPE") reject(error);
    });
    socket.on("close", () => {
      isClosed = true;
      resolve(answer);
    });
    socket.on("connect", () =>
      write(
        (bytes) => {
          if (!isClosed) socket.write(bytes);
        },
        () => isClosed,
      ),
    );
  });
}

/** The JSON body of a raw HTTP/1.1 answer. */
export function answerBody(answer: string): unknown {
  return JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4));
}

/** The headers of a raw HTTP/1.1 answer, names lower-cased. */
export function answerHeaders(answer: string): Record<string, string> {
  const head = answer.slice(0, answer.indexOf("\r\n\r\n")).split("\r\n").slice(1);
  return Object.fromEntries(
    head.map((line) => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
}

/** An IPv4 address of this machine that is not loopback, if it has one. */
export const outsideAddress: string | undefined = Object.values(networkInterfaces())
  .flat()
  .find(
    (address) => address !== undefined && !address.internal && address.family === "IPv4",
  )?.address;
