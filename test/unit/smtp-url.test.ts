/** SMTP_URL becomes nodemailer options (nodemailer itself drops every other option when given `url`). */
import { describe, expect, it } from "vitest";
import { smtpOptionsFromUrl } from "../../app/modules/notifications/transport.server";

describe("smtpOptionsFromUrl", () => {
  it("reads host, port, TLS and the (URL-encoded) login", () => {
    expect(smtpOptionsFromUrl("smtp://relay.example:2525")).toEqual({ host: "relay.example", port: 2525, secure: false });
    expect(smtpOptionsFromUrl("smtps://moot%40council.example:p%3Ass@relay.example")).toEqual({ host: "relay.example", port: 465, secure: true, auth: { user: "moot@council.example", pass: "p:ss" } });
    expect(smtpOptionsFromUrl("smtp://relay.example").port).toBe(587);
  });
  it("passes query parameters on as options, numbers and true/false converted", () => {
    expect(smtpOptionsFromUrl("smtp://relay.example?maxConnections=2&ignoreTLS=true&name=moot")).toMatchObject({ maxConnections: 2, ignoreTLS: true, name: "moot" });
  });
  it("refuses another scheme", () => {
    expect(() => smtpOptionsFromUrl("http://relay.example")).toThrow(/smtp:\/\//);
  });
});
