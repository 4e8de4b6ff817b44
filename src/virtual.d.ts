declare module 'virtual:builtin-decks' {
  import type { DeckBundle } from './domain/deck-format/bundle';
  const bundle: DeckBundle;
  export default bundle;
}
declare module 'virtual:builtin-decks-version' {
  const version: string;
  export default version;
}
