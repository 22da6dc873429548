/** The session cookie's name: set by the auth module (lucia), and what the page cache looks for to leave signed-in requests alone. */
export const SESSION_COOKIE = "moot_session";
