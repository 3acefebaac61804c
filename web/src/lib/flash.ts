// A message for the next page: "Casus WS-2018-007 is aangemaakt" survives the
// navigation from /casussen/nieuw to /casussen/12 and is shown (once) there, with the
// server's warnings about the saved text when there were any.
import type { Warning } from './api';

export interface Flash {
  message: string;
  warnings: Warning[];
}

let pending: Flash | null = null;

export function setFlash(message: string, warnings: Warning[] = []): void {
  pending = { message, warnings };
}

export function takeFlash(): Flash | null {
  const m = pending;
  pending = null;
  return m;
}
