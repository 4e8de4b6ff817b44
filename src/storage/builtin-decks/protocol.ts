/** The built-in decks' worker answers one message: done, or the storage error it met. */
export type BuiltinDecksReply = { ok: true } | { ok: false; name: string; message: string };
