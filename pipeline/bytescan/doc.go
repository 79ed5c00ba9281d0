// Package bytescan holds the byte-level helpers copydesk's scanners share:
// eight-byte (SWAR) loads and masks, and scans that skip runs of plain
// ASCII text. It is a leaf package: it imports nothing of copydesk's, and
// stages, the word folding, the sentence splitter and the JSON Lines
// scanner all use it, so the constants and the tricks are written once.
//
// A word is eight bytes of text loaded little-endian: byte i of the text
// is bits 8i to 8i+7. A mask has 0x80 in the bytes it flags and 0 in the
// others; bits.TrailingZeros64(m)>>3 is the offset of the first flagged
// byte.
package bytescan
