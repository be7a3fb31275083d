/** A file whose type matched but whose structure does not hold together (truncated, overrunning). */
export class InvalidImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidImageError';
  }
}
