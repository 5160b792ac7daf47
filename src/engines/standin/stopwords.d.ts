/**
 * The English list of the `stopword` package, imported alone so that only it (not the package's
 * other 60 languages) reaches the worker bundle. The package ships no type declarations.
 */
declare module 'stopword/src/stopwords_eng.js' {
  export const eng: readonly string[];
}
