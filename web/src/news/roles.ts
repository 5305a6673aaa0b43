// Who writes the news: the alliance's officials (a province's of their province only). Its own
// module: the shell's menu (routes.tsx) needs it without the pages' logic (the first screen).
import type { Role } from '../api/types';

export const NEWS_ROLES: readonly Role[] = ['national_admin', 'national_officer', 'province_admin', 'province_officer'];
