package normalize

import "github.com/copydesk/copydesk/pipeline/bytescan"

// skipASCII returns the offset of the first non-ASCII byte at or after i,
// or len(s) (bytescan.SkipASCII).
func skipASCII(s string, i int) int { return bytescan.SkipASCII(s, i) }

// skipPrintableASCII returns the offset of the first byte at or after i
// that is not printable ASCII, or len(s) (bytescan.SkipPrintableASCII).
func skipPrintableASCII(s string, i int) int { return bytescan.SkipPrintableASCII(s, i) }
