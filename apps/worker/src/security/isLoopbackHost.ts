import { isIP } from "node:net";

/** Names every machine resolves to itself, so no other site can point them elsewhere. */
export const LOOPBACK_NAMES: readonly string[] = ["127.0.0.1", "localhost", "::1"];

/**
 * Whether an address or name (brackets allowed around IPv6) reaches only this machine:
 * `localhost`, 127.0.0.0/8, `::1` and the IPv4-mapped form of 127.0.0.0/8.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (name === "localhost" || name === "::1") return true;
  const ipv4 = name.startsWith("::ffff:") ? name.slice("::ffff:".length) : name;
  return isIP(ipv4) === 4 && ipv4.startsWith("127.");
}
