import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formInput, formValues, validate } from "../../app/lib/forms";

describe("formInput", () => {
  it("builds nested objects and arrays from GOV.UK field names", () => {
    const fd = new FormData();
    fd.append("title", "A");
    fd.append("answers[0].text", "first");
    fd.append("answers[1].text", "second");
    fd.append("tags", "x");
    fd.append("tags", "y");
    expect(formInput(fd)).toEqual({ title: "A", answers: [{ text: "first" }, { text: "second" }], tags: ["x", "y"] });
  });
});

describe("formValues", () => {
  it("keeps what was typed but never echoes a password", () => {
    const fd = new FormData();
    fd.append("email", "a@b.c");
    fd.append("password", "secret");
    fd.append("newPassword", "secret2");
    expect(formValues(fd)).toEqual({ email: "a@b.c" });
  });
});

describe("validate", () => {
  const schema = z.object({ name: z.string().min(1, "Enter a name"), items: z.array(z.object({ n: z.coerce.number().int("Whole number") })) });

  it("maps each issue to its field path, first message per field", () => {
    const result = validate(schema, { name: "", items: [{ n: "1" }, { n: "1.5" }] });
    expect(result).toEqual({ ok: false, status: 400, errors: { name: "Enter a name", "items[1].n": "Whole number" } });
  });

  it("returns the parsed value", () => {
    expect(validate(schema, { name: "x", items: [{ n: "2" }] })).toEqual({ ok: true, value: { name: "x", items: [{ n: 2 }] } });
  });
});
