/** A mistake in how the command was called (bad file, option or name): exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
