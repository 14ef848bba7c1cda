/**
 * How host-free code asks for localised text: `vscode.l10n.t` in the editor, a plain placeholder
 * filler in unit tests. The message is the English text with `{name}` placeholders.
 */
export type Translate = (message: string, args?: Record<string, string | number>) => string;

/** Fills `{name}` placeholders without translating; what unit tests and English users see. */
export const fillPlaceholders: Translate = (message, args = {}) =>
  message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in args ? String(args[name]) : whole,
  );
