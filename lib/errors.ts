/** An expected failure with a message meant for people (shown as is). */
export class UserError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** The target does not exist or is not visible to the actor (never says which). */
export class NotFoundError extends UserError {
  constructor(what = "That item") {
    super(`${what} was not found.`);
    this.name = "NotFoundError";
  }
}

/** A state change lost a race or met a state that forbids it. */
export class ConflictError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

/** A short reference to correlate a logged failure with what the user saw. */
export function errorRef(): string {
  return Math.random().toString(36).slice(2, 8);
}
