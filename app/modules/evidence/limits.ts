/** Limits on one indicator-value CSV import (shown on the import page, enforced by the module). */
export const MAX_CSV_BYTES = 1024 * 1024;
export const MAX_CSV_ROWS = 20_000;
