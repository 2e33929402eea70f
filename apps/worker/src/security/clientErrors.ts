import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { ApiError } from "../ApiError";
import { securityHeaders } from "./securityHeaders";

/** What Node's HTTP parser refused, in the API's terms. */
function describeClientError(error: NodeJS.ErrnoException): ApiError {
  if (error.code === "HPE_HEADER_OVERFLOW") {
    return new ApiError(
      431,
      "HEADERS_TOO_LARGE",
      "The request's headers are larger than the worker accepts (16 KiB in all): send fewer or shorter ones, e.g. clear this site's cookies.",
    );
  }
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    return new ApiError(
      408,
      "REQUEST_TIMEOUT",
      "The request took too long to arrive: send its headers and body in one go.",
    );
  }
  const reason = (error as { reason?: string }).reason ?? error.message;
  return new ApiError(
    400,
    "BAD_REQUEST",
    `The request is not valid HTTP/1.1 (${reason}): check how it is written.`,
  );
}

/**
 * Fastify's `clientErrorHandler`: a request Node could not parse, or that arrived too slowly,
 * still gets the API's error shape and the security headers, then the connection is closed.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  if (socket.writable) {
    const apiError = describeClientError(error);
    const body = JSON.stringify(apiError.toJSON());
    const headers = {
      ...securityHeaders(),
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(body),
      connection: "close",
    };
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${String(value)}`);
    const status = `HTTP/1.1 ${apiError.statusCode} ${STATUS_CODES[apiError.statusCode]}`;
    socket.end(`${status}\r\n${lines.join("\r\n")}\r\n\r\n${body}`);
    return;
  }
  socket.destroy(error);
}

/** A path segment longer than any name the worker routes. */
export function pathTooLong(maxParamLength: number): ApiError {
  return new ApiError(
    414,
    "PATH_TOO_LONG",
    `A part of the path is longer than ${maxParamLength} characters: no pipeline or run has a name that long.`,
  );
}

/**
 * Fastify's `frameworkErrors`: errors its router raises before any route or hook runs (a
 * path that is not valid percent-encoding, a path segment past `maxParamLength`).
 */
export function frameworkErrorHandler(
  headers: ReturnType<typeof securityHeaders>,
  maxParamLength: number,
) {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void => {
    const apiError =
      error.code === "FST_ERR_MAX_PARAM_LENGTH"
        ? pathTooLong(maxParamLength)
        : error.code === "FST_ERR_BAD_URL"
          ? new ApiError(
              400,
              "BAD_URL",
              "The path is not valid percent-encoding (a % must be followed by two hex digits of UTF-8): encode names with encodeURIComponent.",
            )
          : new ApiError(400, "BAD_REQUEST", error.message);
    void reply.headers(headers).status(apiError.statusCode).send(apiError.toJSON());
  };
}
