/** What every seed step is given (db/seed/index.ts runs the steps). */
export interface SeedContext {
  passwordHash: string;
  now: Date;
}
