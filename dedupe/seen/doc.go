// Package seen remembers paragraph fingerprints across runs: which
// fingerprints a corpus job has met before and where it met each first.
//
// An Index answers one question for a batch of fingerprints: was each
// seen before, and if so where? New fingerprints are added with their
// origin in the same call (test-and-add), so one document's paragraphs are
// checked and recorded at once, in input order.
//
// Two stores implement it: OpenMemory, a hash table for one run, and
// Open, an append-only log on disk that is read into a hash table when it
// is opened. The log keeps about 10 bytes per fingerprint (the 8-byte
// fingerprint and its paragraph number, plus the document's name once per
// document) and is crash-safe: a batch that Commit returned for is found
// again after any crash, and a torn tail is cut off when the log is next
// opened. Each frame of the log checksums its length and its payload, so
// damage is never taken for a torn tail: a log damaged elsewhere than at
// its very end is refused with a *CorruptError naming the file and the
// byte, and left as it is, unless OpenWith is asked to repair it (every
// good frame kept, the dropped bytes reported). The log records the fingerprint version it was built with
// (Open's version argument) and refuses to open under another one, since
// fingerprints of a different normalization would silently never match.
package seen
