// What test/global-setup.ts provides to the test files through vitest's inject().
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    bidwireUrl: string;
    bidwireServiceKey: string;
  }
}
