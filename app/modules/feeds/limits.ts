/** The feed's limits, shared by the schemas (server) and the page (browser) without pulling zod into the page. */
export const COMMENT_MAX = 2000;
export const FLAG_REASON_MAX = 500;
export const POLL_OPTIONS_MIN = 2;
export const POLL_OPTIONS_MAX = 10;
/** A comment can be edited for this long after it is posted. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;
/** Replies nest at most this deep below a top-level comment (0 = top level). */
export const MAX_DEPTH = 2;
export const PAGE_SIZE = 20;
