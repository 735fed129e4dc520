// Testing Library waits up to 1 s by default; a loaded CI machine (the server suites run beside these tests)
// needs longer for a round trip through the real server.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 10_000 });
