/** A value made on first use, then kept. */
export const once = <T>(make: () => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};
