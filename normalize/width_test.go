package normalize

import "testing"

func TestWidth(t *testing.T) {
	on := widthStage{on: true}
	testStage(t, on, []stageTest{
		{name: "empty", in: "", want: ""},
		{name: "plain", in: "ABC 123, café.", want: "ABC 123, café."},
		{name: "fullwidth letters and digits", in: "Ｔｏｋｙｏ ２０２０", want: "Tokyo 2020",
			findings: []string{"unicode.width 0:15", "unicode.width 16:28"}},
		{name: "fullwidth punctuation in Latin text", in: "ＡＢ！ (ｘ＝１)", want: "AB! (x=1)",
			findings: []string{"unicode.width 0:9", "unicode.width 11:20"}},
		{name: "fullwidth entity folds to a literal", in: "＆ａｍｐ；", want: "&amp;",
			findings: []string{"unicode.width 0:15"}},
		{name: "ideographic space between Latin words", in: "a\u3000\u3000b", want: "a  b",
			findings: []string{"unicode.width 1:7"}},
		// East Asian typography stays; letters inside it are folded.
		{name: "CJK punctuation stays", in: "東京（本社）、「はい」！", want: "東京（本社）、「はい」！"},
		{name: "letters in CJK text fold", in: "東京（ＡＢＣ）", want: "東京（ABC）",
			findings: []string{"unicode.width 9:18"}},
		{name: "indenting ideographic spaces stay", in: "\u3000\u3000本文", want: "\u3000\u3000本文"},
		{name: "CJK context is seen past Latin words", in: "東京 ABC！ Hello！", want: "東京 ABC！ Hello！"},
		{name: "Latin context", in: "Hello！ Ｗｏｒｌｄ？", want: "Hello! World?",
			findings: []string{"unicode.width 5:8", "unicode.width 9:27"}},
		{name: "ideographic space between Han stays", in: "東京\u3000大阪", want: "東京\u3000大阪"},
		{name: "halfwidth katakana widen and compose", in: "ｶﾀｶﾅ ｶﾞｲﾄﾞ", want: "カタカナ ガイド",
			findings: []string{"unicode.width 0:12", "unicode.width 13:28"}},
		{name: "halfwidth sound mark after a full kana", in: "カﾞ", want: "ガ",
			findings: []string{"unicode.width 3:6"}},
		{name: "halfwidth hangul", in: "ﾡ", want: "ㄱ", findings: []string{"unicode.width 0:3"}},
		{name: "fullwidth signs", in: "price ￡5 ￥300", want: "price £5 ¥300",
			findings: []string{"unicode.width 6:9", "unicode.width 11:14"}},
		{name: "invalid bytes", in: "\xef\xbc Ａ\xe3", want: "\xef\xbc A\xe3",
			findings: []string{"unicode.width 3:6"}},
	})
	testStage(t, widthStage{}, []stageTest{
		{name: "off", in: "ＡＢＣ ｶﾀｶﾅ", want: "ＡＢＣ ｶﾀｶﾅ"},
	})
}
