/**
 * A wide table on a narrow screen: the table scrolls sideways inside this region instead of
 * pushing the page wider than the screen. The region can be reached with the keyboard
 * (tabindex 0) and is named, so people know what they are scrolling (GOV.UK table guidance).
 */
import type { ReactNode } from "react";

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="moot-table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
