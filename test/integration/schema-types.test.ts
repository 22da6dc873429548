/**
 * The hand-written Kysely table types (db/schema.ts and db/tables/*.ts) match the migrated
 * database: the same tables and columns, the same nullability, a column the types let an insert
 * leave out has a default in the database, enum columns list the database's labels, and each
 * column's TypeScript type is what node-postgres returns for its PostgreSQL type (coarsely:
 * number, string, boolean, Date, Buffer, array; json is not checked). The types are read with the
 * TypeScript compiler's type checker, so `Generated<…>`, `ColumnType<…>` and aliases resolve as
 * the compiler sees them.
 */
import { resolve } from "node:path";
import { sql } from "kysely";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();

type Kind = "number" | "string" | "boolean" | "Date" | "Buffer" | "array" | "object";

interface TsColumn {
  kinds: Kind[];
  /** String literals, when the column is a union of them (an enum). */
  literals: string[] | null;
  nullable: boolean;
  /** The insert type admits undefined: an insert may leave the column out. */
  optionalOnInsert: boolean;
}

function tsTables(): Map<string, Map<string, TsColumn>> {
  const file = resolve("db/schema.ts");
  const program = ts.createProgram([file], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const db = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).find((s) => s.name === "DB")!;
  const members = (type: ts.Type) => checker.getPropertiesOfType(type).map((s) => [s.name, checker.getTypeOfSymbol(s)] as const);
  const parts = (type: ts.Type): ts.Type[] => (type.isUnion() ? type.types : [type]);
  /** The select or insert side of a column type: `ColumnType<S, I, U>` (also inside `… | null`) gives S or I. */
  const side = (type: ts.Type, name: "__select__" | "__insert__") =>
    parts(type).flatMap((part) => {
      const symbol = part.getProperty(name);
      return symbol ? parts(checker.getTypeOfSymbol(symbol)) : [part];
    });
  const kindOf = (type: ts.Type): Kind => {
    if (type.flags & (ts.TypeFlags.NumberLike)) return "number";
    if (type.flags & ts.TypeFlags.StringLike) return "string";
    if (type.flags & ts.TypeFlags.BooleanLike) return "boolean";
    if (checker.isArrayType(type)) return "array";
    const name = type.getSymbol()?.name ?? type.aliasSymbol?.name;
    if (name === "Date") return "Date";
    if (name === "Buffer") return "Buffer";
    return "object";
  };
  const tables = new Map<string, Map<string, TsColumn>>();
  for (const [table, tableType] of members(checker.getDeclaredTypeOfSymbol(db))) {
    const columns = new Map<string, TsColumn>();
    for (const [column, columnType] of members(tableType)) {
      const select = side(columnType, "__select__");
      const insert = side(columnType, "__insert__");
      const present = select.filter((p) => !(p.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
      const literals = present.every((p) => p.isStringLiteral()) ? present.map((p) => (p as ts.StringLiteralType).value).sort() : null;
      columns.set(column, {
        kinds: [...new Set(present.map(kindOf))].sort(),
        literals,
        nullable: select.some((p) => p.flags & ts.TypeFlags.Null),
        optionalOnInsert: insert.some((p) => p.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)),
      });
    }
    tables.set(table, columns);
  }
  return tables;
}

/** What node-postgres returns for a PostgreSQL type (db/client.ts reads int8 as a number). */
const PG_KINDS: Record<string, Kind | null> = {
  int2: "number",
  int4: "number",
  int8: "number",
  float4: "number",
  float8: "number",
  numeric: "string",
  text: "string",
  varchar: "string",
  bpchar: "string",
  citext: "string",
  uuid: "string",
  bool: "boolean",
  timestamptz: "Date",
  timestamp: "Date",
  date: "Date",
  bytea: "Buffer",
  json: null,
  jsonb: null,
};

interface DbColumn {
  table_name: string;
  column_name: string;
  is_nullable: "YES" | "NO";
  data_type: string;
  udt_name: string;
  column_default: string | null;
  is_identity: "YES" | "NO";
  is_generated: "ALWAYS" | "NEVER";
}

describe("the table types match the migrated schema", () => {
  // Reads the table types with the TypeScript compiler: ~4 s alone, 45 s once beside the browser
  // suite on a loaded machine, past the default 20 s.
  it("has the same tables and columns, nullability, defaults and types", { timeout: 120_000 }, async () => {
    const { rows } = await sql<DbColumn>`
      SELECT c.table_name, c.column_name, c.is_nullable, c.data_type, c.udt_name, c.column_default, c.is_identity, c.is_generated
      FROM information_schema.columns c
      JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public' AND c.table_name NOT LIKE 'kysely_migration%'
      ORDER BY c.table_name, c.ordinal_position`.execute(t.db);
    const enums = await sql<{ name: string; labels: string[] }>`
      SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumlabel::text) AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`.execute(t.db);
    const enumLabels = new Map(enums.rows.map((e) => [e.name, [...e.labels].sort()]));

    const declared = tsTables();
    const problems: string[] = [];
    const dbTables = new Map<string, DbColumn[]>();
    for (const row of rows) dbTables.set(row.table_name, [...(dbTables.get(row.table_name) ?? []), row]);

    for (const table of dbTables.keys()) if (!declared.has(table)) problems.push(`table ${table} is in the database but not in the DB interface`);
    for (const table of declared.keys()) if (!dbTables.has(table)) problems.push(`table ${table} is in the DB interface but not in the database`);

    for (const [table, dbColumns] of dbTables) {
      const tsColumns = declared.get(table);
      if (!tsColumns) continue;
      for (const c of dbColumns) {
        const where = `${table}.${c.column_name}`;
        const col = tsColumns.get(c.column_name);
        if (!col) {
          problems.push(`${where} is in the database but not in the types`);
          continue;
        }
        const dbNullable = c.is_nullable === "YES";
        if (dbNullable !== col.nullable) problems.push(`${where}: the database says ${dbNullable ? "NULL" : "NOT NULL"}, the type ${col.nullable ? "admits" : "excludes"} null`);
        const hasDefault = c.column_default !== null || c.is_identity === "YES" || c.is_generated === "ALWAYS" || dbNullable;
        if (col.optionalOnInsert && !hasDefault) problems.push(`${where}: the type lets an insert leave it out, but the database has no default`);
        const isArray = c.data_type === "ARRAY";
        const isEnum = enumLabels.has(c.udt_name);
        const expected: Kind | null = isArray ? "array" : isEnum ? "string" : c.udt_name in PG_KINDS ? PG_KINDS[c.udt_name]! : "string";
        if (expected && (col.kinds.length !== 1 || col.kinds[0] !== expected)) problems.push(`${where}: PostgreSQL ${c.udt_name} reads as ${expected}, the type says ${col.kinds.join(" | ")}`);
        if (isEnum && col.literals && col.literals.join() !== enumLabels.get(c.udt_name)!.join()) {
          problems.push(`${where}: enum ${c.udt_name} has ${enumLabels.get(c.udt_name)!.join(", ")}; the type has ${col.literals.join(", ")}`);
        }
      }
      const inDb = new Set(dbColumns.map((c) => c.column_name));
      for (const column of tsColumns.keys()) if (!inDb.has(column)) problems.push(`${table}.${column} is in the types but not in the database`);
    }
    expect(problems).toEqual([]);
  });
});
