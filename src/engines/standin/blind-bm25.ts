/**
 * BM25 similarity between one query and a handful of documents (the demos' inputs): how the
 * blind reader decides which demos look like the input. Scores are normalised to [0, 1] so a
 * fixed threshold means the same thing in every prompt.
 */
import { BM25_B, BM25_K1 } from './blind-params';

export class Bm25Index {
  private readonly docs: readonly ReadonlyMap<string, number>[];
  private readonly lengths: readonly number[];
  private readonly avgLength: number;
  private readonly docFreq = new Map<string, number>();

  /** `docs`: each document's (stemmed content) words, repeats kept. */
  constructor(docs: readonly (readonly string[])[]) {
    this.docs = docs.map((words) => {
      const tf = new Map<string, number>();
      for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
      return tf;
    });
    this.lengths = docs.map((d) => d.length);
    const total = this.lengths.reduce((a, b) => a + b, 0);
    this.avgLength = docs.length > 0 ? Math.max(1, total / docs.length) : 1;
    for (const tf of this.docs)
      for (const w of tf.keys()) this.docFreq.set(w, (this.docFreq.get(w) ?? 0) + 1);
  }

  /**
   * The non-negative IDF of Lucene's BM25, ln(1 + (N - n + 0.5) / (n + 0.5)): a word in no
   * document has the largest IDF, so an input word no demo shares lowers every similarity.
   */
  private idf(word: string): number {
    const n = this.docFreq.get(word) ?? 0;
    const N = this.docs.length;
    return Math.log(1 + (N - n + 0.5) / (n + 0.5));
  }

  /**
   * Each document's similarity to the query in [0, 1]: its BM25 score divided by the sum of the
   * query words' IDF, which is what a document of average length holding each query word once
   * would score. So 1 means "has every input word", 0.5 "has half of the input's IDF mass".
   */
  similarities(query: readonly string[]): number[] {
    const unique = [...new Set(query)];
    const idfs = unique.map((w) => this.idf(w));
    const mass = idfs.reduce((a, b) => a + b, 0);
    return this.docs.map((tf, d) => {
      if (mass <= 0) return 0;
      const norm = BM25_K1 * (1 - BM25_B + (BM25_B * (this.lengths[d] ?? 0)) / this.avgLength);
      let score = 0;
      unique.forEach((w, i) => {
        const f = tf.get(w) ?? 0;
        if (f > 0) score += ((idfs[i] ?? 0) * f * (BM25_K1 + 1)) / (f + norm);
      });
      return Math.min(1, score / mass);
    });
  }
}
