/**
 * npm run db:backup [-- --file PATH]
 * npm run db:restore -- FILE [--force]
 * Against DATABASE_URL when set, otherwise the embedded PostgreSQL (as the app role). A backup can
 * be taken while Moot runs; a restore needs Moot stopped.
 */
import { locateDatabase } from "./config";
import { backupDatabase, BackupError, restoreDatabase } from "./backup";

const [command, ...args] = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1] === "--file"));

if (command !== "backup" && command !== "restore") {
  console.error("Usage: db/backup-cli.ts backup [--file PATH] | restore FILE [--force]");
  process.exit(2);
}
if (command === "restore" && positional.length !== 1) {
  console.error("Usage: npm run db:restore -- FILE [--force]   (FILE: a .dump made by npm run db:backup)");
  process.exit(2);
}

const location = await locateDatabase();
let exitCode = 0;
try {
  if (command === "backup") {
    const result = await backupDatabase(location.url, { file: value("--file") });
    console.log(`Backed up to ${result.file} (${(result.bytes / 1024).toFixed(0)} KB, ${result.ms} ms).`);
  } else {
    if (location.embedded && !location.embedded.owned) {
      throw new BackupError("Moot is running on this database: stop it (Ctrl+C or SIGTERM), then restore.");
    }
    const result = await restoreDatabase(location.url, positional[0]!, { force: flag("--force") });
    if (result.safetyBackup) console.log(`What was in the database before is in ${result.safetyBackup}.`);
    console.log(`Restored ${positional[0]} (${result.ms} ms). Start Moot again: migrations newer than the backup run then.`);
  }
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  exitCode = 1;
} finally {
  await location.embedded?.stop();
}
process.exit(exitCode);
