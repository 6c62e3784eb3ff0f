// crx3 ships no types; only the API scripts/build/package.ts uses.
declare module 'crx3' {
  interface Crx3Options {
    keyPath: string;
    crxPath: string;
  }
  export default function crx3(files: string[], options: Crx3Options): Promise<void>;
}
