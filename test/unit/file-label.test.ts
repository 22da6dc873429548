import { describe, expect, it } from "vitest";
import { describeFile, fileSize } from "../../app/lib/file-label";

describe("file labels", () => {
  it("says the kind and size as GOV.UK attachments do", () => {
    expect(describeFile("application/pdf", 245 * 1024)).toBe("PDF, 245 KB");
    expect(describeFile("application/vnd.openxmlformats-officedocument.wordprocessingml.document", 1_572_864)).toBe("Word document, 1.5 MB");
    expect(describeFile("image/png", 10)).toBe("PNG image, 1 KB");
    expect(describeFile("application/x-unknown", 2048)).toBe("File, 2 KB");
    expect(fileSize(1023 * 1024)).toBe("1,023 KB");
  });
});
