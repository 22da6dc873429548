/**
 * A one-button form shown inline as a link-style button (e.g. "Remove" in a table row): posts
 * `intent` and the given hidden fields to the page's action. Works without JavaScript. Put the
 * thing acted on in visually hidden text inside `children`, so each button has a unique name.
 */
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

export function InlineAction({ intent, fields = {}, children }: { intent: string; fields?: Record<string, string | number>; children: ReactNode }) {
  return (
    <Form method="post" className="moot-inline-form">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="moot-link-button">
        {children}
      </button>
    </Form>
  );
}
