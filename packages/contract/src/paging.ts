// Paging inputs shared by every REST list: an opaque cursor and a page size.
import * as z from 'zod';

export const Cursor = z.string().min(1).max(200);
export const Limit = z.coerce.number<number>().int().min(1).max(100).default(20);
