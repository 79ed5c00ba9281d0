package config

import (
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// lineMap maps dotted key paths ("normalize.quotes", "rules.dedupe.word")
// to the line that defines them.
type lineMap map[string]int

// keyLines finds the line of every table and key of a TOML document that
// go-toml has already decoded without error.
func keyLines(data []byte) lineMap {
	m := lineMap{}
	var p unstable.Parser
	p.Reset(data)
	var table []string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = table[:0]
			line := 0
			it := e.Key()
			for it.Next() {
				k := it.Node()
				if line == 0 {
					line = p.Shape(k.Raw).Start.Line
				}
				table = append(table, string(k.Data))
			}
			m.add(table, line)
		case unstable.KeyValue:
			m.keyValue(&p, table, e)
		}
	}
	return m
}

// keyValue records the key of a key-value node under prefix and, for an
// inline table, the keys inside it.
func (m lineMap) keyValue(p *unstable.Parser, prefix []string, kv *unstable.Node) {
	key := append([]string(nil), prefix...)
	line := 0
	it := kv.Key()
	for it.Next() {
		k := it.Node()
		if line == 0 {
			line = p.Shape(k.Raw).Start.Line
		}
		key = append(key, string(k.Data))
	}
	m.add(key, line)
	if v := kv.Value(); v.Kind == unstable.InlineTable {
		c := v.Children()
		for c.Next() {
			if n := c.Node(); n.Kind == unstable.KeyValue {
				m.keyValue(p, key, n)
			}
		}
	}
}

func (m lineMap) add(key []string, line int) {
	k := strings.Join(key, ".")
	if _, ok := m[k]; !ok && line > 0 {
		m[k] = line
	}
}

// line returns the line of key, or of the nearest enclosing table that
// has one, or 0.
func (m lineMap) line(key []string) int {
	for n := len(key); n > 0; n-- {
		if l, ok := m[strings.Join(key[:n], ".")]; ok {
			return l
		}
	}
	return 0
}
