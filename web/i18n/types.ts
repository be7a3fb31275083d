/**
 * The shape every language must give a message file: the same keys as the Chinese original, strings
 * where it has strings and functions with the same parameters where it has functions. A missing or
 * extra key in the English object is a compile error.
 */
export type MessagesOf<T> = {
  [K in keyof T]: T[K] extends string
    ? string
    : T[K] extends (...args: infer A) => string
      ? (...args: A) => string
      : MessagesOf<T[K]>;
};
