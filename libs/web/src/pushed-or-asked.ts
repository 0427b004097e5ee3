/**
 * A value a page keeps from two sources: pushes over the realtime socket, and
 * asking the API again now and then. A push rides core NATS, where a lost one
 * is not resent, so the page also asks; but an answer to a question asked
 * before the last push is older than that push, and is dropped.
 */
export class PushedOrAsked<T> {
  private lastPushAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly apply: (value: T) => void,
    private readonly now: () => number = Date.now,
  ) {}

  pushed(value: T): void {
    this.lastPushAt = this.now();
    this.apply(value);
  }

  /** Asks, and applies the answer unless a push came after the question; a failure is the caller's. */
  async ask(question: () => Promise<T>): Promise<void> {
    const askedAt = this.now();
    const answer = await question();
    if (this.lastPushAt < askedAt) this.apply(answer);
  }
}
