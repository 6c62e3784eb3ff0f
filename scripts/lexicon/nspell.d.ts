// nspell ships no types; the build script uses only its constructor and correct().
declare module 'nspell' {
  interface Speller {
    correct(word: string): boolean;
  }
  export default function nspell(dictionary: { aff: Uint8Array | string; dic: Uint8Array | string }): Speller;
}
