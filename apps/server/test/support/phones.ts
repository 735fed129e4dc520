// Phone numbers for test sign-ins: a prefix per file (or helper) and this process's id keep files that share a
// database apart; the counter keeps each number new.
export function phoneNumbers(prefix: string): () => string {
  let counter = 0;
  return () => `${prefix}${String(process.pid % 1000).padStart(3, '0')}${String(++counter).padStart(4, '0')}`;
}
