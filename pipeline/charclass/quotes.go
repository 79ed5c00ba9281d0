package charclass

// ASCIIQuote returns the ASCII quote that the ASCII quote style puts in
// place of r: '"' for the curly, low-9, reversed and fullwidth double
// quotes (U+201C–U+201F, U+FF02), a straight single quote for the single ones (U+2018–
// U+201B, U+FF07), and 0 for any other character. Guillemets and primes
// are not quotes it replaces.
func ASCIIQuote(r rune) byte {
	switch r {
	case 0x2018, 0x2019, 0x201A, 0x201B, 0xFF07:
		return '\''
	case 0x201C, 0x201D, 0x201E, 0x201F, 0xFF02:
		return '"'
	}
	return 0
}

// IsQuote reports whether r is a quotation mark or apostrophe, straight
// or typographic, guillemets included: " ' “ ” „ ‟ ‘ ’ ‚ ‛ « » ‹ ›.
func IsQuote(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '„', '‟', '‘', '’', '‚', '‛', '«', '»', '‹', '›':
		return true
	}
	return false
}

// OpensQuote reports whether r is a typographic mark that opens a
// quotation in the languages copydesk knows, and never closes one next
// to a word in English: “ ‘ « ‹ „ ‚.
func OpensQuote(r rune) bool {
	switch r {
	case '“', '‘', '«', '‹', '„', '‚':
		return true
	}
	return false
}

// ClosesQuote reports whether r is a typographic mark that closes a
// quotation or is an apostrophe: ” ’ » ›.
func ClosesQuote(r rune) bool {
	switch r {
	case '”', '’', '»', '›':
		return true
	}
	return false
}

// IsPrime reports whether r is a prime or double prime (′ ″), which
// stand for feet and inches or minutes and seconds, not quotes.
func IsPrime(r rune) bool { return r == '′' || r == '″' }
